import Testing
import LoRaPHY
@testable import Mesh

/// Whole nodes on the emulated LoRa air (SX1276 driver, SF7/125 kHz), virtual clock.
@Suite(.serialized) struct MeshAirTests {
    @Test func twoNodesFormAndPingEachOtherOnLoRa() throws {
        let world = try MeshAirWorld(nodes: 2)
        try world.start(staggerMillis: 8_000)
        try world.run(millis: 30_000)
        #expect(world.leaders.count == 1)
        #expect(world.nodes.allSatisfy { $0.role.isRouterOrLeader })
        let b = world.nodes[1]
        #expect(try world.ping(from: 0, to: b.rlocAddress, sequence: 1) != nil)
        #expect(try world.ping(from: 0, to: b.meshLocalEID, sequence: 2) != nil)
        #expect(try world.ping(from: 1, to: world.nodes[0].meshLocalEID, sequence: 3) != nil)
    }

    @Test func aFiveNodeLinePingsEndToEndOverFourHops() throws {
        let world = try MeshAirWorld(nodes: 5, topology: { a, b in a - b == 1 || b - a == 1 })
        try world.start(staggerMillis: 8_000)
        try world.run(millis: 90_000)
        #expect(world.partitions.count == 1)
        #expect(world.leaders.count == 1)
        #expect(world.nodes.allSatisfy { $0.role.isRouterOrLeader })
        let last = world.nodes[4]
        #expect(world.nodes[0].pathCost(toRouter: last.routerID) == 4)
        #expect(try world.ping(from: 0, to: last.rlocAddress, sequence: 1) != nil)
        // The three middle routers forwarded the request and the reply (mesh header frames).
        #expect(world.stacks[1].counters.forwarded + world.stacks[2].counters.forwarded + world.stacks[3].counters.forwarded >= 6)
        #expect(try world.ping(from: 4, to: world.nodes[0].meshLocalEID, sequence: 2) != nil)
    }

    @Test func aWrongKeyNodeOnTheAirNeverJoins() throws {
        let world = try MeshAirWorld(nodes: 3, key: { $0 == 2 ? try! NetworkKey(pymeshKey: [0x11, 0x22, 0x33]) : .pymeshDefault })
        try world.start(staggerMillis: 8_000)
        try world.run(millis: 30_000)
        let stranger = world.nodes[2]
        #expect(stranger.role == .leader)
        #expect(stranger.leaderData.partitionID != world.nodes[0].leaderData.partitionID)
        #expect(world.nodes[0].leaderData.partitionID == world.nodes[1].leaderData.partitionID)
        #expect(world.stacks[0].link.mac.counters.droppedSecurity + world.nodes[0].droppedWrongKey > 0)
    }

    @Test func borderRouterPrefixesAppearAndDisappearOnAllNodes() throws {
        let world = try MeshAirWorld(nodes: 3, topology: { a, b in a - b == 1 || b - a == 1 })
        try world.start(staggerMillis: 8_000)
        try world.run(millis: 40_000)
        let prefix = try IPv6Prefix(parsing: "fd00:1234::/64")
        let router = world.nodes[2]
        router.addLocalPrefix(prefix, flags: NetworkData.Flag.preferred | NetworkData.Flag.slaac | NetworkData.Flag.onMesh, stable: true)
        router.registerLocalNetworkData()
        world.stacks[2].pump()
        try world.run(millis: 20_000)
        for s in world.stacks {
            #expect(s.unicastAddresses.contains { prefix.contains($0) })
            #expect(s.node.parsedNetworkData.prefixes.map(\.prefix) == [prefix])
        }
        // A SLAAC address answers ping from the far end of the line.
        let slaac = try #require(world.stacks[2].unicastAddresses.first { prefix.contains($0) })
        #expect(try world.ping(from: 0, to: slaac, sequence: 9) != nil)
        _ = router.removeLocalPrefix(prefix)
        router.registerLocalNetworkData()
        world.stacks[2].pump()
        try world.run(millis: 20_000)
        for s in world.stacks {
            #expect(!s.unicastAddresses.contains { prefix.contains($0) })
            #expect(s.node.parsedNetworkData.prefixes.isEmpty)
        }
    }

    /// Pings every ordered pair of `world`'s nodes at `address(b)`; the pairs ("1->5") that got no reply.
    static func pairsWithoutReply(in world: MeshAirWorld, firstSequence: UInt16, address: (Int) -> IPv6Address) throws -> [String] {
        var sequence = firstSequence
        var missing: [String] = []
        for a in world.nodes.indices {
            for b in world.nodes.indices where a != b {
                sequence += 1
                if try world.ping(from: a, to: address(b), sequence: sequence) == nil { missing.append("\(a + 1)->\(b + 1)") }
            }
        }
        return missing
    }

