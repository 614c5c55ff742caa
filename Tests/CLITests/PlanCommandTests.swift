import Foundation
import Testing

/// `lorikeet plan`: region list, one plan in text and JSON, and bad regions.
struct PlanCommandTests {
    /// Runs the built executable (self-contained so this file merges beside other CLI tests).
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("lorikeet"),
            root.appendingPathComponent(".build/debug/lorikeet"),
        ]
        let process = Process()
        process.executableURL = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func listsTheRegions() throws {
        let result = try Self.run(["plan"])
        #expect(result.status == 0)
        for name in ["EU868", "US915", "IN865", "AS923-1", "AS923-4", "AU915", "KR920", "CN470", "EU433", "RU864"] {
            #expect(result.stdout.contains("\n" + name + " "), "\(name)")
        }
        #expect(result.stdout.contains("868.1 MHz SF7BW125"))
        #expect(result.stdout.contains("903.9 MHz SF7BW125"))
    }

    @Test func printsEU868PlanAndSingleChannelSetup() throws {
        let result = try Self.run(["plan", "eu868"])
        #expect(result.status == 0)
        let text = result.stdout
        #expect(text.hasPrefix("EU868: EU863-870"))
        for expected in [
            "  ch 0   868.1 MHz     DR0-DR5",
            "  DR5   SF7BW125                up/down      250 (242)",
            "RX2: 869.525 MHz at DR0 (SF12BW125)",
            "JOIN_ACCEPT_DELAY1 5 s",
            "max EIRP 16 dBm",
            "TX frequencies: 863-870 MHz",
            "  g3     869.4-869.65 MHz        10 %",
            "  g2     868.7-869.2 MHz         0.1 %",
            "Dwell time: no limit",
            "  Listens on 868.1 MHz at DR5 (SF7BW125) only.",
            "    2. Remove channels 3-15",
            "    lora.add_channel(0, frequency=868100000, dr_min=0, dr_max=5)",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        #expect(!text.contains(" \n"), "no trailing spaces")
    }

    @Test func printsUS915FixedGridAndRX1Channels() throws {
        let result = try Self.run(["plan", "US915"])
        #expect(result.status == 0)
        for expected in [
            "  ch 0-63   902.3-914.9 MHz every 200 kHz, 125 kHz, DR0-DR3",
            "  ch 64-71  903-914.2 MHz every 1.6 MHz, 500 kHz, DR4",
            "923.3, 923.9, 924.5, 925.1, 925.7, 926.3, 926.9, 927.5 MHz",
            "  DR4     DR13  DR13  DR12  DR11",
            "Dwell time: 400 ms uplink",
            "Enable only channel 8 (903.9 MHz)",
            "RX1 on 923.3 MHz at DR13 (SF7BW500)",
        ] {
            #expect(result.stdout.contains(expected), "missing: \(expected)")
        }
    }

    @Test func jsonIsParseableAndComplete() throws {
        let result = try Self.run(["plan", "as923-2", "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["region"] as? String == "AS923-2")
        #expect(object["rx2_frequency_hz"] as? Int == 921_400_000)
        #expect(object["rx2_data_rate"] as? Int == 2)
        #expect(object["max_eirp_dbm"] as? Double == 16)
        let single = try #require(object["single_channel"] as? [String: Any])
        #expect(single["frequency_hz"] as? Int == 921_400_000)
        let node = try #require(single["node"] as? [String: Any])
        #expect(node["adr"] as? Bool == false)
        let table = try #require(object["rx1_data_rate_table"] as? [[Int]])
        #expect(table[5] == [5, 4, 3, 2, 1, 0, 6, 7])
        let list = try Self.run(["plan", "--json"])
        let regions = try #require(
            (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["regions"] as? [Any])
        #expect(regions.count == 12)
    }

    @Test func unknownRegionIsOneLineListingTheValidOnesAndStatusTwo() throws {
        for name in ["EU869", "as924", "x"] {
            let result = try Self.run(["plan", name])
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stderr.contains("unknown region '\(name)'"))
            #expect(result.stderr.contains("EU868, US915, IN865, AS923-1, AS923-2, AS923-3, AS923-4, AU915, KR920, CN470, EU433, RU864"))
        }
    }

    @Test func singleChannelOverride() throws {
        let result = try Self.run(["plan", "eu868", "--frequency", "868.5", "--dr", "DR3"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  Listens on 868.5 MHz at DR3 (SF9BW125) only."))
        #expect(result.stdout.contains("lora.add_channel(0, frequency=868500000, dr_min=0, dr_max=5)"))
        let cases: [([String], String)] = [
            (["plan", "us915", "--frequency", "904"], "--frequency: 904 MHz is not a US915 uplink channel"),
            (["plan", "eu868", "--frequency", "915"], "--frequency: 915 MHz is outside the EU868 band"),
            (["plan", "eu868", "--frequency", "abc"], "--frequency: 'abc' is not a frequency in MHz"),
            (["plan", "eu868", "--dr", "7"], "--dr: DR7 is not a LoRa uplink data rate in EU868"),
            (["plan", "eu868", "--dr", "x"], "--dr: 'x' is not a data rate index"),
        ]
        for (arguments, message) in cases {
            let bad = try Self.run(arguments)
            #expect(bad.status == 2, "\(arguments)")
            #expect(bad.stdout.isEmpty)
            #expect(bad.stderr.contains(message), "\(arguments): \(bad.stderr)")
            #expect(bad.stderr.split(separator: "\n").count == 1)
        }
    }
}
