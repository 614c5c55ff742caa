import ArgumentParser
import Foundation
import Regions

/// `lorikeet plan [REGION]`: a LoRaWAN regional frequency plan and what a
/// single-channel gateway and its end devices must be set to.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show a LoRaWAN regional frequency plan and the single-channel setup.",
        discussion: """
            Without REGION, lists the regions. With one, prints its channels, data rates,
            RX1/RX2 windows, delays, power, TX ranges, duty-cycle bands and dwell time
            (LoRaWAN Regional Parameters RP002), then the channel and data rate a
            single-channel gateway uses and what to configure on end devices.
            Examples:
              lorikeet plan
              lorikeet plan eu868
              lorikeet plan US915 --json
            """
    )

    @Argument(help: "Region: EU868, US915, IN865, AS923-1...AS923-4, AU915, KR920, CN470, EU433 or RU864 (any case).")
    var region: String?

    @Flag(name: .customLong("json"), help: "Machine-readable output.")
    var json = false

    func run() throws {
        guard let name = region else {
            let lines = json ? [PlanReport.listJSON()] : PlanReport.listLines()
            for line in lines { print(line) }
            return
        }
        guard let id = RegionID(name: name) else {
            FileHandle.standardError.write(Data(
                "lorikeet plan: REGION: unknown region '\(name)'; valid regions: \(RegionID.namesList)\n".utf8))
            throw ExitCode(2)
        }
        let report = PlanReport(plan: id.plan)
        let lines = json ? [report.json()] : report.lines()
        for line in lines { print(line) }
    }
}
