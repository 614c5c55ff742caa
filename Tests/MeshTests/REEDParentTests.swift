import Testing
@testable import Mesh

/// REEDs answer the second phase of a Parent Request and become routers for the child that
/// chose them (OpenThread `MleRouter::HandleParentRequest`, `HandleChildIdRequest`).
@Suite struct REEDParentTests {
    /// Upgrade threshold 2: nodes 1 and 2 are routers, node 3 stays a REED (a child). Node 4
    /// hears only node 3, so only a REED's Parent Response can attach it.
    @Test func aNodeInRangeOfAREEDOnlyAttachesThroughIt() throws {
        let air = try ThreadTestAir(count: 4, topology: { a, b in a < 3 && b < 3 || (min(a, b) == 2 && max(a, b) == 3) })
        for n in air.nodes { n.settings.routerUpgradeThreshold = 2 }
        for (i, n) in air.nodes.prefix(3).enumerated() {
            air.run(untilMillis: air.nowMillis + (i == 0 ? 0 : 7_000))
            n.start(nowMillis: air.nowMillis)
        }
        air.run(untilMillis: air.nowMillis + 30_000)
        let reed = air.nodes[2], newcomer = air.nodes[3]
        #expect(air.nodes.prefix(2).allSatisfy { $0.role.isRouterOrLeader })
        #expect(reed.role == .child)
        newcomer.start(nowMillis: air.nowMillis)
        air.run(untilMillis: air.nowMillis + 20_000)
        #expect(reed.role == .router)
        #expect(newcomer.role == .child)
        #expect(newcomer.parentRLOC16 == reed.rloc16)
        #expect(reed.children.map(\.extAddress) == [newcomer.extAddress])
        #expect(air.partitions.count == 1)
        #expect(newcomer.leaderData.partitionID == air.nodes[0].leaderData.partitionID)
    }

    /// Default thresholds: 16 routers and a 17th node that stays a REED; an 18th node in range
    /// of that REED only attaches through it, and the REED becomes router 17.
    @Test func theEighteenthNodeAttachesToTheSeventeenthAREED() throws {
        let reedIndex = 16, newcomerIndex = 17
        let air = try ThreadTestAir(count: 18, topology: { a, b in
            let far = max(a, b) == newcomerIndex
            return !far || min(a, b) == reedIndex
        })
        for n in air.nodes.prefix(17) {
            air.run(untilMillis: air.nowMillis + 7_000)
            n.start(nowMillis: air.nowMillis)
        }
        air.run(untilMillis: air.nowMillis + 60_000)
        let reed = air.nodes[reedIndex], newcomer = air.nodes[newcomerIndex]
        #expect(air.nodes.prefix(16).allSatisfy { $0.role.isRouterOrLeader })
        #expect(reed.role == .child)
        newcomer.start(nowMillis: air.nowMillis)
        air.run(untilMillis: air.nowMillis + 20_000)
        #expect(reed.role == .router)
        #expect(newcomer.role == .child && newcomer.parentRLOC16 == reed.rloc16)
        #expect(air.partitions.count == 1)
        #expect(air.nodes.filter { $0.role.isRouterOrLeader }.count == 17)
    }

    /// Past the threshold a REED's Address Solicit for "too few routers" is refused; one with
    /// a Child ID Request to answer is granted.
    @Test func theLeaderGrantsARouterIDToAREEDWithAChildIDRequest() throws {
        let air = try ThreadTestAir(count: 1)
        air.startAll()
        air.run(untilMillis: 10_000)
        let leader = air.nodes[0]
        leader.settings.routerUpgradeThreshold = 1
        let wanted: UInt8 = leader.routerID == 9 ? 10 : 9   // not the leader's own id
        #expect(try RouterIDReuseTests.solicit(leader, ext: 0xA1, wanting: wanted, at: 10_000) == nil)
        #expect(try RouterIDReuseTests.solicit(leader, ext: 0xA1, wanting: wanted, at: 10_001,
                                               reason: ThreadTLVType.reasonHaveChildIDRequest) == wanted)
    }
}
