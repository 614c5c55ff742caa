import ArgumentParser
import BoardProfile
import Foundation
import GatewayProgram
import Regions

/// `lorikeet boards`: the board profiles in boards/, one line each;
/// `lorikeet boards check FILE...`: validate profiles.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards",
        abstract: "List and check board profiles (boards/*.json).",
        discussion: """
            Profiles are found in ./boards, then in the boards/ folder of the package lorikeet was built from.
            Examples:
              lorikeet boards
              lorikeet boards check boards/dragino-lora-gps-hat.json my-hat.json
            """,
        subcommands: [BoardsListCommand.self, BoardsCheckCommand.self],
        defaultSubcommand: BoardsListCommand.self
    )
}

struct BoardsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the board profiles: file, name, description.")

    func run() throws {
        let files = BoardFiles.profiles()
        guard !files.isEmpty else {
            let looked = BoardFiles.searchDirectories().map { InstallLocations.display($0) }.joined(separator: ", ")
            standardError("lorikeet boards: no board profiles found (looked in \(looked))")
            throw ExitCode(1)
        }
        let (lines, allValid) = BoardsReport.listLines(files)
        for line in lines { print(line) }
        if !allValid { throw ExitCode(1) }
    }
}

struct BoardsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate board profiles; stops with status 1 at the first error.",
        discussion: "Without FILE, checks every profile in the boards directory.")

    @Argument(help: "Profile files (paths, or names of profiles in boards/).")
    var files: [String] = []

    func run() throws {
        var located: [BoardFiles.Located] = []
        if files.isEmpty {
            located = BoardFiles.profiles()
        } else {
            for argument in files {
                do {
                    located.append(try BoardFiles.resolve(argument))
                } catch {
                    standardError("lorikeet boards check: \(error.message)")
                    throw ExitCode(2)
                }
            }
        }
        for file in located {
            do {
                let profile = try BoardFiles.load(file)
                print("\(file.display): ok (\(BoardsReport.summary(profile)))")
            } catch {
                standardError("lorikeet boards check: \(error.message)")
                throw ExitCode(1)
            }
        }
    }
}

/// The text `lorikeet boards` prints (kept apart from I/O for tests).
enum BoardsReport {
    /// One line per profile: file, name, description; invalid files say why.
    static func listLines(_ files: [BoardFiles.Located]) -> (lines: [String], allValid: Bool) {
        var rows: [(String, String, String)] = []
        var allValid = true
        for file in files {
            let name = file.fileName
            do {
                let profile = try BoardFiles.load(file)
                rows.append((name, profile.name, profile.description))
            } catch {
                allValid = false
                rows.append((name, "(invalid)", error.message))
            }
        }
        let fileWidth = rows.map { $0.0.count }.max() ?? 0
        let nameWidth = rows.map { $0.1.count }.max() ?? 0
        let lines = rows.map { pad($0.0, fileWidth) + "  " + pad($0.1, nameWidth) + "  " + $0.2 }
        return (lines, allValid)
    }

    /// "linux, SX1276, EU868 868.1 MHz SF7BW125".
    static func summary(_ profile: BoardProfile) -> String {
        "\(profile.kind.rawValue), \(profile.radio.displayName), \(profile.region.rawValue) "
            + "\(FrequencyText.megahertz(UInt32(profile.listenFrequencyHz))) MHz \(profile.listenDataRate.text)"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
