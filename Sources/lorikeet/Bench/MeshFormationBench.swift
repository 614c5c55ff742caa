import ArgumentParser
import Foundation
import Mesh

/// Mesh formation on the emulated LoRa air (SF7/125 kHz, OpenThread's timings, router selection
/// jitter 5 s): all nodes switched on together, in full range of each other. Virtual-clock times
/// to the first leader, to everyone attached, to the last router; wall-clock CPU per run.
struct MeshFormationBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mesh-formation", abstract: "Mesh formation figures.")

    func run() throws {
        print("mesh formation, SF7/125 kHz, full range, nodes switched on together (virtual clock):")
        for count in [1, 2, 5, 10, 20] {
            let wallStart = DispatchTime.now().uptimeNanoseconds
            let world = try MeshSimulation(nodes: count, topology: "full", seed: 7)
            try world.start(staggerMillis: 0)
            try world.run(millis: 300_000)
            let nodes = world.stacks.map { $0.node }
            let origin = world.startMicros / 1000
            let leaderAt = nodes.compactMap { $0.becameLeaderAtMillis }.min().map { $0 - origin }
            let attached = nodes.allSatisfy { $0.role.isAttached }
            let attachedAt = attached ? nodes.compactMap { $0.attachedAtMillis }.max().map { $0 - origin } : nil
            let routers = nodes.filter { $0.role.isRouterOrLeader }
            let routerAt = routers.compactMap { $0.becameRouterAtMillis ?? $0.becameLeaderAtMillis }.max().map { $0 - origin }
            let partitions = Set(nodes.filter { $0.role.isAttached }.map { $0.leaderData.partitionID }).count
            let airtime = world.stacks.map { $0.link.mac.dutyCycle.usedMicros(nowMicros: world.clock.now) }.reduce(0, +)
            let wallMillis = (DispatchTime.now().uptimeNanoseconds - wallStart) / 1_000_000
            print("  \(count) nodes: first leader \(ms(leaderAt)), all attached \(ms(attachedAt)), "
                + "\(routers.count) routers by \(ms(routerAt)), \(partitions) partition(s); "
                + "control airtime \(airtime / 1000 / UInt64(count)) ms per node in 300 s "
                + "(budget 10 %: \(360_000) ms per node-hour); CPU \(wallMillis) ms")
        }
    }

    func ms(_ v: UInt64?) -> String { v.map { String(format: "%.1f s", Double($0) / 1000) } ?? "never" }
}
