import HAL
import Runtime
import Testing
@testable import Mesh

/// Replay protection, duplicates, unknown senders, malformed frames —
/// the MAC receive path with a scripted radio.
@Suite("MAC receive path: replay, duplicates, drops")
struct MACSecurityTests {
    struct Rig {
        let clock = VirtualClock()
        let loop: VirtualLoop
        let state = ScriptedRadioState()
        let radio: ScriptedRadio
        let mac: MACLayer<ScriptedRadio, VirtualReactor>
        var delivered: [MACIndication] { received.items }
        let received = Box()

        final class Box { var items: [MACIndication] = [] }

        init() throws {
            loop = EventLoop(reactor: VirtualReactor(clock: clock))
            radio = ScriptedRadio(state: state, clock: clock)
            mac = MACLayer(radio: radio, loop: loop, panID: 0x1234, extendedAddress: ExtendedAddress(0xAA),
                           keys: try KeyManager(networkKey: .pymeshDefault), seed: 7)
            mac.shortAddress = 0x0400
            let box = received
            mac.onReceive = { box.items.append($0) }
            try mac.start()
        }

        func deliver(_ psdu: [UInt8]) throws {
            radio.inject(psdu)
            try loop.run(until: clock.now + 1_000)
        }
    }

    static let peer = ExtendedAddress(0xBB)

    static func securedFrame(counter: UInt32, sequence: UInt8, keySequence: UInt32 = 0,
                             key: NetworkKey = .pymeshDefault, source: MACAddress = .extended(peer)) throws -> [UInt8] {
        let keys = try DerivedKeys(networkKey: key, keySequence: keySequence)
        let frame = MACFrame(type: .data, sequence: sequence, panID: 0x1234, destination: .short(0x0400),
                             source: source, security: SecurityHeader(frameCounter: counter, keyIndex: keys.keyIndex),
                             payload: [0x7A, 0x33, 1, 2, 3])
        return try MACSecurity.seal(frame, key: keys.macKey, sender: peer)
    }

    @Test func replayedAndRetransmittedFramesAreDropped() throws {
        let rig = try Rig()
        try rig.deliver(try Self.securedFrame(counter: 10, sequence: 1))
        try rig.deliver(try Self.securedFrame(counter: 10, sequence: 1))  // retransmission (ACK lost)
        try rig.deliver(try Self.securedFrame(counter: 5, sequence: 2))  // replay of an old counter
        try rig.deliver(try Self.securedFrame(counter: 11, sequence: 3))
        #expect(rig.delivered.count == 2)
        #expect(rig.mac.counters.droppedDuplicate == 1)
        #expect(rig.mac.counters.droppedReplay == 1)
        // Every unicast asking for an ACK got one, replays included (the radio ACKs before security).
        #expect(rig.mac.counters.acksSent == 4)
        #expect(rig.state.transmitted.allSatisfy { $0.count == 5 })
    }

    @Test func nextKeySequenceIsAcceptedAndOlderRefused() throws {
        let rig = try Rig()
        try rig.deliver(try Self.securedFrame(counter: 100, sequence: 1, keySequence: 1))
        #expect(rig.delivered.last?.keySequence == 1)
        try rig.deliver(try Self.securedFrame(counter: 0, sequence: 2, keySequence: 1))
        #expect(rig.mac.counters.droppedReplay == 1)
        try rig.deliver(try Self.securedFrame(counter: 0, sequence: 3, keySequence: 5))  // index of no kept sequence
        #expect(rig.mac.counters.droppedSecurity == 1)
        #expect(rig.delivered.count == 1)
    }

    @Test func mleResetsTheCounterOfARebootedNeighbour() throws {
        let rig = try Rig()
        try rig.deliver(try Self.securedFrame(counter: 500, sequence: 1))
        try rig.deliver(try Self.securedFrame(counter: 3, sequence: 2))  // rebooted: counter restarted
        #expect(rig.mac.counters.droppedReplay == 1)
        rig.mac.neighbors.setFrameCounter(3, keySequence: 0, for: Self.peer)  // from MLE's TLV
        try rig.deliver(try Self.securedFrame(counter: 3, sequence: 3))
        #expect(rig.delivered.count == 2)
    }

    @Test func shortSourceNeedsAKnownNeighbour() throws {
        let rig = try Rig()
        let frame = try Self.securedFrame(counter: 1, sequence: 1, source: .short(0x0401))
        try rig.deliver(frame)
        #expect(rig.mac.counters.droppedUnknownNeighbor == 1)
        rig.mac.neighbors.setShortAddress(0x0401, for: Self.peer)
        try rig.deliver(try Self.securedFrame(counter: 2, sequence: 2, source: .short(0x0401)))
        #expect(rig.delivered.count == 1)
        #expect(rig.delivered.first?.senderExtended == Self.peer)
    }

