import HAL
import LoRaPHY
import Testing
@testable import SX1276Emulator

// Emulator-only tests: raw SPI bytes, addresses and values from the
// datasheet, no driver.

func read(_ chip: SX1276Chip, _ address: UInt8) -> UInt8 {
    var buffer: [UInt8] = [address, 0]
    chip.transfer(&buffer)
    return buffer[1]
}

@discardableResult
func write(_ chip: SX1276Chip, _ address: UInt8, _ value: UInt8) -> UInt8 {
    var buffer: [UInt8] = [address | 0x80, value]
    chip.transfer(&buffer)
    return buffer[1]
}

func makeChip() -> (SX1276Chip, VirtualClock, Air) {
    let clock = VirtualClock()
    let air = Air(clock: clock)
    return (SX1276Chip(clock: clock, air: air, nodeID: 0), clock, air)
}

/// FSK sleep → LoRa sleep → LoRa standby, 868.1 MHz, SF7/125 kHz/4/5, CRC, sync 0x34.
func loraStandby(_ chip: SX1276Chip) {
    write(chip, 0x01, 0x00)
    write(chip, 0x01, 0x80)
    write(chip, 0x01, 0x81)
    var frf: [UInt8] = [0x86, 0xD9, 0x06, 0x66]
    chip.transfer(&frf)
    write(chip, 0x1E, 0x74)
    write(chip, 0x39, 0x34)
}

let sf7 = LoRaParameters(spreadingFactor: .sf7)

@Suite struct EmulatorRegisterTests {
    @Test func resetValues() {
        let (chip, _, _) = makeChip()
        #expect(read(chip, 0x42) == 0x12)
        #expect(read(chip, 0x01) == 0x09)
        var burst: [UInt8] = [0x06, 0, 0, 0, 0, 0, 0]
        chip.transfer(&burst)
        #expect(Array(burst[1...]) == [0x6C, 0x80, 0x00, 0x4F, 0x09, 0x2B])  // Frf, PaConfig, PaRamp, Ocp
        #expect(read(chip, 0x4D) == 0x84)
        write(chip, 0x01, 0x00)
        write(chip, 0x01, 0x80)
        #expect(read(chip, 0x0E) == 0x80 && read(chip, 0x0F) == 0x00)
        #expect(read(chip, 0x1D) == 0x72 && read(chip, 0x1E) == 0x70 && read(chip, 0x1F) == 0x64)
        #expect(read(chip, 0x21) == 0x08 && read(chip, 0x23) == 0xFF && read(chip, 0x26) == 0x04)
        #expect(read(chip, 0x31) == 0xC3 && read(chip, 0x33) == 0x27 && read(chip, 0x37) == 0x0A)
        #expect(read(chip, 0x39) == 0x12 && read(chip, 0x3B) == 0x1D)
    }

    @Test func separateFSKAndLoRaPages() {
        let (chip, _, _) = makeChip()
        #expect(read(chip, 0x0E) == 0x02)  // FSK RegRssiConfig
        write(chip, 0x01, 0x00)
        write(chip, 0x01, 0x80)
        #expect(read(chip, 0x0E) == 0x80)  // LoRa RegFifoTxBaseAddr
        write(chip, 0x0E, 0x40)
        write(chip, 0x01, 0xC0)  // AccessSharedReg: FSK page
        #expect(read(chip, 0x0E) == 0x02)
        write(chip, 0x01, 0x80)
        #expect(read(chip, 0x0E) == 0x40)
    }

    @Test func longRangeModeChangesOnlyInSleep() {
        let (chip, _, _) = makeChip()
        write(chip, 0x01, 0x81)  // from FSK standby: LoRa bit ignored
        #expect(read(chip, 0x01) == 0x01)
        write(chip, 0x01, 0x00)
        write(chip, 0x01, 0x80)
        #expect(read(chip, 0x01) == 0x80)
        write(chip, 0x01, 0x81)
        write(chip, 0x01, 0x01)  // back to FSK outside sleep: ignored
        #expect(read(chip, 0x01) == 0x81)
    }

    @Test func misoReturnsOldValueDuringWrites() {
        let (chip, _, _) = makeChip()
        loraStandby(chip)
        #expect(write(chip, 0x39, 0x12) == 0x34)
        #expect(read(chip, 0x39) == 0x12)
    }

