import HAL
import LoRaPHY
import Regions
import SX1276Emulator
import Testing
@testable import Forwarder

/// Issue 12: the gateway under radio faults, on the virtual clock.
@Suite struct RadioFaultTests {
    static let second: UInt64 = 1_000_000
    static let t0: UInt64 = 1_000 * second

    static func classC(_ payload: [UInt8] = [1, 2, 3], mhz: UInt32 = 869_525_000, datr: String = "SF9BW125") -> TxPacket {
        TxPacket(timing: .immediate, frequencyHz: mhz, powerDBm: 14, dataRate: DataRateName(datr)!, invertPolarity: true,
                 noCRC: true, payload: payload)
    }

    /// #3: frames packed back to back while the loop is busy at each frame's end
    /// (TxDone and the next prepare due together; alarms run first).
    @Test func txDoneIsNeverLostBetweenBackToBackDownlinks() throws {
        let h = GatewayHarness(start: Self.t0)
        try h.gateway.start()
        try h.run(until: Self.t0 + Self.second)
        var acks: [TxAckError] = []
        for round in 0..<3 {
            for k in 0..<12 { acks.append(h.gateway.schedule(Self.classC([UInt8(round), UInt8(k)])).error) }
            for entry in h.gateway.jit.entries {
                h.loop.schedule(at: entry.endMicros - 1) { h.clock.advance(to: entry.endMicros + 1_500) }
            }
            try h.run(until: h.loop.nowMicros + 10 * Self.second)
        }
        #expect(acks.allSatisfy { $0 == .none })
        #expect(h.chip.transmitLog.count == 36)
        #expect(h.gateway.statistics.txnb == 36)
        #expect(h.gateway.statistics.txTimeouts == 0)
        #expect(h.gateway.jit.entries.isEmpty)
        // 1 ms guard between frames.
        let starts = h.chip.transmitLog.map(\.startMicros), ends = h.chip.transmitLog.map(\.endMicros)
        #expect(zip(ends, starts.dropFirst()).contains { $1 - $0 == 6_000 })
    }

    /// #3: a TxDone that never comes frees the slot (counted); the queue never fills up.
    @Test func aTxDoneThatNeverComesFreesTheSlot() throws {
        let h = GatewayHarness(start: Self.t0)
        h.faults.dropTxDone = true
        try h.gateway.start()
        try h.run(until: Self.t0 + Self.second)
        var acks: [TxAckError] = []
        for k in 0..<20 { acks.append(h.gateway.schedule(Self.classC([UInt8(k)])).error) }
        try h.run(until: h.loop.nowMicros + 2 * Self.second)
        for k in 0..<20 {
            acks.append(h.gateway.schedule(Self.classC([UInt8(k), 1])).error)
            try h.run(until: h.loop.nowMicros + Self.second)
        }
        #expect(acks.filter { $0 == .none }.count == 36)  // 16 fit the queue at once, then 20 one by one
        #expect(h.chip.transmitLog.count == 36)
        #expect(h.gateway.statistics.txTimeouts == 36)
        #expect(h.gateway.jit.entries.isEmpty)
        #expect(h.logLines.contains { $0.hasPrefix("downlink: no TxDone before the next downlink's prepare; slot freed") })
    }

    /// #5: a start later than a quarter symbol is not transmitted; budget and slot are kept free.
    @Test func aLateTransmitIsAborted() throws {
        let h = GatewayHarness(start: Self.t0)
        try h.gateway.start()
        try h.run(until: Self.t0 + Self.second)
        let request = TxPacket(timing: .counter(UInt32(truncatingIfNeeded: h.loop.nowMicros + 500_000)), frequencyHz: 868_100_000,
                               powerDBm: 14, dataRate: DataRateName("SF7BW125")!, invertPolarity: true, noCRC: true, payload: [1])
        #expect(h.gateway.schedule(request).error == .none)
        let start = h.gateway.jit.entries[0].startMicros
        // The loop stalls across the start: the precise alarm runs 300 µs late (an SF7 symbol is 1024 µs).
        h.loop.schedule(at: start - 100) { h.clock.advance(to: start + 300) }
        try h.run(until: start + Self.second)
        #expect(h.chip.transmitLog.isEmpty)
        #expect(h.gateway.statistics.txLate == 1)
        #expect(h.gateway.jit.entries.isEmpty)
        let band = h.gateway.dutyCycle.bandIndex(frequencyHz: 868_100_000)!
        #expect(h.gateway.dutyCycle.usedMicros(band: band, windowEnd: start + Self.second) == 0)
        #expect(h.chip.mode == .rxContinuous)
        #expect(h.logLines.contains { $0.hasPrefix("downlink aborted: it would start 300 µs late (margin 256 µs)") })
        // 200 µs late is inside the margin: sent.
        let next = TxPacket(timing: .counter(UInt32(truncatingIfNeeded: h.loop.nowMicros + 500_000)), frequencyHz: 868_100_000,
                            powerDBm: 14, dataRate: DataRateName("SF7BW125")!, invertPolarity: true, noCRC: true, payload: [2])
        #expect(h.gateway.schedule(next).error == .none)
        let nextStart = h.gateway.jit.entries[0].startMicros
        h.loop.schedule(at: nextStart - 100) { h.clock.advance(to: nextStart + 200) }
        try h.run(until: nextStart + Self.second)
        #expect(h.chip.transmitLog.count == 1)
    }