    /// By RLOC (routing only).
    @Test func everyNodeOfALineAnswersPingFromEveryOther() throws {
        let world = try MeshAirWorld(nodes: 5, seed: 3, topology: { a, b in a - b == 1 || b - a == 1 })
        try world.start(staggerMillis: 8_000)
        try world.run(millis: 90_000)
        #expect(world.partitions.count == 1)
        let missing = try Self.pairsWithoutReply(in: world, firstSequence: 100) { world.nodes[$0].rlocAddress }
        #expect(missing.isEmpty, "no reply: \(missing)")
    }

    /// By ML-EID: every pair resolves the other's EID (Address Query, then the confirmable
    /// Address Notification, retransmitted until its ACK) and gets its reply; the MAC's delay
    /// before a retry keeps 1->5's reply from meeting a hidden neighbour's frame four times.
    @Test func everyNodeOfALineAnswersPingByMLEIDFromEveryOther() throws {
        let world = try MeshAirWorld(nodes: 5, seed: 3, topology: { a, b in a - b == 1 || b - a == 1 })
        try world.start(staggerMillis: 8_000)
        try world.run(millis: 90_000)
        #expect(world.partitions.count == 1)
        let missing = try Self.pairsWithoutReply(in: world, firstSequence: 200) { world.nodes[$0].meshLocalEID }
        #expect(missing.isEmpty, "no reply: \(missing)")
    }

    /// Ten nodes switched on at the same instant on the LoRa air (SF7, LoRa-tuned timings):
    /// one partition with one leader, every node attached and a router, within 400 s.
    @Test func tenNodesSwitchedOnTogetherOnLoRaFormOnePartition() throws {
        let frame = MeshAirWorld.Radio.defaultSettings.parameters
        let airtime = UInt64(max(Airtime(payloadBytes: 127, parameters: frame).totalMicros, 0))
        let world = try MeshAirWorld(nodes: 10, seed: 7, timings: .loRa(frameAirtimeMicros: airtime))
        try world.start()
        try world.run(millis: 400_000)
        #expect(world.partitions.count == 1)
        #expect(world.leaders.count == 1)
        #expect(world.nodes.allSatisfy { $0.role.isRouterOrLeader })
    }

    /// Twenty nodes switched on together on the LoRa air (SF7, LoRa-tuned timings), every node
    /// hearing every other: one partition with one leader at 300 s (some nodes are still
    /// detached then, see docs/mesh.md "Not done"). Before the detached took turns eleven partitions
    /// were left, the channel full of Parent Requests and their answers.
    @Test func twentyNodesSwitchedOnTogetherOnLoRaEndInOnePartition() throws {
        let frame = MeshAirWorld.Radio.defaultSettings.parameters
        let airtime = UInt64(max(Airtime(payloadBytes: 127, parameters: frame).totalMicros, 0))
        let world = try MeshAirWorld(nodes: 20, seed: 7, timings: .loRa(frameAirtimeMicros: airtime))
        try world.start()
        try world.run(millis: 300_000)
        #expect(world.partitions.count == 1)
        #expect(world.leaders.count == 1)
    }

    /// The Address Notification is confirmable: without its ACK it goes again after the ACK
    /// timeout (from the airtime: 24 frames, 5 s at SF7), doubling, 4 times; with it, never.
    @Test func anUnacknowledgedAddressNotificationIsSentAgainFourTimes() throws {
        let world = try MeshAirWorld(nodes: 2)
        try world.start(staggerMillis: 8_000)
        try world.run(millis: 30_000)
        let (asker, owner) = (world.stacks[0], world.stacks[1])
        #expect(owner.timings.coapAckTimeoutMillis == 5_040)
        func query() {
            var payload: [UInt8] = []
            MLETLV(type: ThreadTLVType.targetEID, value: owner.node.meshLocalEID.bytes).encode(into: &payload)
            let m = CoAPMessage(kind: .nonConfirmable, code: CoAPMessage.post, messageID: 9, token: [1],
                                uriPath: MeshAirWorld.Stack.addressQueryURI, payload: payload)
            _ = owner.handleAddressResolution(ThreadDatagram(source: asker.node.rlocAddress, destination: ThreadAddresses.realmLocalAllRouters,
                                                             sourcePort: CoAPMessage.threadPort, destinationPort: CoAPMessage.threadPort,
                                                             payload: m.encoded))
            owner.pump()
        }
        query()
        try world.run(millis: 20_000)
        #expect(owner.counters.addressNotificationRetransmissions == 0)
        #expect(owner.pendingNotifications.isEmpty)
        asker.stopThread()   // no one acknowledges now
        query()
        try world.run(millis: 4_000)
        #expect(owner.counters.addressNotificationRetransmissions == 0)
        try world.run(millis: 2_000)
        #expect(owner.counters.addressNotificationRetransmissions == 1)
        try world.run(millis: 200_000)
        #expect(owner.counters.addressNotificationRetransmissions == 4)
        #expect(owner.pendingNotifications.isEmpty)
    }
}
