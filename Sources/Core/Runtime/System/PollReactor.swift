import CLinux
import HAL

/// Real time: ppoll() over the sources' descriptors with the timeout to the
/// next alarm. For a precise alarm it wakes `spinMarginMicros` early and
/// spins on CLOCK_MONOTONIC to the deadline, because the kernel's wake-up
/// latency (timer slack, scheduling) is tens to hundreds of µs and a
/// downlink must start within a few µs of its `tmst`.
public struct PollReactor: Reactor {
    public var spinMarginMicros: UInt64
    private var flags: [UInt8] = []

    public init(spinMarginMicros: UInt64 = 1_500) { self.spinMarginMicros = spinMarginMicros }

    public func nowMicros() -> UInt64 { lk_monotonic_micros() }

    public mutating func wait(descriptors: [Int32], ready: inout [Bool], deadline: UInt64?, precise: Bool)
        throws(SystemError) -> Bool
    {
        try Self.pollAndSpin(descriptors: descriptors, ready: &ready, deadline: deadline, precise: precise,
                             spinMargin: spinMarginMicros, flags: &flags)
        return true
    }

    static func pollAndSpin(descriptors: [Int32], ready: inout [Bool], deadline: UInt64?, precise: Bool,
                            spinMargin: UInt64, flags: inout [UInt8]) throws(SystemError) {
        var timeout: Int64 = -1
        if let deadline {
            let now = lk_monotonic_micros()
            let wakeAt = precise && deadline > spinMargin ? deadline - spinMargin : deadline
            timeout = wakeAt > now ? Int64(wakeAt - now) : 0
        }
        if flags.count < descriptors.count { flags = [UInt8](repeating: 0, count: descriptors.count) }
        var anyReady = false
        if timeout != 0 || descriptors.contains(where: { $0 >= 0 }) {
            let result = descriptors.withUnsafeBufferPointer { fds in
                flags.withUnsafeMutableBufferPointer { out in
                    lk_poll_many(fds.baseAddress, out.baseAddress, Int32(fds.count), timeout)
                }
            }
            if result < 0 { throw SystemError("poll", errno: Int(result)) }
            anyReady = result > 0
        }
        for index in descriptors.indices {
            ready[index] = descriptors[index] < 0 || flags[index] != 0
        }
        if precise, !anyReady, let deadline {
            while lk_monotonic_micros() < deadline {}
        }
    }
}

/// The mock board on the real clock: the board's `VirtualClock` (on which
/// the emulator schedules chip events and simulated devices their uplinks)
/// is advanced in step with CLOCK_MONOTONIC, so simulated devices run in
/// real time while real sockets are polled. The virtual clock must start
/// at the monotonic clock's current value (`VirtualClock(startMicros:)`).
public struct PacedReactor: Reactor {
    public let clock: VirtualClock
    public var spinMarginMicros: UInt64
    private var flags: [UInt8] = []

    public init(clock: VirtualClock, spinMarginMicros: UInt64 = 1_500) {
        self.clock = clock
        self.spinMarginMicros = spinMarginMicros
    }

    public func nowMicros() -> UInt64 { lk_monotonic_micros() }

    public mutating func wait(descriptors: [Int32], ready: inout [Bool], deadline: UInt64?, precise: Bool)
        throws(SystemError) -> Bool
    {
        var target = deadline
        var targetPrecise = precise
        if let event = clock.nextDeadline, target == nil || event < target! {
            target = event
            targetPrecise = false
        }
        try PollReactor.pollAndSpin(descriptors: descriptors, ready: &ready, deadline: target,
                                    precise: targetPrecise, spinMargin: spinMarginMicros, flags: &flags)
        let now = lk_monotonic_micros()
        if now > clock.now { clock.advance(to: now) }
        return true
    }
}
