import Foundation
import Testing

/// `lorikeet boards` and `lorikeet radio probe`, run as the user runs them:
/// the built executable, its stdout, stderr and exit status.
@Suite struct BoardsCLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The lorikeet executable next to the test bundle (swift test builds it).
    static func executable() -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("lorikeet")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/lorikeet")
    }

    static func run(_ arguments: [String], in directory: URL = packageRoot) throws -> Run {
        let process = Process()
        process.executableURL = executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func boardsListsEveryProfileOnOneLine() throws {
        let result = try Self.run(["boards"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.contains { $0.hasPrefix("dragino-lora-gps-hat.json") && $0.contains("Dragino LoRa/GPS HAT") })
        #expect(lines.contains { $0.hasPrefix("mock.json") && $0.contains("Mock board") })
    }

    @Test func boardsCheckAcceptsTheShippedProfiles() throws {
        let result = try Self.run(["boards", "check", "boards/dragino-lora-gps-hat.json", "boards/mock.json"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            boards/dragino-lora-gps-hat.json: ok (linux, SX1276, EU868 868.1 MHz SF7BW125)
            boards/mock.json: ok (mock, SX1276, EU868 868.1 MHz SF7BW125)

            """)
    }

    @Test func boardsCheckStopsAtTheFirstError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lorikeet-boards-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let mock = try String(contentsOf: Self.packageRoot.appendingPathComponent("boards/mock.json"), encoding: .utf8)
        try mock.replacingOccurrences(of: "\"max-tx-power-dbm\": 14", with: "\"max-tx-power-dbm\": \"high\"")
            .write(to: directory.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        try mock.write(to: directory.appendingPathComponent("good.json"), atomically: true, encoding: .utf8)
        let result = try Self.run(["boards", "check", "bad.json", "good.json"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "lorikeet boards check: bad.json: \"max-tx-power-dbm\": expected a TX power in dBm (2-20 on pa-boost), got \"high\"\n")
    }

    @Test func probeOfTheMockBoardReportsTheEmulatedSX1276() throws {
        let result = try Self.run(["radio", "probe", "--board", "boards/mock.json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("chip:      SX127x answered, RegVersion 0x12 (profile: SX1276)"))
        #expect(result.stdout.contains("frequency: 868.1 MHz (EU868 channel 0): HF port"))
    }

    @Test func probeWithOverridesUsesThem() throws {
        let result = try Self.run(["radio", "probe", "--board", "mock", "--region", "EU433", "--data-rate", "SF9BW125"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("(EU433 single-channel default): LF port"))
        #expect(result.stdout.contains("data rate: SF9BW125"))
    }

    @Test func probeOfARealHATWithoutHardwareStopsWithTheSPIError() throws {
        let result = try Self.run(["radio", "probe", "--board", "boards/dragino-lora-gps-hat.json"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("lorikeet radio probe: /dev/spidev0.0: "))
        #expect(result.stderr.contains("SPI is not enabled: run raspi-config → Interface Options → SPI"))
    }

    @Test func probeArgumentErrorsExitWithStatus2() throws {
        let unknown = try Self.run(["radio", "probe", "--board", "no-such-board"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("lorikeet radio probe: --board: no board profile \"no-such-board\""))
        let badChannel = try Self.run(["radio", "probe", "--board", "mock", "--channel", "x"])
        #expect(badChannel.status == 2)
        #expect(badChannel.stderr == "lorikeet radio probe: --channel: expected a channel number of the plan (0-95), got \"x\"\n")
        let missing = try Self.run(["radio", "probe"])
        #expect(missing.status == 2)
    }
}
