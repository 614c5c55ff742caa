import LoRaPHY
import SX1276Emulator
import Testing
@testable import Mesh

/// The MAC on emulated SX1276 chips (real driver) on the simulated air.
@Suite("MAC on the simulated LoRa air")
struct MACOnAirTests {
    @Test func securedUnicastIsAcknowledged() throws {
        let world = try AirWorld(nodes: 2)
        let (a, b) = (world.macs[0], world.macs[1])
        var received: [MACIndication] = []
        b.onReceive = { received.append($0) }
        var result: MACTransmitResult?
        let frame = MACFrame(type: .data, sequence: a.nextSequence(), panID: a.panID,
                             destination: .extended(b.extendedAddress), source: .extended(a.extendedAddress),
                             payload: Array("hello over LoRa".utf8))
        let start = world.clock.now
        a.send(MACTransmitRequest(frame: frame, secure: true)) { result = $0 }
        try world.run(forMicros: 2_000_000)
        #expect(result == .sent(framePending: false))
        #expect(received.count == 1)
        #expect(received.first?.frame.payload == Array("hello over LoRa".utf8))
        #expect(received.first?.secured == true)
        #expect(received.first?.senderExtended == a.extendedAddress)
        #expect(b.counters.acksSent == 1)
        #expect(a.counters.acknowledged == 1)
        #expect(a.counters.transmitRetries == 0)
        // Plaintext never on the air; the frame and its ACK each took LoRa airtime.
        let sent = world.chips[0].transmitLog
        #expect(sent.count == 1)
        let first = try #require(sent.first)
        let plaintext = Array("hello over LoRa".utf8)
        #expect(!(0...(first.payload.count - plaintext.count)).contains { Array(first.payload[$0..<($0 + plaintext.count)]) == plaintext })
        #expect(world.chips[1].transmitLog.map(\.payload.count) == [5])
        #expect((world.chips[1].transmitLog.first?.startMicros ?? 0) >= first.endMicros)
        #expect(world.clock.now - start >= a.radio.airtimeMicros(psduBytes: first.payload.count))
    }

    @Test func absentDestinationIsRetriedThenReportedNoAck() throws {
        let world = try AirWorld(nodes: 2)
        let a = world.macs[0]
        var result: MACTransmitResult?
        let frame = MACFrame(type: .data, sequence: a.nextSequence(), panID: a.panID,
                             destination: .extended(ExtendedAddress(0xDEAD)), source: .extended(a.extendedAddress),
                             payload: [1, 2, 3])
        a.send(MACTransmitRequest(frame: frame, secure: true)) { result = $0 }
        try world.run(forMicros: 5_000_000)
        #expect(result == .noAck)
        #expect(a.counters.transmitRetries == 3)
        #expect(world.chips[0].transmitLog.count == 4)
        #expect(world.macs[1].counters.droppedNotForUs == 4)
        #expect(world.macs[1].counters.acksSent == 0)
        // ACK waits are sized from the LoRa airtime of an ACK (SF7: about 31 ms), not 802.15.4's 864 µs.
        #expect(a.timing.ackTimeoutMicros > a.radio.airtimeMicros(psduBytes: 5))
    }

    @Test func wrongKeyFramesAreAcknowledgedButDroppedAndCounted() throws {
        let world = try AirWorld(nodes: 1)
        let stranger = try world.addNode(index: 1, key: try NetworkKey(pymeshKey: [0x11, 0x22, 0x33]))
        let a = world.macs[0]
        var received = 0
        a.onReceive = { _ in received += 1 }
        let frame = MACFrame(type: .data, sequence: stranger.nextSequence(), panID: a.panID,
                             destination: .extended(a.extendedAddress), source: .extended(stranger.extendedAddress),
                             payload: [9, 9, 9])
        var result: MACTransmitResult?
        stranger.send(MACTransmitRequest(frame: frame, secure: true)) { result = $0 }
        try world.run(forMicros: 2_000_000)
        #expect(result == .sent(framePending: false))
        #expect(received == 0)
        #expect(a.counters.droppedSecurity == 1)
    }

    @Test func simultaneousSendersAllGetThrough() throws {
        let world = try AirWorld(nodes: 4)
        let sink = world.macs[0]
        var payloads: [[UInt8]] = []
        sink.onReceive = { payloads.append($0.frame.payload) }
        var results: [MACTransmitResult] = []
        for sender in world.macs.dropFirst() {
            let frame = MACFrame(type: .data, sequence: sender.nextSequence(), panID: sender.panID,
                                 destination: .extended(sink.extendedAddress),
                                 source: .extended(sender.extendedAddress),
                                 payload: [UInt8](repeating: UInt8(sender.extendedAddress.value & 0xFF), count: 40))
            sender.send(MACTransmitRequest(frame: frame, secure: true)) { results.append($0) }
        }
        try world.run(forMicros: 10_000_000)
        #expect(results == [MACTransmitResult](repeating: .sent(framePending: false), count: 3))
        #expect(Set(payloads.map { $0[0] }) == [2, 3, 4])
        let busyOrRetried = world.macs.dropFirst().reduce(0) { $0 + $1.counters.channelBusy + $1.counters.transmitRetries }
        #expect(busyOrRetried > 0)
    }

    @Test func listenBeforeTalkWaitsForAFrameOnTheAir() throws {
        let world = try AirWorld(nodes: 3)
        let (a, c) = (world.macs[0], world.macs[2])
        let long = MACFrame(type: .data, sequence: c.nextSequence(), panID: c.panID, destination: .broadcast,
                            source: .extended(c.extendedAddress), payload: [UInt8](repeating: 1, count: 100))
        c.send(MACTransmitRequest(frame: long, secure: true))
        world.loop.schedule(afterMicros: 20_000) {
            let frame = MACFrame(type: .data, sequence: a.nextSequence(), panID: a.panID, destination: .broadcast,
                                 source: .extended(a.extendedAddress), payload: [2])
            a.send(MACTransmitRequest(frame: frame, secure: true))
        }
        try world.run(forMicros: 3_000_000)
        let first = try #require(world.chips[2].transmitLog.first)
        let second = try #require(world.chips[0].transmitLog.first)
        #expect(first.endMicros - first.startMicros > 150_000)
        #expect(a.counters.channelBusy >= 1)
        #expect(second.startMicros >= first.endMicros)
        #expect(world.macs[1].counters.received == 2)
    }

    @Test func dutyCycleDefersFramesOverBudget() throws {
        var parameters = MACParameters()
        parameters.dutyCyclePerMille = 1  // 0.1 %: 3.6 s of airtime per hour
        let world = try AirWorld(nodes: 2, parameters: parameters)
        let (a, b) = (world.macs[0], world.macs[1])
        var sent = 0
        let frameCount = 60
        for index in 0..<frameCount {
            let frame = MACFrame(type: .data, sequence: a.nextSequence(), panID: a.panID, destination: .broadcast,
                                 source: .extended(a.extendedAddress),
                                 payload: [UInt8](repeating: UInt8(index), count: 90))
            a.send(MACTransmitRequest(frame: frame, secure: true)) { if case .sent = $0 { sent += 1 } }
            if index % 15 == 14 { try world.run(forMicros: 60_000_000) }
        }
        try world.run(forMicros: 600_000_000)
        #expect(a.counters.dutyCycleDeferrals > 0)
        #expect(sent < frameCount)
        #expect(a.dutyCycle.usedMicros(nowMicros: world.clock.now) <= a.dutyCycle.budgetMicros)
        _ = b
    }
}
