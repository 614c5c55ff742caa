import LoRaPHY
import Regions
import Testing
@testable import Forwarder

/// Issue 12 #4, #9 (power), #12: every rule before TX_ACK, as a pure function.
@Suite struct DownlinkPlannerTests {
    static let now: UInt64 = 1_000_000_000
    let plan = RegionID.eu868.plan

    func txpk(_ mhz: Double, _ datr: String = "SF7BW125", power: Int? = 14, noHeader: Bool = false) -> TxPacket {
        TxPacket(timing: .counter(UInt32(truncatingIfNeeded: Self.now + 1_000_000)), frequencyHz: UInt32((mhz * 1e6).rounded()),
                 powerDBm: power, dataRate: DataRateName(datr)!, invertPolarity: true, noCRC: true, noHeader: noHeader,
                 payload: [1, 2, 3])
    }

    func decide(_ request: TxPacket, limits: TransmitLimits? = nil) -> DownlinkDecision {
        DownlinkPlanner.decide(request, now: Self.now, queue: JITQueue(timing: JITTiming()),
                               dutyCycle: DutyCycleTracker(bands: plan.dutyCycleBands), limits: limits ?? TransmitLimits(plan: plan),
                               dutyCycleError: .collisionPacket)
    }

    @Test func theWholeChannelMustLieInsideTheBandAndOneSubBand() {
        for mhz in [870.0, 869.99, 863.0, 868.0, 869.4, 869.65] {
            #expect(decide(txpk(mhz)).error == .txFrequency, "\(mhz) MHz")
        }
        for mhz in [868.1, 868.5, 869.525, 867.9, 863.1] {
            #expect(decide(txpk(mhz)).error == .none, "\(mhz) MHz")
        }
        if case .refuse(_, let reason) = decide(txpk(868.0)) {
            #expect(reason == "the SF7BW125 channel at 868 MHz (867.9375-868.0625 MHz) is not inside one duty-cycle sub-band")
        }
    }

    @Test func dataRatesTheRegionDoesNotAllowForDownlinks() {
        #expect(decide(txpk(869.525, "SF7BW500")).error == .txFrequency)  // no 500 kHz channel in EU868
        #expect(decide(txpk(869.525, "SF6BW125")).error == .txFrequency)  // SF6 is no LoRaWAN data rate
        #expect(decide(txpk(869.525, "SF7BW250")).error == .none)         // DR6
        let us = RegionID.us915.plan
        #expect(DownlinkPlanner.decide(txpk(923.3, "SF7BW500"), now: Self.now, queue: JITQueue(timing: JITTiming()),
                                       dutyCycle: DutyCycleTracker(bands: []), limits: TransmitLimits(plan: us),
                                       dutyCycleError: .collisionPacket).error == .none)
    }

    @Test func theRadiosOwnRulesRunBeforeTheAnswer() {
        // An implicit-header frame is sent with its length; SF6 would need one (datasheet §4.1.1.2).
        guard case .accept(_, _, let downlink, _) = decide(txpk(869.525, noHeader: true)) else {
            Issue.record("nhdr refused")
            return
        }
        #expect(downlink.settings.implicitPayloadLength == 3)
        #expect(!downlink.settings.parameters.explicitHeader)
    }

    @Test func theBoardsBandLimitsDownlinks() {
        // An RFM95 (HF port, 862-1020 MHz) in EU433.
        let eu433 = RegionID.eu433.plan
        let limits = TransmitLimits(plan: eu433, bandHz: 862_000_000...1_020_000_000)
        let request = txpk(433.375)
        let decision = DownlinkPlanner.decide(request, now: Self.now, queue: JITQueue(timing: JITTiming()),
                                              dutyCycle: DutyCycleTracker(bands: eu433.dutyCycleBands), limits: limits,
                                              dutyCycleError: .collisionPacket)
        #expect(decision.error == .txFrequency)
    }

    @Test func powerNeverExceedsTheEIRPLimit() {
        // 16 dBm EIRP with a 15 dBi antenna leaves 1 dBm: below PA_BOOST's +2 dBm lowest setting.
        #expect(decide(txpk(869.525, power: 14), limits: TransmitLimits(plan: plan, antennaGainDBi: 15)).error == .txPower)
        guard case .accept(_, _, let downlink, let warning) = decide(txpk(869.525, power: 0)) else {
            Issue.record("refused")
            return
        }
        #expect(downlink.powerDBm == 2 && warning == 2)
        guard case .accept(_, _, let lowered, _) = decide(txpk(869.525, power: 27), limits: TransmitLimits(plan: plan, antennaGainDBi: 3)) else {
            Issue.record("refused")
            return
        }
        #expect(lowered.powerDBm == 13)
    }
}

