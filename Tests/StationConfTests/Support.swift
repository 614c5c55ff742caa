import Foundation
import JSON
import StationConf
import Testing

/// Helpers shared by the StationConf tests.
enum Fixture {
    /// The package's examples/station-conf folder, found from this file.
    static var examples: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/station-conf")
    }

    static func exampleBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: examples.appendingPathComponent(name)))
    }

    static func example(_ name: String) throws -> StationConfFile {
        try StationConfFile.read(try exampleBytes(name), fileName: name)
    }

    /// A valid single-antenna board plus `extra` members (JSON text, no braces).
    static func board(_ extra: String = "") -> String {
        let base = #""rf_chain_conf": [{"rx_enable": true, "tx_enable": true}, {"rx_enable": false, "tx_enable": false}]"#
        return extra.isEmpty ? "{\(base)}" : "{\(base), \(extra)}"
    }

    /// A station.conf holding `boards` (JSON texts).
    static func conf(_ boards: String...) throws -> StationConfFile {
        try read("{\"radio_conf\": [\(boards.joined(separator: ", "))]}")
    }

    static func read(_ text: String, fileName: String = "station.conf") throws -> StationConfFile {
        try StationConfFile.read(Array(text.utf8), fileName: fileName)
    }

    /// A board with one chip holding `channel` (JSON text) at `slot`.
    static func channel(_ slot: String, _ channel: String) throws -> StationConfFile {
        try conf(board(#""SX1301_conf": [{"chip_enable": true, "chip_rf_chain": 0, "\#(slot)": \#(channel)}]"#))
    }
}

extension StationConfFile {
    var errorPaths: [String] { diagnostics.errors.map { $0.path } }

    /// The first error at `path`, if any.
    func error(at path: String) -> Diagnostic? { diagnostics.errors.first { $0.path == path } }
}
