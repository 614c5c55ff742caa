import HAL
import LoRaPHY
import SX1276Emulator
import Testing
@testable import SX1276

typealias EmulatedRadio = SX1276<EmulatedSPIDevice, EmulatedControlLines>

/// A gateway chip (node 0) and a peer node on one air.
final class Bench {
    let clock = VirtualClock()
    let air: Air
    let chip: SX1276Chip
    var radio: EmulatedRadio

    init() {
        air = Air(clock: clock)
        chip = SX1276Chip(clock: clock, air: air, nodeID: 0)
        radio = Bench.radio(on: chip)
    }

    static func radio(on chip: SX1276Chip) -> EmulatedRadio {
        SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "emulator")
    }

    /// A peer (node 7) sends `payload` now.
    @discardableResult
    func peerSends(_ payload: [UInt8], settings: RadioSettings, powerDBm: Double = 14, bitErrors: Int = 0,
                   frequencyOffsetHz: Double = 0) -> AirFrame {
        air.transmit(from: 7, frequencyHz: Double(settings.frequencyHz) + frequencyOffsetHz, parameters: settings.parameters,
                     syncWord: settings.syncWord, invertedIQ: settings.invertIQ, payload: payload, txPowerDBm: powerDBm,
                     bitErrors: bitErrors)
    }
}

let uplink = RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7))

@Suite struct DriverAgainstEmulatorTests {
    @Test func initializeAndProbe() throws {
        let bench = Bench()
        #expect(try bench.radio.initialize() == 0x12)
        let mode = try bench.radio.readOperatingMode()
        #expect(mode.longRangeMode && mode.mode == .standby)
        try bench.radio.sleep()
        #expect(try bench.radio.readOperatingMode().mode == .sleep)
    }

