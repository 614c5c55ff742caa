/// Virtual time for the mock board and for tests: one shared clock on which
/// the emulator schedules its chip events (TxDone at the end of airtime, a
/// frame arriving from the simulated air) and the event loop its alarms.
/// Time moves only when someone advances it, so an hour of gateway life runs
/// in milliseconds, deterministically (NIO's EmbeddedEventLoop is the model).
public final class VirtualClock: MonotonicClock {
    private struct Scheduled {
        var deadline: UInt64
        var sequence: UInt64
        var action: () -> Void
    }

    public private(set) var now: UInt64
    private var queue: [Scheduled] = []
    private var nextSequence: UInt64 = 0

    public init(startMicros: UInt64 = 0) { now = startMicros }

    public func nowMicros() -> UInt64 { now }

    /// Sleeping on a virtual clock advances it.
    public func sleep(micros: UInt64) { advance(to: now + micros) }

    /// Runs `action` when the clock reaches `deadline` (at once, on the next
    /// advance, if it is already past). Same-deadline actions run in the order
    /// they were scheduled.
    public func schedule(at deadline: UInt64, _ action: @escaping () -> Void) {
        queue.append(Scheduled(deadline: deadline, sequence: nextSequence, action: action))
        nextSequence += 1
    }

    /// Deadline of the earliest scheduled action, if any.
    public var nextDeadline: UInt64? {
        var earliest: UInt64?
        for item in queue where earliest == nil || item.deadline < earliest! { earliest = item.deadline }
        return earliest
    }

    /// Moves time forward to `target`, running every action due on the way at
    /// its own deadline (actions may schedule more).
    public func advance(to target: UInt64) {
        while let index = indexOfNextDue(notAfter: target) {
            let item = queue.remove(at: index)
            if item.deadline > now { now = item.deadline }
            item.action()
        }
        if target > now { now = target }
    }

    private func indexOfNextDue(notAfter target: UInt64) -> Int? {
        var best: Int?
        for (index, item) in queue.enumerated() where item.deadline <= target {
            if let current = best {
                let other = queue[current]
                if item.deadline < other.deadline || (item.deadline == other.deadline && item.sequence < other.sequence) {
                    best = index
                }
            } else {
                best = index
            }
        }
        return best
    }
}
