import ArgumentParser
import Foundation
import JSON
import StationConf

/// `lorikeet station-conf`: Basics Station `radio_conf` files (seed 003).
struct StationConfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station-conf",
        abstract: "Check Basics Station radio_conf files and merge an LNS channel plan into them.",
        discussion: """
            Examples:
              lorikeet station-conf check examples/station-conf/station.conf examples/station-conf/slave-0.conf
              lorikeet station-conf merge examples/station-conf/station.conf --router-config examples/station-conf/router_config.json
            """,
        subcommands: [StationConfCheckCommand.self, StationConfMergeCommand.self]
    )
}

/// Reading a file for the station-conf commands: unreadable files and
/// non-JSON text are reported on one line naming the file.
enum StationConfInput {
    struct Unreadable: Error { let message: String }

    static func bytes(_ path: String) throws(Unreadable) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Unreadable(message: "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw Unreadable(message: "\(path): is a directory, expected a JSON file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Unreadable(message: "\(path): cannot be read (permission denied?)")
        }
        return [UInt8](data)
    }

    static func fail(_ command: String, _ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("lorikeet station-conf \(command): \(message)\n".utf8))
        return ExitCode(code)
    }
}
