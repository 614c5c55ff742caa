import HAL

/// Where the event loop waits: for a readable descriptor or the next alarm.
/// `PollReactor` waits in ppoll() on the real monotonic clock;
/// `VirtualReactor` jumps a shared `VirtualClock` straight to the next event;
/// `PacedReactor` runs a `VirtualClock` (the mock board's) in step with the
/// real clock while polling real sockets.
///
/// Sources without a descriptor (`descriptor < 0`, e.g. an emulated radio)
/// are reported ready after every wait: their handlers check for work
/// without blocking.
public protocol Reactor {
    /// The loop's time base in microseconds (never goes back).
    func nowMicros() -> UInt64

    /// Waits until a descriptor is readable or the clock reaches `deadline`
    /// (nil: no alarm pending), setting `ready[i]` for each ready source.
    /// `precise` asks to reach the deadline as exactly as possible (a
    /// downlink start). Returns false when nothing can ever happen again
    /// (a virtual clock with no alarm and no scheduled event).
    mutating func wait(descriptors: [Int32], ready: inout [Bool], deadline: UInt64?, precise: Bool)
        throws(SystemError) -> Bool
}

/// Virtual time: advances the shared clock to the earlier of the loop's next
/// alarm and the clock's own next scheduled event (an emulated chip event),
/// running that event, then reports every source ready.
public struct VirtualReactor: Reactor {
    public let clock: VirtualClock

    public init(clock: VirtualClock) { self.clock = clock }

    public func nowMicros() -> UInt64 { clock.now }

    public mutating func wait(descriptors: [Int32], ready: inout [Bool], deadline: UInt64?, precise: Bool)
        throws(SystemError) -> Bool
    {
        var target = deadline
        if let event = clock.nextDeadline, target == nil || event < target! { target = event }
        guard let target else { return false }
        clock.advance(to: max(target, clock.now))
        for index in ready.indices { ready[index] = true }
        return true
    }
}
