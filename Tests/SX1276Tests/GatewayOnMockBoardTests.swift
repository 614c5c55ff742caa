import HAL
import LoRaPHY
import LoRaWAN
import MockBoard
import SX1276Emulator
import Testing
@testable import SX1276

typealias BoardRadio = SX1276<EmulatedSPIDevice, EmulatedControlLines>

/// The driver on the mock board's HAL pieces, as the gateway's event loop
/// will use it: RX continuous on one channel, ACKs to confirmed uplinks sent
/// in RX1 exactly RECEIVE_DELAY1 after the RxDone edge.
@Suite struct GatewayOnMockBoardTests {
    @Test func anHourOfUplinksReceivedAndConfirmedOnesAcknowledged() throws {
        let keys = SessionKeys(nwkSKey: AES128Key(hex: "2B7E151628AED2A6ABF7158809CF4F3C")!,
                               appSKey: AES128Key(hex: "000102030405060708090A0B0C0D0E0F")!)
        let board = MockBoard(seed: 2024)
        for index in 0..<6 {
            board.addDevice(DeviceDescription(
                name: "node-\(index)", devAddr: DevAddr(0x2601_2000 + UInt32(index)), keys: keys,
                uplinkFrequencyHz: 868_100_000, uplinkParameters: LoRaParameters(spreadingFactor: .sf7),
                payloadBytes: 8, confirmed: index % 2 == 0, periodMicros: 120_000_000, jitterMicros: 10_000_000))
        }
        var radio: BoardRadio = SX1276(bus: board.spi, lines: board.radioLines, busName: MockBoard.busName)
        try radio.initialize()
        let channel = RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7))
        var downlink = channel
        downlink.parameters.crcOn = false
        downlink.invertIQ = true
        try radio.configureReceiver(channel)
        try radio.startReceiveContinuous()

        let end: UInt64 = 3_600_000_000
        var received: [ReceivedPacket] = []
        var downlinkCounter: UInt32 = 0
        while board.clock.now < end {
            guard let event = try radio.waitForEvent(timeoutMicros: end - board.clock.now) else { continue }
            guard case .received(let packet) = event, packet.crc == .ok else { continue }
            received.append(packet)
            let header = try DataFrameCodec.peek(packet.payload)
            guard header.messageType == .confirmedDataUp, let devAddr = header.devAddr else { continue }
            // Load early, fire on time: TX starts when OpMode TX is written.
            let ack = try DataFrameCodec.encode(
                DataFrame(messageType: .unconfirmedDataDown, devAddr: devAddr, ack: true, frameCounter: downlinkCounter),
                keys: keys)
            downlinkCounter += 1
            try radio.prepareTransmit(ack, settings: downlink, powerDBm: 14, output: .paBoost)
            board.clock.advance(to: packet.timestampMicros + 1_000_000)
            try radio.fireTransmit()
            while true {
                if case .transmitted = try radio.waitForEvent(timeoutMicros: 1_000_000) { break }
            }
            try radio.startReceiveContinuous()
        }

        let sent = board.devices.reduce(0) { $0 + $1.uplinks.count }
        #expect(sent >= 170)
        // Same channel and SF: a few uplinks may collide; nearly all get through.
        #expect(received.count >= sent - 10 && received.count <= sent)
        for device in board.devices where device.description.confirmed {
            let caught = device.downlinks.filter { $0.caught && $0.window == .rx1 && $0.frame?.ack == true }
            #expect(caught.count >= device.uplinks.count - 4)
            #expect(device.downlinks.allSatisfy { $0.caught })
        }
        for device in board.devices where !device.description.confirmed {
            #expect(device.downlinks.isEmpty)
        }
    }
}
