import ArgumentParser
import Foundation
import JSON
import StationConf

/// `lorikeet station-conf merge FILE --router-config ROUTER_CONFIG.json`
struct StationConfMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the channel plan of an LNS router_config message into a station.conf.",
        discussion: """
            Frequencies and channels come from the plan's "sx1301_conf", hardware fields from FILE.
            On a single-board, two-chip gateway a single-chip plan is duplicated onto the second
            chip on the other RF chain (full antenna diversity). Prints the merged configuration
            as JSON on stdout and what the merge did on stderr.
            Exit status: 0 on success, 1 when FILE or the plan has errors or the plan does not fit
            the hardware, 2 when a file cannot be read.
            """
    )

    @Argument(help: "The local station.conf or slave-N.conf.")
    var file: String

    @Option(name: .customLong("router-config"), help: "A router_config message (JSON) with \"sx1301_conf\", or that array alone.")
    var routerConfig: String

    func run() throws {
        let localBytes: [UInt8]
        let planBytes: [UInt8]
        do {
            localBytes = try StationConfInput.bytes(file)
        } catch {
            throw StationConfInput.fail("merge", "FILE \(error.message)", code: 2)
        }
        do {
            planBytes = try StationConfInput.bytes(routerConfig)
        } catch {
            throw StationConfInput.fail("merge", "--router-config \(error.message)", code: 2)
        }
        let local: StationConfFile
        do {
            local = try StationConfFile.read(localBytes, fileName: file)
        } catch {
            throw StationConfInput.fail("merge", "\(file): \(error.message)", code: 1)
        }
        if !local.isValid {
            report(local.diagnostics.errors, prefix: file)
            throw StationConfInput.fail("merge", "\(file) has \(local.diagnostics.errors.count) error(s); fix them first (see `lorikeet station-conf check`)", code: 1)
        }
        let planValue: JSONValue
        do {
            planValue = try JSONParser.parse(planBytes)
        } catch {
            throw StationConfInput.fail("merge", "--router-config \(routerConfig): \(error.message)", code: 1)
        }
        var planDiagnostics = Diagnostics()
        let plan = ChannelPlan.read(routerConfig: planValue, &planDiagnostics)
        if planDiagnostics.hasErrors {
            report(planDiagnostics.errors, prefix: routerConfig)
            throw StationConfInput.fail("merge", "--router-config \(routerConfig) has \(planDiagnostics.errors.count) error(s)", code: 1)
        }
        let result = ChannelPlanMerge.merge(local.radioConf, plan: plan)
        if result.diagnostics.hasErrors {
            report(result.diagnostics.errors, prefix: "lorikeet station-conf merge")
            throw ExitCode(1)
        }
        var merged = local
        merged.radioConf = result.radioConf
        for note in result.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        report(result.diagnostics.warnings, prefix: "lorikeet station-conf merge")
        print(JSONSerializer.pretty(merged.json()))
    }

    private func report(_ diagnostics: [Diagnostic], prefix: String) {
        for diagnostic in diagnostics {
            let kind = diagnostic.severity == .error ? "error" : "warning"
            FileHandle.standardError.write(Data("\(prefix): \(kind): \(diagnostic.message)\n".utf8))
        }
    }
}
