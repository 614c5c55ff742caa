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
              lorikeet plan eu868 --frequency 868.5 --dr 5   # single-channel setup for another channel
            """
    )

    @Argument(help: "Region: EU868, US915, IN865, AS923-1...AS923-4, AU915, KR920, CN470, EU433 or RU864 (any case).")
    var region: String?

    @Flag(name: .customLong("json"), help: "Machine-readable output.")
    var json = false

    @Option(name: .customLong("frequency"), help: "Single-channel gateway frequency in MHz (default: the region's).")
    var frequency: String?

    @Option(name: .customLong("dr"), help: "Single-channel gateway data rate index (default: the region's).")
    var dataRate: String?

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
        var plan = id.plan
        if frequency != nil || dataRate != nil {
            do {
                plan.singleChannel = try singleChannel(plan)
            } catch {
                FileHandle.standardError.write(Data("lorikeet plan: \(error.message)\n".utf8))
                throw ExitCode(2)
            }
        }
        let report = PlanReport(plan: plan)
        let lines = json ? [report.json()] : report.lines()
        for line in lines { print(line) }
    }

    /// The single-channel setup for --frequency / --dr, each checked against the plan.
    private func singleChannel(_ plan: RegionalPlan) throws(RegionError) -> SingleChannelSetup {
        var frequencyHz = plan.singleChannel.frequencyHz
        if let text = frequency {
            guard let megahertz = Double(text), megahertz > 0, megahertz < 4000 else {
                throw RegionError("--frequency: '\(text)' is not a frequency in MHz (e.g. 868.1)")
            }
            frequencyHz = UInt32((megahertz * 1_000_000).rounded())
        }
        var index = plan.singleChannel.dataRate
        if let text = dataRate {
            let digits = text.uppercased().hasPrefix("DR") ? String(text.dropFirst(2)) : text
            guard let value = Int(digits) else {
                throw RegionError("--dr: '\(text)' is not a data rate index (e.g. 5 or DR5)")
            }
            index = value
        }
        do {
            return try plan.singleChannelSetup(frequencyHz: frequencyHz, dataRate: index)
        } catch {
            let option = error.message.hasPrefix("DR") ? "--dr" : "--frequency"
            throw RegionError("\(option): \(error.message)")
        }
    }
}
