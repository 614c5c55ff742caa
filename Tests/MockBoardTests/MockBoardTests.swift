import HAL
import LoRaPHY
import LoRaWAN
import MockBoard
import SX1276Emulator
import Testing

let nwkSKey = AES128Key(hex: "2B7E151628AED2A6ABF7158809CF4F3C")!
let appSKey = AES128Key(hex: "000102030405060708090A0B0C0D0E0F")!
let keys = SessionKeys(nwkSKey: nwkSKey, appSKey: appSKey)

func description(_ index: Int, confirmed: Bool = false, first: UInt64? = nil) -> DeviceDescription {
    DeviceDescription(
        name: "node-\(index)", devAddr: DevAddr(0x2601_1000 + UInt32(index)), keys: keys,
        uplinkFrequencyHz: [868_100_000, 868_300_000, 868_500_000][index % 3],
        uplinkParameters: LoRaParameters(spreadingFactor: [.sf7, .sf8, .sf9, .sf10][index % 4]),
        payloadBytes: 10 + index, confirmed: confirmed, periodMicros: 60_000_000, jitterMicros: 5_000_000,
        firstUplinkMicros: first)
}

/// A whole hour, no gateway: every uplink record of every device.
func hour(seed: UInt64) -> [[UplinkRecord]] {
    let board = MockBoard(seed: seed)
    for index in 0..<10 { board.addDevice(description(index)) }
    board.run(until: 3_600_000_000)
    return board.devices.map { $0.uplinks }
}

@Suite struct MockBoardTrafficTests {
    @Test func anHourOfTrafficIsDeterministicPerSeed() {
        let first = hour(seed: 42)
        let again = hour(seed: 42)
        let other = hour(seed: 43)
        #expect(first == again)
        #expect(first != other)
        for uplinks in first {
            #expect(uplinks.count >= 55 && uplinks.count <= 61)
            #expect(uplinks.map { $0.frameCounter } == (0..<UInt32(uplinks.count)).map { $0 })
        }
    }

    @Test func uplinksAreRealLoRaWANFrames() throws {
        let board = MockBoard(seed: 7)
        let device = board.addDevice(description(3, confirmed: true, first: 1_000))
        board.run(until: 600_000_000)
        #expect(device.uplinks.count >= 9)
        for record in device.uplinks {
            let frame = try DataFrameCodec.decode(record.phyPayload, keys: keys, frameCounterHint: record.frameCounter)
            #expect(frame.devAddr == DevAddr(0x2601_1003))
            #expect(frame.messageType == .confirmedDataUp)
            #expect(frame.frameCounter == record.frameCounter)
            #expect(frame.frmPayload.count == 13 && frame.fPort == 1)
            #expect(record.endMicros - record.startMicros
                    == UInt64(Airtime(payloadBytes: record.phyPayload.count, parameters: record.parameters).totalMicros))
        }
        #expect(device.uplinks[0].startMicros == 1_000)
    }
}

@Suite struct MockBoardWindowTests {
    /// One device, first uplink at 1 s; returns the board, device and uplink end.
    func setUp() -> (MockBoard, SimulatedDevice, UInt64) {
        let board = MockBoard(seed: 1)
        let device = board.addDevice(description(0, first: 1_000_000))
        board.run(until: 1_500_000)
        return (board, device, device.uplinks[0].endMicros)
    }

    func sendDownlink(_ board: MockBoard, at start: UInt64, frequencyHz: Double = 868_100_000,
                      parameters: LoRaParameters = LoRaParameters(spreadingFactor: .sf7, crcOn: false),
                      confirmed: Bool = false, counter: UInt32 = 0) throws {
        let frame = DataFrame(messageType: confirmed ? .confirmedDataDown : .unconfirmedDataDown,
                              devAddr: DevAddr(0x2601_1000), ack: true, frameCounter: counter)
        let bytes = try DataFrameCodec.encode(frame, keys: keys)
        board.clock.advance(to: start)
        board.air.transmit(from: MockBoard.gatewayNodeID, frequencyHz: frequencyHz, parameters: parameters,
                           syncWord: 0x34, invertedIQ: true, payload: bytes, txPowerDBm: 14, startMicros: start)
    }

    @Test func downlinkAtRX1OpeningIsCaughtAndDecoded() throws {
        let (board, device, end) = setUp()
        try sendDownlink(board, at: end + 1_000_000)
        board.run(until: end + 3_000_000)
        let record = try #require(device.downlinks.first)
        #expect(record.window == .rx1 && record.caught && record.reason == "")
        #expect(record.frame?.ack == true)
        #expect(record.windowOpensMicros == end + 1_000_000)
    }

    @Test func downlinkWhosePreambleEndsBeforeTheWindowIsTooEarly() throws {
        let (board, device, end) = setUp()
        // SF7 preamble: 12.25 · 1.024 ms = 12.5 ms; start 20 ms early.
        try sendDownlink(board, at: end + 1_000_000 - 20_000)
        board.run(until: end + 3_000_000)
        let record = try #require(device.downlinks.first)
        #expect(!record.caught && record.reason.hasPrefix("too early"))
    }

    @Test func downlinkAfterTheWindowClosedIsTooLate() throws {
        let (board, device, end) = setUp()
        try sendDownlink(board, at: end + 1_000_000 + 9 * 1_024)
        board.run(until: end + 3_000_000)
        let record = try #require(device.downlinks.first)
        #expect(!record.caught && record.reason.hasPrefix("too late"))
    }

    @Test func rx2OnItsOwnChannelAndRate() throws {
        let (board, device, end) = setUp()
        try sendDownlink(board, at: end + 2_000_000, frequencyHz: 869_525_000,
                         parameters: LoRaParameters(spreadingFactor: .sf12, crcOn: false))
        board.run(until: end + 5_000_000)
        let record = try #require(device.downlinks.first)
        #expect(record.window == .rx2 && record.caught)
    }

    @Test func rx2IsNotOpenedAfterAnRX1Downlink() throws {
        let (board, device, end) = setUp()
        try sendDownlink(board, at: end + 1_000_000)
        try sendDownlink(board, at: end + 2_000_000, frequencyHz: 869_525_000,
                         parameters: LoRaParameters(spreadingFactor: .sf12, crcOn: false), counter: 1)
        board.run(until: end + 5_000_000)
        #expect(device.downlinks.count == 2)
        #expect(device.downlinks[1].window == .rx2 && !device.downlinks[1].caught)
    }

    @Test func confirmedDownlinkIsAcknowledgedInTheNextUplink() throws {
        let (board, device, end) = setUp()
        try sendDownlink(board, at: end + 1_000_000, confirmed: true)
        board.run(until: 200_000_000)
        let next = try DataFrameCodec.decode(device.uplinks[1].phyPayload, keys: keys, frameCounterHint: 1)
        #expect(next.ack)
        let third = try DataFrameCodec.decode(device.uplinks[2].phyPayload, keys: keys, frameCounterHint: 2)
        #expect(!third.ack)
    }

    @Test func downlinkForAnotherDeviceIsIgnored() throws {
        let (board, device, end) = setUp()
        let frame = DataFrame(messageType: .unconfirmedDataDown, devAddr: DevAddr(0x0102_0304), frameCounter: 0)
        board.clock.advance(to: end + 1_000_000)
        board.air.transmit(from: 0, frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7, crcOn: false),
                           syncWord: 0x34, invertedIQ: true, payload: try DataFrameCodec.encode(frame, keys: keys), txPowerDBm: 14)
        board.run(until: end + 3_000_000)
        #expect(device.downlinks.isEmpty)
    }
}
