import ArgumentParser
import Foundation

/// `lorikeet`: one executable, one subcommand per capability.
@main
struct Lorikeet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lorikeet",
        abstract: "LoRa gateway firmware for Linux single-board computers.",
        subcommands: [
            GatewayCommand.self,
            ServeCommand.self,
            RadioCommand.self,
            BoardsCommand.self,
            PlanCommand.self,
            EUICommand.self,
            ToaCommand.self,
            PhyCommand.self,
            StationConfCommand.self,
            SX1276EmulatorCommand.self,
            BenchCommand.self,
            MeshCommand.self,
        ]
    )

    /// Usage errors exit with status 2 (as the Python tools Lorikeet replaces
    /// do), with the reason on stderr; everything else as ArgumentParser does.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
