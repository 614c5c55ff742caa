import Regions
import Testing
@testable import Forwarder

@Suite struct CounterTimeTests {
    @Test func nearestInstantAcrossTheWrap() {
        let now: UInt64 = (1 << 32) - 500_000  // counter about to wrap
        #expect(CounterTime.localMicros(tmst: 500_000, now: now) == (1 << 32) + 500_000)
        #expect(CounterTime.localMicros(tmst: UInt32.max - 999_999, now: now) == (1 << 32) - 1_000_000)
        let later: UInt64 = (1 << 32) + 100
        #expect(CounterTime.localMicros(tmst: UInt32.max, now: later) == (1 << 32) - 1)
        #expect(CounterTime.localMicros(tmst: 1_100, now: later) == (1 << 32) + 1_100)
    }
}

@Suite struct JITQueueTests {
    let timing = JITTiming(prepareLeadMicros: 5_000, fireLatencyMicros: 0, minimumNoticeMicros: 1_000,
                           maximumAdvanceMicros: 30_000_000, guardMicros: 1_000, capacity: 3)

    @Test func tooLateTooEarlyAndCollision() {
        var queue = JITQueue<Int>(timing: timing)
        let now: UInt64 = 1_000_000
        #expect(queue.check(startMicros: now + 5_999, airtimeMicros: 50_000, now: now) == .tooLate)
        #expect(queue.check(startMicros: now + 6_000, airtimeMicros: 50_000, now: now) == nil)
        #expect(queue.check(startMicros: now + 30_000_001, airtimeMicros: 50_000, now: now) == .tooEarly)
        queue.insert(startMicros: now + 100_000, airtimeMicros: 50_000, item: 1)
        #expect(queue.check(startMicros: now + 140_000, airtimeMicros: 50_000, now: now) == .collision)
        #expect(queue.check(startMicros: now + 20_000, airtimeMicros: 76_000, now: now) == .collision)
        // After the first one ends, plus guard and the next prepare lead: free.
        #expect(queue.check(startMicros: now + 156_000, airtimeMicros: 50_000, now: now) == nil)
        #expect(queue.check(startMicros: now + 155_999, airtimeMicros: 50_000, now: now) == .collision)
    }

    @Test func keepsStartOrderAndCapacity() {
        var queue = JITQueue<Int>(timing: timing)
        queue.insert(startMicros: 3_000_000, airtimeMicros: 10, item: 3)
        queue.insert(startMicros: 1_000_000, airtimeMicros: 10, item: 1)
        let middle = queue.insert(startMicros: 2_000_000, airtimeMicros: 10, item: 2)
        #expect(queue.entries.map(\.item) == [1, 2, 3])
        #expect(queue.check(startMicros: 5_000_000, airtimeMicros: 10, now: 0) == .collision)  // full
        #expect(queue.remove(id: middle)?.item == 2)
        #expect(queue.check(startMicros: 5_000_000, airtimeMicros: 10, now: 0) == nil)
    }

    @Test func immediateFramesGoAfterQueuedOnes() {
        var queue = JITQueue<Int>(timing: timing)
        let now: UInt64 = 0
        #expect(queue.earliestStart(now: now, airtimeMicros: 40_000) == 6_000)
        queue.insert(startMicros: 10_000, airtimeMicros: 50_000, item: 1)
        let start = queue.earliestStart(now: now, airtimeMicros: 40_000)
        #expect(start == 66_000)
        #expect(queue.check(startMicros: start, airtimeMicros: 40_000, now: now) == nil)
    }
}

@Suite struct DutyCycleTests {
    let plan = RegionID.eu868.plan

    @Test func onePercentSubBandOverASlidingHour() {
        var tracker = DutyCycleTracker(bands: plan.dutyCycleBands)
        let band = tracker.bandIndex(frequencyHz: 868_100_000)!
        #expect(tracker.allowanceMicros(band: band) == 36_000_000)  // 1 % of an hour
        // 36 frames of 1 s fill it.
        for k in 0..<36 {
            let start = UInt64(k) * 60_000_000
            #expect(tracker.allows(frequencyHz: 868_100_000, startMicros: start, airtimeMicros: 1_000_000))
            tracker.record(id: UInt64(k), frequencyHz: 868_100_000, startMicros: start, airtimeMicros: 1_000_000)
        }
        #expect(!tracker.allows(frequencyHz: 868_300_000, startMicros: 2_200_000_000, airtimeMicros: 1_000_000))
        // Another sub-band (g3, 10 %) is unaffected.
        #expect(tracker.allows(frequencyHz: 869_525_000, startMicros: 2_200_000_000, airtimeMicros: 1_000_000))
        // An hour after the first frame, its second slides out of the window.
        #expect(tracker.allows(frequencyHz: 868_100_000, startMicros: 3_600_000_000, airtimeMicros: 1_000_000))
        tracker.cancel(id: 35)
        #expect(tracker.allows(frequencyHz: 868_100_000, startMicros: 2_200_000_000, airtimeMicros: 1_000_000))
    }

    @Test func regionsWithoutBandsAllowEverything() {
        let tracker = DutyCycleTracker(bands: [])
        #expect(tracker.allows(frequencyHz: 923_300_000, startMicros: 0, airtimeMicros: 3_600_000_000))
    }
}