    @Test func burstAutoIncrements() {
        let (chip, _, _) = makeChip()
        loraStandby(chip)
        var buffer: [UInt8] = [0x20 | 0x80, 0x00, 0x0C, 0x20]
        chip.transfer(&buffer)
        #expect(read(chip, 0x20) == 0x00 && read(chip, 0x21) == 0x0C && read(chip, 0x22) == 0x20)
    }

    @Test func readOnlyRegistersIgnoreWrites() {
        let (chip, _, _) = makeChip()
        loraStandby(chip)
        write(chip, 0x13, 0x05)
        write(chip, 0x42, 0x99)
        write(chip, 0x19, 0x44)
        #expect(read(chip, 0x13) == 0x00)
        #expect(read(chip, 0x42) == 0x12)
        #expect(read(chip, 0x19) == 0x00)
    }

    @Test func nresetLowHoldsTheChipAndReleaseRestoresResetValues() {
        let (chip, _, _) = makeChip()
        loraStandby(chip)
        chip.setNReset(high: false)
        #expect(read(chip, 0x42) == 0x00)
        write(chip, 0x39, 0x55)
        chip.setNReset(high: true)
        #expect(read(chip, 0x42) == 0x12)
        #expect(read(chip, 0x01) == 0x09)
        #expect(read(chip, 0x06) == 0x6C)
    }
}

@Suite struct EmulatorFifoTests {
    @Test func fifoPointerAdvancesAndPersistsAcrossFrames() {
        let (chip, _, _) = makeChip()
        loraStandby(chip)
        write(chip, 0x0D, 0x10)
        var burst: [UInt8] = [0x80, 0xA1, 0xA2, 0xA3]
        chip.transfer(&burst)
        #expect(read(chip, 0x0D) == 0x13)
        write(chip, 0x00, 0xA4)  // a second frame continues where the first stopped
        #expect(read(chip, 0x0D) == 0x14)
        write(chip, 0x0D, 0x10)
        var back: [UInt8] = [0x00, 0, 0, 0, 0]
        chip.transfer(&back)
        #expect(Array(back[1...]) == [0xA1, 0xA2, 0xA3, 0xA4])
        // The address byte of a FIFO burst does not move off RegFifo.
        #expect(read(chip, 0x0D) == 0x14)
    }

    @Test func fifoPointerWrapsAt256() {
        let (chip, _, _) = makeChip()
        loraStandby(chip)
        write(chip, 0x0D, 0xFF)
        var burst: [UInt8] = [0x80, 1, 2]
        chip.transfer(&burst)
        #expect(read(chip, 0x0D) == 0x01)
    }

    @Test func fifoAccessInSleepIsIgnored() {
        let (chip, _, _) = makeChip()
        loraStandby(chip)
        write(chip, 0x01, 0x80)  // LoRa sleep
        write(chip, 0x0D, 0x00)
        write(chip, 0x00, 0x77)
        #expect(read(chip, 0x0D) == 0x00)
        write(chip, 0x01, 0x81)
        #expect(read(chip, 0x00) == 0x00)
    }
}

@Suite struct EmulatorTimingTests {
    /// Loads `count` bytes at FifoTxBaseAddr and starts TX.
    func transmit(_ chip: SX1276Chip, count: Int) {
        write(chip, 0x0D, read(chip, 0x0E))
        var burst: [UInt8] = [0x80] + [UInt8](repeating: 0x42, count: count)
        chip.transfer(&burst)
        write(chip, 0x22, UInt8(count))
        write(chip, 0x01, 0x83)
    }

    @Test func txLastsItsAirtimeThenTxDoneAndStandby() {
        let (chip, clock, _) = makeChip()
        loraStandby(chip)
        write(chip, 0x40, 0x40)  // DIO0 = TxDone
        transmit(chip, count: 10)
        #expect(read(chip, 0x01) == 0x83)
        let airtime = UInt64(Airtime(payloadBytes: 10, parameters: sf7).totalMicros)
        clock.advance(to: airtime - 1)
        #expect(read(chip, 0x01) == 0x83 && !chip.dioLevel(0))
        clock.advance(to: airtime)
        #expect(read(chip, 0x01) == 0x81)
        #expect(read(chip, 0x12) == 0x08)
        #expect(chip.dioLevel(0))
        #expect(chip.takeEdge(dio: 0) == airtime)
        write(chip, 0x12, 0x08)  // write 1 to clear
        #expect(read(chip, 0x12) == 0x00 && !chip.dioLevel(0))
    }