    @Test func receivesAGoodFrameWithLinkBudgetFigures() throws {
        let bench = Bench()
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)
        try bench.radio.startReceiveContinuous()
        let payload: [UInt8] = Array(0..<23)
        let frame = bench.peerSends(payload, settings: uplink, frequencyOffsetHz: 1_000)
        let packet = try #require(try bench.radio.receive(timeoutMicros: 1_000_000))
        #expect(packet.payload == payload)
        #expect(packet.crc == .ok)
        #expect(packet.codingRate == .cr4_5)
        #expect(packet.timestampMicros == frame.endMicros)
        // 14 dBm − 110 dB path loss; noise floor −174 + 10·log10(125 kHz) + 6 dB.
        #expect(abs(packet.rssiDBm - -96) <= 1)
        #expect(abs(packet.snrDB - 21) <= 0.5)
        #expect(abs(packet.frequencyErrorHz - 1_000) < 62)
        #expect(packet.spreadingFactor == .sf7 && packet.frequencyHz == 868_100_000)
        // RX continuous stays in RX.
        #expect(try bench.radio.readOperatingMode().mode == .receiveContinuous)
    }

    @Test func weakFrameBelowNoiseGetsNegativeSNRAndCorrectedRSSI() throws {
        let bench = Bench()
        let sf12 = RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf12))
        try bench.radio.initialize()
        try bench.radio.configureReceiver(sf12)
        try bench.radio.startReceiveContinuous()
        bench.air.setPathLoss(between: 0, and: 7, dB: 145)  // −131 dBm: SNR about −14 dB
        bench.peerSends([1, 2, 3], settings: sf12)
        let packet = try #require(try bench.radio.receive(timeoutMicros: 5_000_000))
        #expect(packet.snrDB < 0)
        #expect(abs(packet.rssiDBm - -131) <= 1)
    }

    @Test func crcErrorIsReported() throws {
        let bench = Bench()
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)
        try bench.radio.startReceiveContinuous()
        bench.peerSends([9, 9, 9, 9], settings: uplink, bitErrors: 1)
        let packet = try #require(try bench.radio.receive(timeoutMicros: 1_000_000))
        #expect(packet.crc == .bad)
        #expect(packet.payload != [9, 9, 9, 9])
    }

    @Test func downlinkWithoutCRCSaysAbsent() throws {
        let bench = Bench()
        var settings = uplink
        settings.parameters.crcOn = false
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)  // our own CRC setting does not matter in explicit mode
        try bench.radio.startReceiveContinuous()
        bench.peerSends([1], settings: settings)
        let packet = try #require(try bench.radio.receive(timeoutMicros: 1_000_000))
        #expect(packet.crc == .absent)
    }

    @Test func wrongSyncWordIsNotHeard() throws {
        let bench = Bench()
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)
        try bench.radio.startReceiveContinuous()
        var other = uplink
        other.syncWord = RadioSettings.privateSyncWord
        bench.peerSends([1, 2], settings: other)
        #expect(try bench.radio.receive(timeoutMicros: 1_000_000) == nil)
    }

    @Test func wrongIQPolarityIsNotHeard() throws {
        let bench = Bench()
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)
        try bench.radio.startReceiveContinuous()
        var inverted = uplink
        inverted.invertIQ = true
        bench.peerSends([1, 2], settings: inverted)
        #expect(try bench.radio.receive(timeoutMicros: 1_000_000) == nil)
    }

    @Test func tooWeakIsLostButSlowerSFStillDecodes() throws {
        let bench = Bench()
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)
        try bench.radio.startReceiveContinuous()
        bench.air.setPathLoss(between: 0, and: 7, dB: 145)  // SNR about −14 dB: below SF7's −7.5 dB
        bench.peerSends([1, 2], settings: uplink)
        #expect(try bench.radio.receive(timeoutMicros: 1_000_000) == nil)
    }

    @Test func transmitLastsItsAirtimeWithInvertedIQ() throws {
        let bench = Bench()
        let device = SX1276Chip(clock: bench.clock, air: bench.air, nodeID: 7)
        var deviceRadio = Bench.radio(on: device)
        let downlink = RadioSettings(
            frequencyHz: 869_525_000, parameters: LoRaParameters(spreadingFactor: .sf9, crcOn: false), invertIQ: true)
        try bench.radio.initialize()
        try deviceRadio.initialize()
        try bench.radio.configureReceiver(uplink)
        try deviceRadio.configureReceiver(downlink)
        try deviceRadio.startReceiveContinuous()

        let payload: [UInt8] = Array(repeating: 0x5A, count: 20)
        let start = bench.clock.now
        try bench.radio.startTransmit(payload, settings: downlink, powerDBm: 14, output: .paBoost)
        #expect(try bench.radio.readOperatingMode().mode == .transmit)
        guard case .transmitted(let done) = try bench.radio.waitForEvent(timeoutMicros: 2_000_000) else {
            Issue.record("no TxDone")
            return
        }
        #expect(Int64(done - start) == Airtime(payloadBytes: 20, parameters: downlink.parameters).totalMicros)
        #expect(try bench.radio.readOperatingMode().mode == .standby)
        let sent = try #require(bench.chip.transmitLog.last)
        #expect(sent.invertedIQ && sent.powerDBm == 14 && sent.payload == payload && !sent.parameters.crcOn)
        #expect(abs(sent.frequencyHz - 869_525_000) < 61.1)
        // The end device, listening with inverted IQ, got it.
        let heard = try #require(try deviceRadio.receive(timeoutMicros: 0))
        #expect(heard.payload == payload && heard.crc == .absent)

        // Back to RX on the uplink channel with non-inverted IQ.
        try bench.radio.startReceiveContinuous()
        #expect(try bench.radio.readOperatingMode().mode == .receiveContinuous)
        bench.peerSends([7], settings: uplink)
        #expect(try bench.radio.receive(timeoutMicros: 1_000_000)?.payload == [7])
    }

    @Test func channelActivityDetection() throws {
        let bench = Bench()
        try bench.radio.initialize()
        #expect(try bench.radio.detectChannelActivity(uplink, timeoutMicros: 100_000) == false)
        bench.peerSends(Array(repeating: 1, count: 30), settings: uplink)
        #expect(try bench.radio.detectChannelActivity(uplink, timeoutMicros: 100_000) == true)
        #expect(try bench.radio.readOperatingMode().mode == .standby)
    }

    @Test func receiveSingleTimesOut() throws {
        let bench = Bench()
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)
        let start = bench.clock.now
        try bench.radio.startReceiveSingle(timeoutSymbols: 10)
        guard case .receiveTimeout(let micros) = try bench.radio.waitForEvent(timeoutMicros: 1_000_000) else {
            Issue.record("no RxTimeout")
            return
        }
        #expect(micros - start == 10_240)  // 10 symbols of 1.024 ms
        #expect(try bench.radio.readOperatingMode().mode == .standby)
    }

    @Test func receiveSingleCatchesAFrameAndReturnsToStandby() throws {
        let bench = Bench()
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)
        try bench.radio.startReceiveSingle(timeoutSymbols: 20)
        bench.peerSends([4, 2], settings: uplink)
        guard case .received(let packet) = try bench.radio.waitForEvent(timeoutMicros: 1_000_000) else {
            Issue.record("no RxDone")
            return
        }
        #expect(packet.payload == [4, 2])
        #expect(try bench.radio.readOperatingMode().mode == .standby)
    }

    @Test func twoPacketsInARowInRxContinuous() throws {
        let bench = Bench()
        try bench.radio.initialize()
        try bench.radio.configureReceiver(uplink)
        try bench.radio.startReceiveContinuous()
        bench.peerSends(Array(repeating: 0x11, count: 200), settings: uplink)
        let first = try #require(try bench.radio.receive(timeoutMicros: 1_000_000))
        bench.peerSends(Array(repeating: 0x22, count: 100), settings: uplink)
        let second = try #require(try bench.radio.receive(timeoutMicros: 1_000_000))
        #expect(first.payload == Array(repeating: 0x11, count: 200))
        #expect(second.payload == Array(repeating: 0x22, count: 100))  // wraps around the 256-byte FIFO
    }
}
