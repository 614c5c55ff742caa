import HAL
import LoRaPHY
import Testing
@testable import SX1276

/// A plain register file seeded with the datasheet's reset values, with
/// addresses typed here from the datasheet (Rev. 7, tables 41 and 85) —
/// deliberately not `Register.*` — so a wrong constant in the driver shows.
final class RegisterFile {
    var registers = [UInt8](repeating: 0, count: 128)
    var writes: [(UInt8, UInt8)] = []
    /// What the driver clocked out, one entry per SPI transaction (chip select low to high).
    var transactions: [[UInt8]] = []
    var nreset = true

    init(version: UInt8 = 0x12) {
        registers[0x01] = 0x09
        registers[0x06] = 0x6C; registers[0x07] = 0x80; registers[0x08] = 0x00
        registers[0x09] = 0x4F; registers[0x0B] = 0x2B; registers[0x0C] = 0x20
        registers[0x0E] = 0x80; registers[0x1D] = 0x72; registers[0x1E] = 0x70; registers[0x1F] = 0x64
        registers[0x21] = 0x08; registers[0x22] = 0x01; registers[0x23] = 0xFF; registers[0x26] = 0x04
        registers[0x31] = 0xC3; registers[0x33] = 0x27; registers[0x37] = 0x0A; registers[0x39] = 0x12
        registers[0x3B] = 0x1D; registers[0x42] = version; registers[0x4D] = 0x84
    }
}

struct FixtureSPI: SPIDevice {
    typealias Failure = NoFailure
    let file: RegisterFile

    mutating func transfer(_ buffer: inout MutableSpan<UInt8>) throws(NoFailure) {
        file.transactions.append((0..<buffer.count).map { buffer[$0] })
        var address = Int(buffer[0] & 0x7F)
        let write = buffer[0] & 0x80 != 0
        buffer[0] = 0
        for index in 1..<buffer.count {
            let old = file.registers[address]
            if write {
                file.registers[address] = buffer[index]
                file.writes.append((UInt8(address), buffer[index]))
            }
            buffer[index] = old
            if address != 0 { address += 1 }
        }
    }
}

struct FixturePin: OutputPin {
    typealias Failure = NoFailure
    let file: RegisterFile
    mutating func setHigh(_ high: Bool) throws(NoFailure) { file.nreset = high }
}

struct CountingClock: MonotonicClock {
    var now: UInt64 = 0
    func nowMicros() -> UInt64 { now }
    mutating func sleep(micros: UInt64) { now += micros }
}

typealias FixtureRadio = SX1276<FixtureSPI, ControlLines<FixturePin, UnwiredInterruptLine, UnwiredInterruptLine, CountingClock>>

func fixtureRadio(_ file: RegisterFile, busName: String = "/dev/spidev0.0") -> FixtureRadio {
    SX1276(bus: FixtureSPI(file: file),
           lines: ControlLines(reset: FixturePin(file: file), dio0: UnwiredInterruptLine(), dio1: UnwiredInterruptLine(), clock: CountingClock()),
           busName: busName)
}

@Suite struct RegisterFileFixtureTests {
    @Test func initializeSelectsLoRaInSleepThenStandby() throws {
        let file = RegisterFile()
        var radio = fixtureRadio(file)
        #expect(try radio.initialize() == 0x12)
        let opModeWrites = file.writes.filter { $0.0 == 0x01 }.map { $0.1 }
        #expect(opModeWrites.prefix(3) == [0x08, 0x88, 0x81])  // FSK sleep, LoRa sleep, LoRa standby
        #expect(file.registers[0x0E] == 0x00 && file.registers[0x0F] == 0x00)  // FIFO bases
        #expect(radio.clock.now >= 5_000)  // waited after reset
    }

    @Test func configureWritesDatasheetAddresses() throws {
        let file = RegisterFile()
        var radio = fixtureRadio(file)
        try radio.initialize()
        try radio.configureReceiver(RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf9)))
        #expect(file.registers[0x06] == 0xD9 && file.registers[0x07] == 0x06 && file.registers[0x08] == 0x66)
        #expect(file.registers[0x1D] == 0x72)
        #expect(file.registers[0x1E] == 0x94)
        #expect(file.registers[0x20] == 0x00 && file.registers[0x21] == 0x08)
        #expect(file.registers[0x39] == 0x34)
        #expect(file.registers[0x33] == 0x27 && file.registers[0x3B] == 0x1D)
        #expect(file.registers[0x31] == 0x43 && file.registers[0x37] == 0x0A)
        #expect(file.registers[0x01] == 0x81)
        try radio.startReceiveContinuous()
        #expect(file.registers[0x01] == 0x85)
        #expect(file.registers[0x40] & 0xC0 == 0x00)  // DIO0 = RxDone
    }

    @Test func transmitLoadsFifoAndPowersThePA() throws {
        let file = RegisterFile()
        var radio = fixtureRadio(file)
        try radio.initialize()
        try radio.startTransmit([0xAA, 0xBB], settings: RadioSettings(
            frequencyHz: 869_525_000, parameters: LoRaParameters(spreadingFactor: .sf9, crcOn: false), invertIQ: true),
            powerDBm: 20, output: .paBoost)
        #expect(file.writes.contains { $0.0 == 0x00 && $0.1 == 0xAA })
        #expect(file.registers[0x22] == 2)
        #expect(file.registers[0x09] == 0xFF && file.registers[0x4D] == 0x87 && file.registers[0x0B] == 0x31)
        #expect(file.registers[0x33] == 0x26 && file.registers[0x3B] == 0x19)
        #expect(file.registers[0x40] & 0xC0 == 0x40)  // DIO0 = TxDone
        #expect(file.registers[0x01] == 0x83)  // LoRa TX, written last
        #expect(file.writes.last! == (0x01, 0x83))
    }

    @Test func wrongVersionNamesValueAndBus() {
        var radio = fixtureRadio(RegisterFile(version: 0x22), busName: "/dev/spidev0.1")
        do {
            try radio.initialize()
            Issue.record("accepted RegVersion 0x22")
        } catch {
            #expect(error.kind == .notPresent)
            #expect(error.message.contains("0x22"))
            #expect(error.message.contains("/dev/spidev0.1"))
        }
    }

    @Test func silentBusSaysCheckWiring() {
        for version: UInt8 in [0x00, 0xFF] {
            var radio = fixtureRadio(RegisterFile(version: version))
            do {
                try radio.probe()
                Issue.record("accepted \(version)")
            } catch {
                #expect(error.message.contains("chip not answering: check wiring and chip select"))
            }
        }
    }
}
