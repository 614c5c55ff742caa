import Testing
import SX1276Emulator
@testable import Mesh

/// Key sequence rotation (OpenThread `key_manager.cpp`, `mle.cpp` `ProcessKeySequence`,
/// `mac.cpp` `ProcessReceiveSecurity`) on the virtual clock.
@Suite(.serialized) struct KeySequenceTests {
    @Test func theSwitchGuardRefusesAGuardedSwitchUntilItRunsOut() throws {
        var keys = try KeyManager(networkKey: .pymeshDefault)
        keys.startTimers(nowMillis: 0)
        _ = keys.takeMACFrameCounter()
        // Thread start leaves the guard off: a neighbour's next sequence is taken at once.
        let first = keys.setKeySequence(1, applySwitchGuard: true, resetGuardTimer: true, nowMillis: 1_000)
        #expect(first)
        #expect(keys.keySequence == 1 && keys.macFrameCounter == 0 && keys.mleFrameCounter == 0)
        // Now the guard runs for 624 h.
        let hour: UInt64 = 3_600_000
        let early = keys.setKeySequence(2, applySwitchGuard: true, resetGuardTimer: true, nowMillis: 1_000 + 623 * hour)
        #expect(!early)
        #expect(keys.keySequence == 1)
        let late = keys.setKeySequence(2, applySwitchGuard: true, resetGuardTimer: true, nowMillis: 1_000 + 624 * hour)
        #expect(late)
        // A forced switch (cli, authoritative MLE) ignores it.
        let forced = keys.setKeySequence(7, applySwitchGuard: false, resetGuardTimer: false, nowMillis: 1_000 + 624 * hour + 1)
        #expect(forced)
        #expect(keys.keySequence == 7)
        // The rotation timer moves the sequence on by itself after 672 h.
        #expect(keys.rotationDueMillis == 1_000 + 624 * hour + 672 * hour)
        let notYet = keys.rotateIfDue(nowMillis: 1_000 + 624 * hour + 671 * hour)
        let due = keys.rotateIfDue(nowMillis: 1_000 + 624 * hour + 672 * hour)
        #expect(!notYet && due)
        #expect(keys.keySequence == 8)
    }

    @Test func mleKeysOutsideTheWindowAreDerivedForTheMessage() throws {
        let keys = try KeyManager(networkKey: .pymeshDefault)
        #expect(keys.keys(forSequence: 5) == nil)
        #expect(try keys.mleKeys(forSequence: 5) == DerivedKeys(networkKey: .pymeshDefault, keySequence: 5))
    }

    /// MLE only: a node jumps from sequence 0 to 5 (`keysequence counter 5`); its neighbours see
    /// the jump in peer messages (Advertisements), re-establish the link (routers: Link Request;
    /// the child: Child Update Request with a challenge to its parent), and take the sequence
    /// from the authoritative Link Accept or Child Update Response.
    @Test func aJumpOfTheKeySequenceIsFollowedThroughLinkReestablishment() throws {
        let air = try ThreadTestAir(count: 4)
        air.nodes[3].settings.routerEligible = false   // a child: it resyncs with its parent
        air.startAll(staggerMillis: 7_000)
        air.run(untilMillis: air.nowMillis + 60_000)
        #expect(air.partitions.count == 1)
        #expect(air.nodes[3].role == .child)
        #expect(air.nodes.allSatisfy { $0.keyManager.keySequence == 0 })
        air.nodes[1].setKeySequenceCounter(5)
        air.run(untilMillis: air.nowMillis + 60_000)
        #expect(air.nodes.map(\.keyManager.keySequence) == [5, 5, 5, 5])
        #expect(air.partitions.count == 1)
        #expect(air.nodes.allSatisfy { $0.role.isAttached })
    }

    /// MLE: once a sender was heard under sequence 1, its messages under sequence 0 are replays,
    /// as is one under sequence 1 with a counter already seen.
    @Test func oldMLEMessagesAreReplaysAfterTheSwitch() throws {
        let air = try ThreadTestAir(count: 2)
        air.startAll(staggerMillis: 7_000)
        air.run(untilMillis: air.nowMillis + 30_000)
        let a = air.nodes[0], b = air.nodes[1]
        func capture() -> ThreadDatagram {
            a.sendDataRequest(to: b.linkLocalAddress)
            var d = a.outbox.removeLast()
            d.linkMarginDB = 80
            return d
        }
        let old = capture()
        a.setKeySequenceCounter(1)
        let early = capture()
        air.run(untilMillis: air.nowMillis + 30_000)
        #expect(b.keyManager.keySequence == 1)
        let before = b.droppedReplay
        b.receive(old, nowMillis: air.nowMillis)
        #expect(b.droppedReplay == before + 1)
        b.receive(early, nowMillis: air.nowMillis)
        #expect(b.droppedReplay == before + 2)
        // A fresh one still gets through (answered with a Data Response).
        b.outbox = []
        b.receive(capture(), nowMillis: air.nowMillis)
        #expect(b.droppedReplay == before + 2)
        #expect(b.outbox.count == 1)
    }