    @Test func wrongPANAndOtherDestinationsAreNotForUs() throws {
        let rig = try Rig()
        let other = MACFrame(type: .data, sequence: 1, panID: 0x9999, destination: .broadcast,
                             source: .extended(Self.peer), payload: [0x7A])
        try rig.deliver(try other.psdu())
        let elsewhere = MACFrame(type: .data, sequence: 2, panID: 0x1234, destination: .short(0x0800),
                                 source: .extended(Self.peer), payload: [0x7A])
        try rig.deliver(try elsewhere.psdu())
        #expect(rig.mac.counters.droppedNotForUs == 2)
        #expect(rig.delivered.isEmpty)
        #expect(rig.mac.counters.acksSent == 0)
    }

    @Test func framePendingTravelsInAcknowledgments() throws {
        let rig = try Rig()
        rig.mac.framePendingFor = { $0 == .extended(Self.peer) }
        try rig.deliver(try Self.securedFrame(counter: 1, sequence: 0x42))
        #expect(rig.state.transmitted.last == (try MACFrame.acknowledgment(sequence: 0x42, framePending: true).psdu()))
        // Our own unicast: the peer's ACK says it has more for us.
        var result: MACTransmitResult?
        let frame = MACFrame(type: .data, sequence: 0x77, panID: 0x1234, destination: .extended(Self.peer),
                             source: .short(0x0400), payload: [1])
        rig.mac.send(MACTransmitRequest(frame: frame, secure: false)) { result = $0 }
        try rig.loop.run(until: rig.clock.now + 5_000)  // backoff ≤ 7 × 320 µs, CAD, TX: now waiting for the ACK
        rig.radio.inject(try MACFrame.acknowledgment(sequence: 0x77, framePending: true).psdu())
        try rig.loop.run(until: rig.clock.now + 1_000)
        #expect(result == .sent(framePending: true))
        #expect(rig.mac.counters.acknowledged == 1)
        #expect(rig.mac.counters.transmitRetries == 0)
    }

    @Test func queueIsBounded() throws {
        let rig = try Rig()
        var failures = 0
        for index in 0..<40 {
            let frame = MACFrame(type: .data, sequence: UInt8(index), panID: 0x1234, destination: .broadcast,
                                 source: .extended(ExtendedAddress(0xAA)), payload: [1])
            rig.mac.send(MACTransmitRequest(frame: frame, secure: false)) { if case .failed = $0 { failures += 1 } }
        }
        // One in flight plus 16 queued; the rest refused at once.
        #expect(failures == 40 - 17)
        #expect(rig.mac.counters.queueFull == 23)
        try rig.loop.run(until: rig.clock.now + 10_000_000)
        #expect(rig.state.transmitted.count == 17)
    }

    /// Five busy channel checks end one try; the frame is then retried like one without ACK
    /// (OpenThread's SubMac), so it fails after 4 × 5 busy checks.
    @Test func busyChannelBacksOffRetriesThenGivesUp() throws {
        let rig = try Rig()
        rig.state.busyAnswers = [Bool](repeating: true, count: 20)
        var result: MACTransmitResult?
        let frame = MACFrame(type: .data, sequence: 1, panID: 0x1234, destination: .broadcast,
                             source: .extended(ExtendedAddress(0xAA)), payload: [1])
        rig.mac.send(MACTransmitRequest(frame: frame, secure: false)) { result = $0 }
        try rig.loop.run(until: rig.clock.now + 10_000_000)
        #expect(result == .channelAccessFailure)
        #expect(rig.mac.counters.channelBusy == 20)
        #expect(rig.mac.counters.transmitRetries == 3)
        #expect(rig.state.transmitted.isEmpty)
    }
}

@Suite("LossyRadio")
struct LossyRadioTests {
    @Test func dropsTheConfiguredShareOfReceivedFramesOnly() throws {
        let clock = VirtualClock()
        let state = ScriptedRadioState()
        var radio = LossyRadio(ScriptedRadio(state: state, clock: clock), lossPerMille: 200, seed: 3)
        let frame = try MACFrame(type: .data, sequence: 1, panID: 1, destination: .broadcast,
                                 source: .short(2), payload: [1]).psdu()
        for _ in 0..<5_000 { radio.base.inject(frame) }
        var received = 0
        while let event = try radio.nextEvent() { if case .received = event { received += 1 } }
        #expect(received + radio.dropped == 5_000)
        #expect(radio.dropped > 900 && radio.dropped < 1_100)
        try radio.transmit(frame)
        clock.advance(to: 1)
        #expect(try radio.nextEvent() == .transmitDone)
    }
}