    /// #6: a radio restart while a frame is on air keeps that frame's duty-cycle record.
    @Test func aRestartDoesNotCancelTheRecordOfAFrameOnAir() throws {
        let h = GatewayHarness(start: Self.t0)
        try h.gateway.start()
        try h.run(until: Self.t0 + Self.second)
        #expect(h.gateway.schedule(Self.classC([UInt8](repeating: 1, count: 40), mhz: 868_100_000, datr: "SF12BW125")).error == .none)
        let entry = h.gateway.jit.entries[0]
        h.loop.schedule(at: entry.startMicros + 100_000) { h.gateway.restartRadio(reason: "test") }
        try h.run(until: entry.endMicros + Self.second)
        #expect(h.chip.transmitLog.count == 1)
        let band = h.gateway.dutyCycle.bandIndex(frequencyHz: 868_100_000)!
        #expect(h.gateway.dutyCycle.usedMicros(band: band, windowEnd: entry.endMicros + Self.second) == entry.endMicros - entry.startMicros)
    }

    /// #2: a radio that fails for a minute: one restart in flight, backoff, WATCHDOG=1 withheld, each attempt logged and counted.
    @Test func radioRestartsDoNotMultiply() throws {
        let h = GatewayHarness(start: Self.t0)
        var notified: [(UInt64, String)] = []
        h.gateway.notify = { notified.append((h.clock.now, $0)) }
        try h.gateway.start()
        let breaks = Self.t0 + 12 * Self.second
        h.clock.schedule(at: breaks) { h.faults.brokenUntil = breaks + 60 * Self.second }
        try h.run(until: breaks + 120 * Self.second)
        let attempts = h.faults.startAttempts.dropFirst()  // the first is the start
        #expect(attempts.count >= 5 && attempts.count <= 8)
        for (a, b) in zip(attempts, attempts.dropFirst()) { #expect(b - a >= Self.second) }
        #expect(h.gateway.statistics.radioRestarts == UInt64(attempts.count))
        #expect(h.gateway.statistics.radioRestartFailures == UInt64(attempts.count - 1))
        #expect(h.logLines.filter { $0.hasPrefix("radio: re-initialising") }.count == attempts.count)
        let recovered = attempts.last!
        #expect(recovered >= breaks + 60 * Self.second)
        #expect(!notified.contains { $0.1 == "WATCHDOG=1" && $0.0 > breaks && $0.0 < recovered })
        #expect(notified.contains { $0.1 == "WATCHDOG=1" && $0.0 > recovered })
        #expect(h.chip.mode == .rxContinuous)
    }

    /// #4: an implicit-header downlink answered NONE is transmitted (it used to reset the radio).
    @Test func everyAcceptedDownlinkIsTransmitted() throws {
        let h = GatewayHarness(start: Self.t0)
        try h.gateway.start()
        try h.run(until: Self.t0 + Self.second)
        var request = Self.classC([9, 9, 9])
        request.noHeader = true
        #expect(h.gateway.schedule(request).error == .none)
        #expect(h.gateway.schedule(Self.classC(datr: "SF7BW500")).error == .txFrequency)
        try h.run(until: h.loop.nowMicros + Self.second)
        #expect(h.chip.transmitLog.count == 1)
        #expect(h.chip.transmitLog.first?.parameters.explicitHeader == false)
        #expect(h.gateway.statistics.radioRestarts == 0)
    }

    /// #13: refused downlinks are logged a few times, then one line per thousand.
    @Test func refusalLogLinesAreRateLimited() throws {
        let h = GatewayHarness(start: Self.t0)
        try h.gateway.start()
        try h.run(until: Self.t0 + Self.second)
        for _ in 0..<2_000 { _ = h.gateway.schedule(Self.classC(mhz: 915_000_000)) }
        #expect(h.logLines.filter { $0.hasPrefix("downlink refused, TX_FREQ") }.count == 7)
        #expect(h.gateway.statistics.downlinksRefused == 2_000)
    }

    /// #13: a protocol-version-1 PULL_RESP is dropped as malformed (v1 has no TX_ACK).
    @Test func versionOnePullRespIsDropped() throws {
        let h = GatewayHarness(start: Self.t0)
        try h.gateway.start()
        try h.run(until: Self.t0 + Self.second)
        var datagram = SemtechDatagram.pullResp(token: 9, json: Self.classC().json)
        datagram[0] = 1
        h.network.deliverToGateway(datagram, up: false)
        try h.run(until: Self.t0 + 2 * Self.second)
        #expect(h.gateway.statistics.malformed == 1)
        #expect(h.chip.transmitLog.isEmpty)
        #expect(h.server.txAcks[9] == nil)
    }

    /// #16: the 10 % g3 sub-band (869.4-869.65 MHz) held over two hours of Class C requests.
    @Test func g3TenPercentHeldOverAnHour() throws {
        let h = GatewayHarness(start: Self.t0)
        try h.gateway.start()
        let payload = [UInt8](repeating: 7, count: 51)
        var when = Self.t0 + Self.second
        while when < Self.t0 + 7_200 * Self.second {
            h.loop.schedule(at: when) { _ = h.gateway.schedule(Self.classC(payload, datr: "SF12BW125")) }
            when += 5 * Self.second
        }
        try h.run(until: Self.t0 + 7_300 * Self.second)
        let frames = h.chip.transmitLog
        let hour = DutyCycleTracker.windowMicros
        var busiest: UInt64 = 0
        for frame in frames {
            let windowStart = frame.endMicros > hour ? frame.endMicros - hour : 0
            var used: UInt64 = 0
            for other in frames where other.endMicros > windowStart && other.startMicros < frame.endMicros {
                used += min(other.endMicros, frame.endMicros) - max(other.startMicros, windowStart)
            }
            busiest = max(busiest, used)
        }
        #expect(busiest <= 360_000_000)
        #expect(busiest > 340_000_000)  // the budget is used, not wasted
        #expect(h.gateway.statistics.txAckCount(.collisionPacket) == 0)  // counted in txAcks only for datagrams
        #expect(h.gateway.statistics.downlinksRefused > 500)
    }
}