    /// Whole stacks on the emulated LoRa air: one node moved to sequence 1; the others follow
    /// from its MAC frames under the next key, ping still works, and an old frame replayed
    /// after the switch is dropped.
    @Test func aNetworkFollowsOneNodeToTheNextKeySequenceAndDropsReplays() throws {
        let world = try MeshAirWorld(nodes: 3)
        try world.start(staggerMillis: 8_000)
        try world.run(millis: 30_000)
        #expect(world.partitions.count == 1)
        #expect(try world.ping(from: 0, to: world.nodes[1].meshLocalEID, sequence: 1) != nil)
        let oldFrame = try #require(world.air.frames.last { f in
            f.senderID == 1 && (try? MACFrame.decode(f.payload))?.security != nil
        })
        world.nodes[0].setKeySequenceCounter(1)
        #expect(world.stacks[0].link.mac.keys.keySequence == 1)
        #expect(try world.ping(from: 0, to: world.nodes[2].meshLocalEID, sequence: 2) != nil)
        // The echo request under the next key moved node 3 at once (its MAC), before any MLE.
        #expect(world.nodes[2].keyManager.keySequence == 1)
        try world.run(millis: 30_000)
        #expect(world.nodes.map(\.keyManager.keySequence) == [1, 1, 1])
        #expect(world.stacks.map(\.link.mac.keys.keySequence) == [1, 1, 1])
        #expect(try world.ping(from: 1, to: world.nodes[2].meshLocalEID, sequence: 3) != nil)
        #expect(try world.ping(from: 2, to: world.nodes[0].rlocAddress, sequence: 4) != nil)
        #expect(world.partitions.count == 1)

        let replaysOnly = world.stacks.map(\.link.mac.counters.droppedReplay).reduce(0, +)
        let replaysBefore = world.stacks.map { $0.link.mac.counters.droppedReplay + $0.link.mac.counters.droppedDuplicate }.reduce(0, +)
        // Replays go on a quiet air (a frame of our own on the air would collide with them).
        // A frame of node 1's at sequence 0, and an early one at sequence 1 (an old counter;
        // the last one again would be a retransmission, dropped as a duplicate).
        let newFrame = try #require(world.air.frames.first { f in
            f.senderID == 1 && (try? MACFrame.decode(f.payload))?.security?.keyIndex == 2
        })
        var expected = replaysBefore
        for frame in [oldFrame, newFrame] {
            // A broadcast reaches both neighbours, a unicast its one receiver; each drops it if it
            // has heard node 1 since (a neighbour that missed the original takes it as new).
            let decoded = try MACFrame.decode(frame.payload)
            let counter = try #require(decoded.security).frameCounter
            let keySequence: UInt32 = try #require(decoded.security).keyIndex == 2 ? 1 : 0
            for receiver in world.stacks.dropFirst() where decoded.destination == .short(.broadcastShort)
                || decoded.destination == .short(receiver.link.mac.shortAddress) || decoded.destination == .extended(receiver.node.extAddress) {
                if receiver.link.mac.neighbors.check(world.nodes[0].extAddress, keySequence: keySequence, counter: counter) != .fresh { expected += 1 }
            }
            while world.chips.contains(where: { $0.mode != .rxContinuous }) || !world.air.framesOnAir(at: world.clock.now).isEmpty {
                try world.run(millis: 5)
            }
            world.air.transmit(from: frame.senderID, frequencyHz: frame.frequencyHz, parameters: frame.parameters,
                               syncWord: frame.syncWord, invertedIQ: frame.invertedIQ, payload: frame.payload,
                               txPowerDBm: frame.txPowerDBm)
            try world.run(millis: 300)
            // (A neighbour whose last frame from node 1 this was counts it as a retransmission.)
            #expect(world.stacks.map { $0.link.mac.counters.droppedReplay + $0.link.mac.counters.droppedDuplicate }.reduce(0, +) == expected)
            if frame.payload == oldFrame.payload {
                #expect(world.stacks.map(\.link.mac.counters.droppedReplay).reduce(0, +) == expected - replaysBefore + replaysOnly)
            }
        }
    }
}