    @Test func maskedFlagsAreNotSet() {
        let (chip, clock, _) = makeChip()
        loraStandby(chip)
        write(chip, 0x40, 0x40)
        write(chip, 0x11, 0x08)  // mask TxDone
        transmit(chip, count: 4)
        clock.advance(to: 1_000_000)
        #expect(read(chip, 0x12) == 0x00)
        #expect(!chip.dioLevel(0))
        #expect(read(chip, 0x01) == 0x81)  // TX still ends
    }

    @Test func irqFlagsClearPerBit() {
        let (chip, clock, air) = makeChip()
        loraStandby(chip)
        write(chip, 0x01, 0x85)
        air.transmit(from: 5, frequencyHz: 868_100_000, parameters: sf7, syncWord: 0x34, invertedIQ: false,
                     payload: [1, 2, 3], txPowerDBm: 14, bitErrors: 2)
        clock.advance(to: 1_000_000)
        #expect(read(chip, 0x12) == 0x70)  // RxDone, PayloadCrcError, ValidHeader
        write(chip, 0x12, 0x20)
        #expect(read(chip, 0x12) == 0x50)
        write(chip, 0x12, 0xFF)
        #expect(read(chip, 0x12) == 0x00)
    }

    @Test func validHeaderAtHeaderTimeRxDoneAtEnd() {
        let (chip, clock, air) = makeChip()
        loraStandby(chip)
        write(chip, 0x40, 0x01)  // DIO0 RxDone, DIO3 ValidHeader
        write(chip, 0x01, 0x85)
        let frame = air.transmit(from: 5, frequencyHz: 868_100_000, parameters: sf7, syncWord: 0x34, invertedIQ: false,
                                 payload: [UInt8](repeating: 7, count: 30), txPowerDBm: 14)
        clock.advance(to: frame.headerEndMicros - 1)
        #expect(read(chip, 0x12) == 0x00)
        clock.advance(to: frame.headerEndMicros)
        #expect(read(chip, 0x12) == 0x10 && chip.dioLevel(3))
        clock.advance(to: frame.endMicros - 1)
        #expect(!chip.dioLevel(0))
        clock.advance(to: frame.endMicros)
        #expect(chip.dioLevel(0) && chip.takeEdge(dio: 0) == frame.endMicros)
        #expect(read(chip, 0x13) == 30)
        #expect(read(chip, 0x01) == 0x85)  // RXCONT stays
    }

    @Test func rxSingleTimesOutAfterSymbTimeout() {
        let (chip, clock, _) = makeChip()
        loraStandby(chip)
        write(chip, 0x1F, 0x05)  // 5 symbols
        write(chip, 0x01, 0x86)
        clock.advance(to: 5 * 1024 - 1)
        #expect(read(chip, 0x01) == 0x86)
        clock.advance(to: 5 * 1024)
        #expect(read(chip, 0x12) == 0x80 && chip.dioLevel(1))
        #expect(read(chip, 0x01) == 0x81)
    }

    @Test func cadDetectsAFrameOnAir() {
        let (chip, clock, air) = makeChip()
        loraStandby(chip)
        write(chip, 0x40, 0xA0)  // DIO0 CadDone, DIO1 CadDetected
        write(chip, 0x01, 0x87)
        clock.advance(to: 10_000)
        #expect(read(chip, 0x12) == 0x04 && read(chip, 0x01) == 0x81)
        write(chip, 0x12, 0xFF)
        air.transmit(from: 5, frequencyHz: 868_100_000, parameters: sf7, syncWord: 0x34, invertedIQ: false,
                     payload: [1, 2, 3], txPowerDBm: 14)
        write(chip, 0x01, 0x87)
        clock.advance(to: 20_000)
        #expect(read(chip, 0x12) == 0x05 && chip.dioLevel(0) && chip.dioLevel(1))
    }

