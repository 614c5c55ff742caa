import ArgumentParser
import Foundation
import LoRaPHY
import Mesh
import SX1276

/// Mesh formation on the emulated LoRa air: all nodes switched on at the same instant, in full
/// range of each other, router selection jitter 5 s; OpenThread's MLE timings and the
/// LoRa-tuned ones (`ThreadTimings.loRa`, windows scaled from one full frame's airtime).
/// Virtual-clock times to the first leader, to everyone attached, to the last router; the
/// partitions left at the end; wall-clock CPU per run.
struct MeshFormationBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mesh-formation", abstract: "Mesh formation figures.")

    @Option(name: .customLong("nodes"), help: "Node counts, comma-separated (1-33 each).")
    var nodes = "1,2,5,10,20"

    @Option(name: .customLong("sf"), help: "Spreading factors, comma-separated (7-12 each).")
    var spreadingFactors = "7,9"

    @Option(name: .customLong("seconds"), help: "Simulated seconds per run (1-3600).")
    var seconds = 300

    @Option(name: .customLong("timings"), help: "openthread, lora or both.")
    var timings = "both"

    func validate() throws {
        guard counts != nil else { throw ValidationError("--nodes must list counts 1-33, got \"\(nodes)\"") }
        guard factors != nil else { throw ValidationError("--sf must list spreading factors 7-12, got \"\(spreadingFactors)\"") }
        guard (1...3600).contains(seconds) else { throw ValidationError("--seconds must be 1-3600, got \(seconds)") }
        guard ["openthread", "lora", "both"].contains(timings) else {
            throw ValidationError("--timings must be openthread, lora or both, got \"\(timings)\"")
        }
    }

    var counts: [Int]? { Self.list(nodes, in: 1...33) }
    var factors: [SpreadingFactor]? { Self.list(spreadingFactors, in: 7...12)?.compactMap { SpreadingFactor(rawValue: $0) } }

    static func list(_ text: String, in range: ClosedRange<Int>) -> [Int]? {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0.map(range.contains) ?? false }) else { return nil }
        return values.compactMap { $0 }
    }

    func run() throws {
        for sf in factors ?? [] {
            var radio = MeshSimulation.Radio.defaultSettings
            radio.parameters.spreadingFactor = sf
            let frameMicros = MeshSimulation.frameAirtimeMicros(radio)
            var kinds: [(String, ThreadTimingsChoice)] = []
            if timings != "lora" { kinds.append(("OpenThread's timings", .openThread)) }
            if timings != "openthread" { kinds.append(("LoRa-tuned timings", .loRa)) }
            for (name, choice) in kinds {
                let t = choice.timings(frameAirtimeMicros: frameMicros)
                print("mesh formation, SF\(sf.rawValue)/125 kHz (127-byte frame \(frameMicros / 1000) ms), \(name) "
                    + "(Parent Request \(t.parentRequestRoutersMillis)/\(t.parentRequestAllMillis) ms, response jitter "
                    + "\(t.parentResponseMaxDelayRoutersMillis) ms, trickle \(t.trickleIminMillis)-\(t.trickleImaxMillis) ms), "
                    + "full range, switched on together, \(seconds) s (virtual clock):")
                for count in counts ?? [] { try runOne(count: count, radio: radio, timings: choice) }
            }
        }
    }

    func runOne(count: Int, radio: RadioSettings, timings: ThreadTimingsChoice) throws {
        let wallStart = DispatchTime.now().uptimeNanoseconds
        let world = try MeshSimulation(nodes: count, topology: "full", seed: 7, settings: MeshSimulation.settings(timings, radio: radio),
                                       radioSettings: radio)
        try world.start(staggerMillis: 0)
        let origin = world.startMicros / 1000
        let nodes = world.stacks.map { $0.node }
        // Sampled each simulated second: when the network first was one partition with one
        // leader and everyone attached, and when it also had its full set of routers.
        var formedAt: UInt64?, routersAt: UInt64?
        for _ in 0..<seconds {
            try world.run(millis: 1000)
            let now = world.clock.now / 1000 - origin
            let one = nodes.allSatisfy { $0.role.isAttached } && nodes.filter { $0.role == .leader }.count == 1
                && Set(nodes.map { $0.leaderData.partitionID }).count == 1
            if !one { formedAt = nil; routersAt = nil; continue }
            if formedAt == nil { formedAt = now }
            if routersAt == nil && nodes.filter({ $0.role.isRouterOrLeader }).count == min(count, 16) { routersAt = now }
        }
        let leaderAt = nodes.compactMap { $0.becameLeaderAtMillis }.min().map { $0 - origin }
        let routers = nodes.filter { $0.role.isRouterOrLeader }
        let partitions = Set(nodes.filter { $0.role.isAttached }.map { $0.leaderData.partitionID }).count
        let leaders = nodes.filter { $0.role == .leader }.count
        let airtime = world.stacks.map { $0.link.mac.dutyCycle.usedMicros(nowMicros: world.clock.now) }.reduce(0, +)
        let wallMillis = (DispatchTime.now().uptimeNanoseconds - wallStart) / 1_000_000
        print("  \(count) nodes: first leader \(ms(leaderAt)), all attached in one partition \(ms(formedAt)), "
            + "all routers \(ms(routersAt)); at the end \(routers.count) routers, \(partitions) partition(s), \(leaders) leader(s); "
            + "control airtime \(airtime / 1000 / UInt64(count)) ms per node in \(seconds) s "
            + "(budget 10 %: \(seconds * 100) ms); CPU \(wallMillis) ms")
    }

    func ms(_ v: UInt64?) -> String { v.map { String(format: "%.1f s", Double($0) / 1000) } ?? "never" }
}
