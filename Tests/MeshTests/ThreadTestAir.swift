@testable import Mesh

/// A virtual-clock air for ThreadNode logic alone: datagrams to link-local addresses reach
/// the sender's radio neighbours; mesh-local unicast (CoAP to the leader ALOC, replies to an
/// RLOC) reaches its owner when any radio path exists. Multi-hop forwarding itself is the
/// stack's job (MeshStack tests); this air checks MLE roles, attach and partitions.
final class ThreadTestAir {
    var nodes: [ThreadNode] = []
    var inRange: [[Bool]] = []
    var nowMillis: UInt64 = 0
    var delivered = 0

    init(count: Int, key: NetworkKey = .pymeshDefault, seed: UInt64 = 1, jitterSeconds: UInt32 = 2,
         topology: (Int, Int) -> Bool = { _, _ in true }) throws {
        for i in 0..<count {
            var s = ThreadNode.Settings()
            s.routerSelectionJitterSeconds = jitterSeconds
            var d = OperationalDataset.pymeshDefault
            d.networkKey = key
            nodes.append(try ThreadNode(dataset: d, extAddress: ExtendedAddress(0x1234_5600_0000_0000 | UInt64(i + 1)),
                                        seed: seed &+ UInt64(i) &* 7919, settings: s))
        }
        inRange = (0..<count).map { a in (0..<count).map { b in a != b && topology(a, b) } }
    }

    static func line(_ a: Int, _ b: Int) -> Bool { a - b == 1 || b - a == 1 }

    func startAll(staggerMillis: UInt64 = 0) {
        for (i, n) in nodes.enumerated() {
            run(untilMillis: nowMillis + (i == 0 ? 0 : staggerMillis))
            n.start(nowMillis: nowMillis)
        }
    }

    func reachable(from a: Int, to b: Int) -> Bool {
        var seen = Set([a]), queue = [a]
        while let x = queue.popLast() {
            if x == b { return true }
            for y in nodes.indices where inRange[x][y] && !seen.contains(y) && nodes[y].role != .disabled { seen.insert(y); queue.append(y) }
        }
        return false
    }

    func flush() {
        var moved = true
        while moved {
            moved = false
            for (i, n) in nodes.enumerated() where !n.outbox.isEmpty {
                let out = n.outbox
                n.outbox = []
                moved = true
                for var d in out {
                    d.linkMarginDB = 80
                    for (j, m) in nodes.enumerated() where j != i && m.role != .disabled {
                        let linkLocal = d.destination.isMulticast || d.destination.isLinkLocalUnicast
                        if linkLocal ? (inRange[i][j] && (d.destination.isMulticast || m.owns(d.destination)))
                                     : (m.owns(d.destination) && reachable(from: i, to: j)) {
                            delivered += 1
                            m.receive(d, nowMillis: nowMillis)
                        }
                    }
                }
            }
        }
    }

    func run(untilMillis end: UInt64) {
        while true {
            flush()
            let next = nodes.compactMap(\.nextDeadlineMillis).map { max($0, nowMillis + 1) }.min() ?? end
            let t = min(max(next, nowMillis + 1), end)
            if t >= end && nowMillis >= end { break }
            nowMillis = t
            for n in nodes { n.tick(nowMillis: nowMillis) }
            if nowMillis >= end { flush(); break }
        }
    }

    var leaders: [ThreadNode] { nodes.filter { $0.role == .leader } }
    var partitions: Set<UInt32> { Set(nodes.filter { $0.role.isAttached }.map(\.leaderData.partitionID)) }
}
