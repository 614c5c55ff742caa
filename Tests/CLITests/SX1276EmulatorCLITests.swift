import Foundation
import Testing

/// Drives the built `lorikeet sx1276-emulator` through its stdin/stdout
/// protocol the way an outside driver (any language) would: one command
/// written, its answer read, next command.
final class EmulatorProcess {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    var buffer: [UInt8] = []

    init(arguments: [String] = []) throws {
        // Tests/CLITests/<file> → package root → .build/debug/lorikeet.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        process.executableURL = root.appendingPathComponent(".build/debug/lorikeet")
        process.arguments = ["sx1276-emulator"] + arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return nil }
            buffer.append(contentsOf: data)
        }
    }

    /// Sends one command, returns its answer line.
    @discardableResult
    func send(_ command: String) -> String {
        input.fileHandleForWriting.write(Data((command + "\n").utf8))
        return readLine() ?? "<eof>"
    }

    /// One SPI transaction: cs 0, xfer, cs 1; returns the MISO bytes.
    func spi(_ hex: String) -> String {
        #expect(send("cs 0") == "ok")
        let miso = send("xfer \(hex)")
        #expect(send("cs 1") == "ok")
        return miso
    }

    func finish() {
        #expect(send("quit") == "ok")
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

@Suite struct SX1276EmulatorCLITests {
    @Test func outsideDriverSession() throws {
        let chip = try EmulatorProcess()
        // Reset and presence.
        #expect(chip.send("reset 0") == "ok")
        #expect(chip.spi("4200") == "0000")  // held in reset: MISO low
        #expect(chip.send("reset 1") == "ok")
        #expect(chip.send("tick 5000") == "ok")
        #expect(chip.spi("4200") == "0012")  // RegVersion

        // Configure: LoRa (in SLEEP), STDBY, 868.1 MHz, SF7/125 kHz/4/5, CRC, sync 0x34, PA_BOOST 17 dBm.
        chip.spi("8100"); chip.spi("8180"); chip.spi("8181")
        #expect(chip.spi("0100") == "0081")
        chip.spi("86d90666")
        chip.spi("9d72"); chip.spi("9e74"); chip.spi("b934"); chip.spi("89ff")

        // Transmit 4 bytes from FifoTxBaseAddr 0x80, TxDone on DIO0.
        chip.spi("8d80")
        #expect(chip.spi("80cafebabe") == "0000000000")
        chip.spi("a204"); chip.spi("c040"); chip.spi("8183")
        #expect(chip.send("dio 0") == "0")
        #expect(chip.send("tick 100000") == "ok")
        #expect(chip.send("dio 0") == "1")
        #expect(chip.send("tx?") == "frame 868099976 7 125000 1 1 0 34 0 17 cafebabe")
        #expect(chip.readLine() == "end")
        #expect(chip.send("tx?") == "end")
        #expect(chip.spi("1200") == "0008")  // TxDone
        chip.spi("92ff")
        #expect(chip.send("dio 0") == "0")
        #expect(chip.spi("0100") == "0081")  // back in STDBY

        // Receive an injected frame in RX continuous and read it from the FIFO.
        chip.spi("c000"); chip.spi("8185")
        #expect(chip.send("rx 868100000 7 125000 1 1 0 34 0 -70 8 0102030405") == "ok")
        #expect(chip.send("tick 100000") == "ok")
        #expect(chip.send("dio 0") == "1")
        #expect(chip.spi("1200") == "0050")  // RxDone + ValidHeader
        #expect(chip.spi("1300") == "0005")  // RxNbBytes
        let current = chip.spi("1000")
        chip.spi("8d" + current.suffix(2))
        #expect(chip.spi("000000000000") == "000102030405")
        #expect(chip.spi("190000") == "002057")  // SNR 8 dB · 4; RSSI −70 + 157

        // Bad input answers err and the session goes on.
        #expect(chip.send("rx 868100000 13 125000 1 1 0 34 0 -70 8 01").hasPrefix("err rx: sf"))
        #expect(chip.send("now") == "205000")
        chip.finish()
        #expect(chip.process.terminationStatus == 0)
    }

    @Test func realClockRefusesTick() throws {
        let chip = try EmulatorProcess(arguments: ["--clock", "real"])
        #expect(chip.send("tick 10").hasPrefix("err tick"))
        #expect(chip.spi("4200") == "0012")
        chip.finish()
    }
}
