import HAL

/// A cooperative, single-threaded event loop: alarms on a deadline-ordered
/// queue and readiness sources behind a `Reactor`. The same loop runs the
/// gateway on the real clock and, in tests, an hour of gateway life on a
/// virtual clock in milliseconds.
///
/// Handlers run to completion and must not block; they schedule alarms and
/// return. Scheduling allocates one slot for the closure; running alarms and
/// waiting allocate nothing (Basics Station's rt_ timers are the model).
public final class EventLoop<R: Reactor> {
    public var reactor: R
    private var timers = TimerQueue()
    private var descriptors: [Int32] = []
    private var handlers: [() -> Void] = []
    private var sourceIDs: [Int] = []
    private var ready: [Bool] = []
    private var nextSourceID = 0
    private var stopRequested = false

    /// Iterations completed (the watchdog's heartbeat).
    public private(set) var iterations: UInt64 = 0
    /// When the current (or last) iteration started dispatching.
    public private(set) var lastIterationMicros: UInt64 = 0

    public init(reactor: R) {
        self.reactor = reactor
        descriptors.reserveCapacity(8)
        handlers.reserveCapacity(8)
        ready.reserveCapacity(8)
    }

    public var nowMicros: UInt64 { reactor.nowMicros() }

    // MARK: Alarms

    /// Runs `action` once at `deadline` (on the next iteration if already past).
    @discardableResult
    public func schedule(at deadline: UInt64, precise: Bool = false, _ action: @escaping () -> Void) -> TimerHandle {
        timers.schedule(at: deadline, every: 0, precise: precise, action)
    }

    @discardableResult
    public func schedule(afterMicros delay: UInt64, _ action: @escaping () -> Void) -> TimerHandle {
        timers.schedule(at: nowMicros + delay, every: 0, precise: false, action)
    }

    /// Runs `action` every `intervalMicros`, first at `firstDeadline` (default:
    /// one interval from now), keeping its cadence.
    @discardableResult
    public func scheduleRepeating(everyMicros interval: UInt64, firstAt firstDeadline: UInt64? = nil,
                                  _ action: @escaping () -> Void) -> TimerHandle {
        precondition(interval > 0, "a periodic alarm needs a positive interval")
        return timers.schedule(at: firstDeadline ?? nowMicros + interval, every: interval, precise: false, action)
    }

    public func cancel(_ handle: TimerHandle) { timers.cancel(handle) }

    public func isScheduled(_ handle: TimerHandle) -> Bool { timers.isScheduled(handle) }

    /// Alarms still pending.
    public var scheduledCount: Int { timers.liveCount }

    // MARK: Sources

    /// Calls `handler` whenever `descriptor` is readable (or, for a source
    /// without a descriptor, after every wait). Returns an id for removal.
    @discardableResult
    public func addSource(descriptor: Int32, _ handler: @escaping () -> Void) -> Int {
        let id = nextSourceID
        nextSourceID += 1
        descriptors.append(descriptor)
        handlers.append(handler)
        sourceIDs.append(id)
        ready.append(false)
        return id
    }

    public func removeSource(_ id: Int) {
        guard let index = sourceIDs.firstIndex(of: id) else { return }
        descriptors.remove(at: index)
        handlers.remove(at: index)
        sourceIDs.remove(at: index)
        ready.remove(at: index)
    }

    // MARK: Running

    /// Asks `run()` to return after the current handler.
    public func stop() { stopRequested = true }
    public var isStopping: Bool { stopRequested }

    /// Runs until `stop()` (or, on a virtual clock, until nothing is left to happen).
    public func run() throws(SystemError) {
        stopRequested = false
        while !stopRequested {
            if try !runOnce(until: nil) { return }
        }
    }

    /// Runs everything due up to `deadline` and leaves the clock there
    /// (virtual time) — the test driver's "advance by an hour".
    public func run(until deadline: UInt64) throws(SystemError) {
        stopRequested = false
        while !stopRequested && nowMicros < deadline {
            if try !runOnce(until: deadline) { return }
        }
        runDueAlarms()
    }

    /// One iteration: run due alarms, wait for I/O until the next alarm
    /// (bounded by `limit`), dispatch ready sources. False when idle forever.
    @discardableResult
    public func runOnce(until limit: UInt64? = nil) throws(SystemError) -> Bool {
        runDueAlarms()
        if stopRequested { return true }
        var deadline: UInt64? = nil
        var precise = false
        if let next = timers.earliest() {
            deadline = next.deadline
            precise = next.precise
        }
        if let limit, deadline == nil || limit < deadline! {
            deadline = limit
            precise = false
        }
        let alive = try reactor.wait(descriptors: descriptors, ready: &ready, deadline: deadline, precise: precise)
        iterations &+= 1
        lastIterationMicros = nowMicros
        runDueAlarms()
        var index = 0
        while index < handlers.count && !stopRequested {
            if ready[index] {
                ready[index] = false
                handlers[index]()
            }
            index += 1
        }
        return alive || timers.liveCount > 0
    }

    private func runDueAlarms() {
        while !stopRequested, let action = timers.popDue(now: nowMicros) {
            action()
        }
    }
}
