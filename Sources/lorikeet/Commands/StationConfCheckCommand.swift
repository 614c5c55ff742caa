import ArgumentParser
import Foundation
import StationConf

/// `lorikeet station-conf check FILE...`
struct StationConfCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate station.conf / slave-N.conf files and summarise each board.",
        discussion: """
            Prints, per board: device, type, PPS, antenna configuration, RF chains, SX1301 chips and
            their channels (frequency, spreading factors, bandwidth); then every error and warning
            with its JSON path. A station.conf and the slave-N.conf files in
            the same folder form one gateway: at most one board of all of them may have "pps": true.
            Exit status: 0 when every file is valid, 1 when any file has errors, 2 when a file
            cannot be read.
            """
    )

    @Argument(help: "station.conf or slave-N.conf files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("FILE: give at least one station.conf or slave-N.conf") }
    }

    func run() throws {
        var unreadable = false
        var invalid = false
        var read: [(name: String, file: StationConfFile)] = []
        for (index, path) in files.enumerated() {
            if index > 0 { print("") }
            let bytes: [UInt8]
            do {
                bytes = try StationConfInput.bytes(path)
            } catch {
                FileHandle.standardError.write(Data("lorikeet station-conf check: \(error.message)\n".utf8))
                print("\(path): UNREADABLE")
                unreadable = true
                continue
            }
            let file: StationConfFile
            do {
                file = try StationConfFile.read(bytes, fileName: path)
            } catch {
                print("\(path): INVALID: \(error.message)")
                invalid = true
                continue
            }
            read.append((name: path, file: file))
            for line in StationConfSummary(name: path, file: file).lines() { print(line) }
            if !file.isValid { invalid = true }
        }
        // A station.conf and the slave-N.conf files beside it are one gateway:
        // at most one board among all of them may have "pps": true.
        for group in Self.gateways(read) where group.count > 1 {
            let across = StationConfFile.checkPPS(across: group)
            if across.hasErrors {
                print("")
                print("across \(group.map { $0.name }.joined(separator: ", ")): INVALID")
                for diagnostic in across.all { print("  error: \(diagnostic.message)") }
                invalid = true
            }
        }
        if unreadable { throw ExitCode(2) }
        if invalid { throw ExitCode(1) }
    }

    /// Files named station.conf or slave-N.conf, grouped by folder.
    static func gateways(_ files: [(name: String, file: StationConfFile)]) -> [[(name: String, file: StationConfFile)]] {
        var folders: [String] = []
        var groups: [[(name: String, file: StationConfFile)]] = []
        for entry in files {
            let url = URL(fileURLWithPath: entry.name).standardizedFileURL
            let isGatewayFile: Bool
            switch entry.file.kind {
            case .slave: isGatewayFile = true
            case .station: isGatewayFile = url.lastPathComponent == "station.conf"
            }
            guard isGatewayFile else { continue }
            let folder = url.deletingLastPathComponent().path
            if let index = folders.firstIndex(of: folder) {
                groups[index].append(entry)
            } else {
                folders.append(folder)
                groups.append([entry])
            }
        }
        return groups
    }
}
