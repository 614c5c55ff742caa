import HAL
import Runtime
import SX1276
import SX1276Emulator
@testable import Mesh

/// N full mesh nodes (MeshStack: Thread logic, 6LoWPAN, MAC) on emulated SX1276 chips with
/// the real driver, one simulated air and one virtual-clock loop. Links the topology leaves
/// out get a path loss no LoRa receiver hears through.
final class MeshAirWorld {
    typealias Radio = AirWorld.Radio
    typealias Stack = MeshStack<Radio, VirtualReactor>
    let clock = VirtualClock()
    let air: Air
    let loop: VirtualLoop
    var stacks: [Stack] = []
    var replies: [[Stack.EchoReply]] = []
    var chips: [SX1276Chip] = []

    init(nodes count: Int, seed: UInt64 = 1, key: (Int) -> NetworkKey = { _ in .pymeshDefault },
         topology: (Int, Int) -> Bool = { _, _ in true }, timings: ThreadTimings = .openThread) throws {
        air = Air(clock: clock)
        loop = EventLoop(reactor: VirtualReactor(clock: clock))
        for a in 0..<count { for b in 0..<count where a < b && !topology(a, b) { air.setPathLoss(between: a + 1, and: b + 1, dB: 200) } }
        for i in 0..<count {
            let chip = SX1276Chip(clock: clock, air: air, nodeID: i + 1)
            chips.append(chip)
            let driver = SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "node\(i + 1)")
            var settings = ThreadNode.Settings()
            settings.routerSelectionJitterSeconds = 3
            settings.timings = timings
            var dataset = OperationalDataset.pymeshDefault
            dataset.networkKey = key(i)
            let stack = try Stack(radio: Radio(driver: driver), loop: loop, dataset: dataset,
                                  extAddress: AirWorld.ext(i), seed: seed &* 7919 &+ UInt64(i), settings: settings,
                                  sensitivityDBm: -123)
            let index = i
            stack.onEchoReply = { [unowned self] r in self.replies[index].append(r) }
            stacks.append(stack)
            replies.append([])
        }
    }

    func start(staggerMillis: UInt64 = 0) throws {
        for s in stacks {
            try s.start()
            if staggerMillis > 0 { try run(millis: staggerMillis) }
        }
    }

    func run(millis: UInt64) throws { try loop.run(until: clock.now + millis * 1000) }

    var nodes: [ThreadNode] { stacks.map(\.node) }
    var leaders: [ThreadNode] { nodes.filter { $0.role == .leader } }
    var partitions: Set<UInt32> { Set(nodes.filter { $0.role.isAttached }.map(\.leaderData.partitionID)) }

    /// Pings `to`'s address from `from`; true when the reply came back within `waitMillis`.
    func ping(from: Int, to address: IPv6Address, sequence: UInt16, waitMillis: UInt64 = 20_000) throws -> Stack.EchoReply? {
        stacks[from].sendEchoRequest(to: address, identifier: 0x77, sequence: sequence, dataBytes: 16, hopLimit: 64)
        let deadline = clock.now + waitMillis * 1000
        while clock.now < deadline {
            try run(millis: 100)
            if let r = replies[from].first(where: { $0.sequence == sequence }) { return r }
        }
        return nil
    }
}