@Suite struct DutyCycleLookAheadTests {
    /// Issue 12 #6: a new frame must not overdraw an hour that ends with a frame already booked after it.
    @Test func framesQueuedAfterTheNewOneCount() {
        let plan = RegionID.eu868.plan
        var tracker = DutyCycleTracker(bands: plan.dutyCycleBands)
        let hour = DutyCycleTracker.windowMicros
        // 35 s of the 36 s (1 %) booked at 30 min, a short frame at 50 min.
        tracker.record(id: 1, frequencyHz: 868_100_000, startMicros: hour + hour / 2, airtimeMicros: 35_000_000)
        tracker.record(id: 2, frequencyHz: 868_100_000, startMicros: hour + 50 * 60_000_000, airtimeMicros: 500_000)
        // A 1 s frame at 10 min fits the hour ending with itself, not the hour ending at 50 min.
        #expect(!tracker.allows(frequencyHz: 868_300_000, startMicros: hour + 10 * 60_000_000, airtimeMicros: 1_000_000))
        #expect(tracker.allows(frequencyHz: 868_300_000, startMicros: hour + 10 * 60_000_000, airtimeMicros: 400_000))
    }
}

@Suite struct UplinkQueueTests {
    let rules = UplinkQueue.Rules(limit: 2, maxAgeMicros: 1_800_000_000, window: 4, timeoutMicros: 200_000,
                                  maxBackoffMicros: 8_000_000)

    /// Issue 12 #9: the limit holds while every held uplink is in flight.
    @Test func limitHoldsWithDatagramsInFlight() {
        var queue = UplinkQueue(rules: UplinkQueue.Rules(limit: 2, maxAgeMicros: 1_800_000_000, window: 4, timeoutMicros: 200_000,
                                                         maxBackoffMicros: 8_000_000, batchCount: 1), seed: 1)
        let first = queue.enqueue(json: "{\"a\":1}", edgeMicros: 0, now: 0)
        let second = queue.enqueue(json: "{\"a\":2}", edgeMicros: 0, now: 0)
        #expect(!first && !second)
        let batches = [queue.nextBatch(now: 0), queue.nextBatch(now: 0)]
        #expect(batches.allSatisfy { $0 != nil })
        let third = queue.enqueue(json: "{\"a\":3}", edgeMicros: 0, now: 0)
        #expect(third)
        #expect(queue.count == 2)
    }

    /// Batches take the oldest unsent uplinks up to `batchCount`, in order;
    /// a resend after a timeout reports no first-transmission edges.
    @Test func batchesTakeOldestUnsentInOrder() {
        var queue = UplinkQueue(rules: UplinkQueue.Rules(limit: 8, maxAgeMicros: 1_800_000_000, window: 4, timeoutMicros: 200_000,
                                                         maxBackoffMicros: 8_000_000, batchCount: 2), seed: 1)
        for (index, edge) in [10, 20, 30].enumerated() {
            _ = queue.enqueue(json: "{\"a\":\(index + 1)}", edgeMicros: UInt64(edge), now: 0)
        }
        let first = queue.nextBatch(now: 0)
        let second = queue.nextBatch(now: 0)
        #expect(first?.json == "{\"rxpk\":[{\"a\":1},{\"a\":2}]}")
        #expect(first?.firstSentEdges == [10, 20])
        #expect(second?.json == "{\"rxpk\":[{\"a\":3}]}")
        #expect(second?.firstSentEdges == [30])
        let third = queue.nextBatch(now: 0)
        #expect(third == nil)
        let expired = queue.expire(now: 200_000)
        #expect(expired)
        let resend = queue.nextBatch(now: 400_000)
        #expect(resend?.json == "{\"rxpk\":[{\"a\":1},{\"a\":2}]}")
        #expect(resend?.firstSentEdges == [])
        #expect(resend?.resent == 2)
        let more = queue.nextBatch(now: 400_000)
        #expect(more == nil)  // one PUSH_DATA in flight while the server is silent
    }

    /// Issue 12 #9: `ackr` counts only acknowledgements of its own interval's PUSH_DATA.
    @Test func ackrNeverExceedsAHundredPercent() {
        var queue = UplinkQueue(rules: rules, seed: 1)
        _ = queue.enqueue(json: "{}", edgeMicros: 0, now: 0)
        let early = queue.nextBatch(now: 0)!
        let unanswered = queue.closeInterval()
        #expect(unanswered == 0)
        _ = queue.enqueue(json: "{}", edgeMicros: 0, now: 10)
        let late = queue.nextBatch(now: 10)!
        let acknowledged = [queue.acknowledge(token: early.token), queue.acknowledge(token: late.token)]
        #expect(acknowledged == [1, 1])
        let ackr = queue.closeInterval()
        #expect(ackr == 100)
    }
}
