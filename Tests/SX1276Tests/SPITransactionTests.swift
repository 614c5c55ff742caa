import HAL
import LoRaPHY
import Testing
@testable import SX1276

/// The driver's SPI traffic, transaction by transaction: register access in
/// two-byte frames, bursts in one frame each (datasheet §4.3: the address
/// auto-increments, RegFifo reads advance FifoAddrPtr), so nothing is split
/// or padded when the buffers became fixed.
@Suite struct SPITransactionTests {
    @Test func aReceivedPacketIsReadInSixFixedFrames() throws {
        let file = RegisterFile()
        var radio = fixtureRadio(file)
        try radio.configureReceiver(RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7)))
        file.registers[0x12] = 0x40  // RegIrqFlags: RxDone
        file.registers[0x10] = 0x20  // RegFifoRxCurrentAddr
        file.registers[0x13] = 5  // RegRxNbBytes
        file.registers[0x00] = 0x5A  // what RegFifo reads (the fixture does not advance a FIFO)
        file.transactions = []
        guard case .received(let packet) = try radio.handleDIO0(Edge(timestampMicros: 7)) else {
            Issue.record("no packet")
            return
        }
        #expect(packet.payload == [0x5A, 0x5A, 0x5A, 0x5A, 0x5A])
        #expect(file.transactions.map(\.count) == [2, 14, 2, 6, 4, 2])
        #expect(file.transactions.map { $0[0] } == [0x12, 0x10, 0x8D, 0x00, 0x28, 0x92])
        #expect(file.transactions[2] == [0x8D, 0x20])  // FifoAddrPtr = FifoRxCurrentAddr
    }

    @Test func anEmptyPacketReadsNoFifo() throws {
        let file = RegisterFile()
        var radio = fixtureRadio(file)
        try radio.configureReceiver(RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7)))
        file.registers[0x12] = 0x40
        file.registers[0x13] = 0
        file.transactions = []
        guard case .received(let packet) = try radio.handleDIO0(Edge(timestampMicros: 7)) else {
            Issue.record("no packet")
            return
        }
        #expect(packet.payload.isEmpty)
        #expect(!file.transactions.contains { $0[0] == 0x00 })
    }

    @Test func eachTransmittedFrameIsOneFifoWrite() throws {
        let file = RegisterFile()
        var radio = fixtureRadio(file)
        let settings = RadioSettings(frequencyHz: 869_525_000, parameters: LoRaParameters(spreadingFactor: .sf9), invertIQ: true)
        for payload: [UInt8] in [[0xAA, 0xBB], Array(0..<255), [0x01]] {
            file.transactions = []
            try radio.startTransmit(payload, settings: settings, powerDBm: 14, output: .paBoost)
            let fifoWrites = file.transactions.filter { $0[0] == 0x80 }
            #expect(fifoWrites == [[0x80] + payload])
        }
    }

    @Test func channelAndPreambleAreBurstWrites() throws {
        let file = RegisterFile()
        var radio = fixtureRadio(file)
        file.transactions = []
        try radio.configureReceiver(RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7)))
        #expect(file.transactions.contains([0x86, 0xD9, 0x06, 0x66]))  // RegFrfMsb..Lsb
        #expect(file.transactions.contains([0xA0, 0x00, 0x08]))  // RegPreambleMsb, Lsb
        #expect(file.transactions.filter { $0.count == 2 }.count == file.transactions.count - 2)
    }
}