    @Test func receivedPacketLandsAtFifoRxBaseAddr() {
        let (chip, clock, air) = makeChip()
        loraStandby(chip)
        write(chip, 0x0F, 0x20)
        write(chip, 0x01, 0x85)
        air.transmit(from: 5, frequencyHz: 868_100_000, parameters: sf7, syncWord: 0x34, invertedIQ: false,
                     payload: [0xCA, 0xFE], txPowerDBm: 14)
        clock.advance(to: 1_000_000)
        #expect(read(chip, 0x10) == 0x20 && read(chip, 0x13) == 2)
        #expect(read(chip, 0x1C) & 0x40 != 0)  // CrcOnPayload from the header
        write(chip, 0x0D, 0x20)
        var burst: [UInt8] = [0x00, 0, 0]
        chip.transfer(&burst)
        #expect(Array(burst[1...]) == [0xCA, 0xFE])
    }

    @Test func leavingRxAbortsAReception() {
        let (chip, clock, air) = makeChip()
        loraStandby(chip)
        write(chip, 0x01, 0x85)
        air.transmit(from: 5, frequencyHz: 868_100_000, parameters: sf7, syncWord: 0x34, invertedIQ: false,
                     payload: [1, 2, 3], txPowerDBm: 14)
        clock.advance(to: 5_000)
        write(chip, 0x01, 0x81)
        clock.advance(to: 1_000_000)
        #expect(read(chip, 0x12) == 0x00)
    }
}

@Suite struct EmulatorCollisionTests {
    func listen(_ air: Air, _ clock: VirtualClock) -> SX1276Chip {
        let chip = SX1276Chip(clock: clock, air: air, nodeID: 0)
        loraStandby(chip)
        write(chip, 0x01, 0x85)
        return chip
    }

    func send(_ air: Air, from node: Int, power: Double, at start: UInt64, sf: SpreadingFactor = .sf7, payload: [UInt8]) {
        air.transmit(from: node, frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: sf), syncWord: 0x34,
                     invertedIQ: false, payload: payload, txPowerDBm: power, startMicros: start)
    }

    @Test func equalPowerOverlapLosesTheFrame() {
        let clock = VirtualClock()
        let air = Air(clock: clock)
        let chip = listen(air, clock)
        send(air, from: 5, power: 14, at: 0, payload: [1, 1, 1, 1])
        send(air, from: 6, power: 14, at: 10_000, payload: [2, 2, 2, 2])
        clock.advance(to: 1_000_000)
        #expect(read(chip, 0x12) & 0x40 == 0)
    }

    @Test func strongerFrameSurvivesWithCaptureMargin() {
        let clock = VirtualClock()
        let air = Air(clock: clock)
        let chip = listen(air, clock)
        send(air, from: 5, power: 14, at: 0, payload: [1, 1, 1, 1])
        send(air, from: 6, power: 4, at: 10_000, payload: [2, 2, 2, 2])  // 10 dB weaker
        clock.advance(to: 1_000_000)
        #expect(read(chip, 0x12) & 0x40 != 0)
        write(chip, 0x0D, read(chip, 0x10))
        #expect(read(chip, 0x00) == 1)
    }

    @Test func differentSpreadingFactorsDoNotCollide() {
        let clock = VirtualClock()
        let air = Air(clock: clock)
        let chip = listen(air, clock)
        send(air, from: 5, power: 14, at: 0, payload: [1, 1, 1, 1])
        send(air, from: 6, power: 14, at: 5_000, sf: .sf9, payload: [2, 2, 2, 2])
        clock.advance(to: 1_000_000)
        #expect(read(chip, 0x12) & 0x40 != 0)
    }

    @Test func frameAlreadyPastItsPreambleIsNotCaught() {
        let clock = VirtualClock()
        let air = Air(clock: clock)
        let chip = SX1276Chip(clock: clock, air: air, nodeID: 0)
        loraStandby(chip)
        send(air, from: 5, power: 14, at: 0, payload: [UInt8](repeating: 3, count: 40))
        clock.advance(to: 12_000)  // preamble (12.25 symbols ≈ 12.5 ms) nearly over
        write(chip, 0x01, 0x85)
        clock.advance(to: 1_000_000)
        #expect(read(chip, 0x12) == 0x00)
    }

    @Test func linkBudgetFigures() {
        #expect(abs(Air.noiseFloorDBm(bandwidth: .khz125, noiseFigureDB: 6) - -117.03) < 0.01)
        #expect(Air.demodulationFloorDB(.sf7) == -7.5 && Air.demodulationFloorDB(.sf12) == -20)
        #expect(abs(log10(1000) - 3) < 1e-12 && abs(log10(125_000) - 5.09691) < 1e-5)
    }
}
