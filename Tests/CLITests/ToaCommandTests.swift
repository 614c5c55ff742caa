import Foundation
import Testing

/// `lorikeet toa` against the output of seed 001's own script
/// (Fixtures/toa_seed_output.py), and its handling of bad input.
struct ToaCommandTests {
    static func seedCases() throws -> [(arguments: [String], expected: String)] {
        let text = try String(contentsOf: CLI.fixture("toa-seed-output.txt"), encoding: .utf8)
        var cases: [(arguments: [String], expected: String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("$ ") {
                cases.append((line.dropFirst(2).split(separator: " ").map(String.init), ""))
            } else if !line.isEmpty, !cases.isEmpty {
                cases[cases.count - 1].expected += line + "\n"
            }
        }
        return cases
    }

    @Test func reproducesTheSeedScriptOutput() throws {
        let cases = try Self.seedCases()
        #expect(cases.count >= 19)
        for (arguments, expected) in cases {
            let result = try CLI.run(["toa"] + arguments)
            #expect(result.status == 0, "toa \(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(result.stdout == expected, "toa \(arguments.joined(separator: " "))")
        }
    }

    @Test func badInputIsOneClearLineAndStatusTwo() throws {
        let cases: [([String], String)] = [
            (["13", "20"], "SF: '13' is not a spreading factor; allowed: 6 to 12"),
            (["5", "20"], "SF: '5'"),
            (["seven", "20"], "SF: 'seven'"),
            (["7", "-1"], "SIZE: '-1' is not a PHY payload size; allowed: 0 to 255 bytes"),
            (["7", "256"], "SIZE: '256'"),
            (["7", "x"], "SIZE: 'x'"),
            (["7", "20", "--band-width", "62"], "--band-width: '62' is not a LoRa bandwidth"),
            (["7", "20", "--band-width", "abc"], "--band-width: 'abc'"),
            (["7", "20", "--cr", "5"], "--cr: '5' is not a coding rate; allowed: 1 to 4"),
            (["7", "20", "--cr", "0"], "--cr: '0'"),
            (["7", "20", "--preamble", "-3"], "--preamble: '-3'"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(["toa"] + arguments)
            #expect(result.status == 2, "toa \(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains(message), "toa \(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "toa \(arguments): \(result.stderr)")
        }
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [["toa", "7"], ["toa", "7", "20", "--no-such-flag"], ["toa", "7", "20", "9"], ["toa", "7", "20", "--cr"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(!result.stderr.isEmpty)
        }
    }

    @Test func fractionalBandwidthsAndJSON() throws {
        let result = try CLI.run(["toa", "12", "10", "--band-width", "7.8", "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["data_rate"] as? String == "SF12BW7.8")
        #expect(object["bandwidth_hz"] as? Double == 7812.5)
        #expect(object["low_data_rate_optimize"] as? Bool == true)
        #expect(object["payload_symbols"] as? Int == 18)
        #expect(object["time_on_air_ms"] as? Double != nil)
    }

    @Test func tableListsSF7ToSF12() throws {
        let result = try CLI.run(["toa", "9", "20", "--table"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[1].hasPrefix("SF7BW125"))
        #expect(lines[1].contains("56.576"))
        #expect(lines[6].hasPrefix("SF12BW125"))
        #expect(lines[6].contains("1318.912"))
        let json = try CLI.run(["toa", "9", "20", "--table", "--json", "--band-width", "500"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["data_rate"] as? String } == ["SF7BW500", "SF8BW500", "SF9BW500", "SF10BW500", "SF11BW500", "SF12BW500"])
    }
}
