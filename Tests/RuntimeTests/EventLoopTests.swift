import HAL
import Testing
@testable import Runtime

@Suite struct EventLoopTests {
    func makeLoop(start: UInt64 = 0) -> (EventLoop<VirtualReactor>, VirtualClock) {
        let clock = VirtualClock(startMicros: start)
        return (EventLoop(reactor: VirtualReactor(clock: clock)), clock)
    }

    @Test func alarmsRunInDeadlineOrderThenSchedulingOrder() throws {
        let (loop, _) = makeLoop()
        var log: [String] = []
        loop.schedule(at: 300) { log.append("c") }
        loop.schedule(at: 100) { log.append("a") }
        loop.schedule(at: 200) { log.append("b1") }
        loop.schedule(at: 200) { log.append("b2") }
        try loop.run(until: 1_000)
        #expect(log == ["a", "b1", "b2", "c"])
        #expect(loop.nowMicros == 1_000)
    }

    @Test func cancelledAlarmNeverRunsAndStaleHandleIsHarmless() throws {
        let (loop, _) = makeLoop()
        var ran = 0
        let handle = loop.schedule(at: 100) { ran += 1 }
        #expect(loop.isScheduled(handle))
        loop.cancel(handle)
        #expect(!loop.isScheduled(handle))
        let other = loop.schedule(at: 150) { ran += 10 }  // reuses the slot
        loop.cancel(handle)  // stale: must not cancel `other`
        #expect(loop.isScheduled(other))
        try loop.run(until: 1_000)
        #expect(ran == 10)
    }

    @Test func periodicAlarmKeepsItsCadenceAndCanCancelItself() throws {
        let (loop, _) = makeLoop()
        var times: [UInt64] = []
        var handle = TimerHandle.none
        handle = loop.scheduleRepeating(everyMicros: 10_000_000, firstAt: 5_000_000) {
            times.append(loop.nowMicros)
            if times.count == 4 { loop.cancel(handle) }
        }
        try loop.run(until: 100_000_000)
        #expect(times == [5_000_000, 15_000_000, 25_000_000, 35_000_000])
        #expect(loop.scheduledCount == 0)
    }

    @Test func manyCancellationsStayBounded() throws {
        let (loop, _) = makeLoop()
        var fired = 0
        var handle = TimerHandle.none
        for step in 0..<10_000 {
            loop.cancel(handle)
            handle = loop.schedule(at: UInt64(step) * 10 + 1_000_000) { fired += 1 }
        }
        try loop.run(until: 2_000_000)
        #expect(fired == 1)
        #expect(loop.scheduledCount == 0)
    }

    @Test func virtualClockEventsInterleaveWithAlarms() throws {
        let (loop, clock) = makeLoop()
        var log: [String] = []
        var pending = false
        clock.schedule(at: 150) { pending = true; log.append("chip@\(clock.now)") }
        loop.addSource(descriptor: -1) {
            if pending { pending = false; log.append("handled@\(loop.nowMicros)") }
        }
        loop.schedule(at: 100) { log.append("alarm@100") }
        loop.schedule(at: 200) { log.append("alarm@200") }
        try loop.run(until: 1_000)
        #expect(log == ["alarm@100", "chip@150", "handled@150", "alarm@200"])
    }

    @Test func alarmsScheduledFromAlarmsRunInTheSameRun() throws {
        let (loop, _) = makeLoop()
        var count = 0
        func again() { count += 1; if count < 100 { loop.schedule(afterMicros: 1_000, again) } }
        loop.schedule(at: 0, again)
        try loop.run(until: 1_000_000)
        #expect(count == 100)
    }

    @Test func runReturnsWhenVirtualTimeHasNothingLeft() throws {
        let (loop, _) = makeLoop()
        var ran = false
        loop.schedule(at: 42) { ran = true }
        try loop.run()
        #expect(ran)
        #expect(loop.nowMicros == 42)
    }

    @Test func stopEndsRun() throws {
        let (loop, _) = makeLoop()
        var ticks = 0
        loop.scheduleRepeating(everyMicros: 1_000) {
            ticks += 1
            if ticks == 5 { loop.stop() }
        }
        try loop.run()
        #expect(ticks == 5)
    }
}

@Suite struct WatchdogTests {
    @Test func healthyWhenOnTimeAndRadioAnswers() {
        var dog = Watchdog(policy: WatchdogPolicy(stallMicros: 1_000, radioSilenceMicros: 60_000_000))
        #expect(dog.check(now: 10_500, scheduledAt: 10_000, modeMatches: true, receivingSince: 0, lastInterruptAt: nil) == .healthy)
    }

    @Test func lateAlarmMeansStalledLoop() {
        var dog = Watchdog(policy: WatchdogPolicy(stallMicros: 1_000, radioSilenceMicros: 0))
        #expect(dog.check(now: 20_000, scheduledAt: 10_000, modeMatches: true, receivingSince: nil, lastInterruptAt: nil)
            == .loopStalled(lateMicros: 10_000))
        #expect(dog.stalls == 1)
    }

    @Test func modeMismatchAndSilenceMeanRadioNotAnswering() {
        var dog = Watchdog(policy: WatchdogPolicy(stallMicros: 1_000, radioSilenceMicros: 60_000_000))
        #expect(!dog.check(now: 1, scheduledAt: 1, modeMatches: false, receivingSince: 0, lastInterruptAt: nil).isHealthy)
        let silent = dog.check(now: 61_000_000, scheduledAt: 61_000_000, modeMatches: true, receivingSince: 0, lastInterruptAt: 500_000)
        #expect(silent == .radioNotAnswering(reason: "no interrupt for 60 s while receiving"))
        #expect(dog.check(now: 61_000_000, scheduledAt: 61_000_000, modeMatches: true, receivingSince: 0,
                          lastInterruptAt: 30_000_000) == .healthy)
        #expect(dog.radioResets == 2)
    }

    @Test func silenceRuleCanBeDisabled() {
        var dog = Watchdog(policy: WatchdogPolicy(stallMicros: 1_000, radioSilenceMicros: 0))
        #expect(dog.check(now: 999_000_000, scheduledAt: 999_000_000, modeMatches: true, receivingSince: 0, lastInterruptAt: nil) == .healthy)
    }
}
