/// The radio's life cycle after a fault (issue 12 #2): at most one restart
/// in flight, exponential backoff between failed attempts, and a "down"
/// state that withholds `WATCHDOG=1` so systemd restarts the service if the
/// radio never comes back. Pure: the forwarder asks and schedules.
public struct RadioSupervisor: Sendable {
    public var firstBackoffMicros: UInt64 = 1_000_000
    public var maxBackoffMicros: UInt64 = 60_000_000
    /// The last attempt failed; the radio neither receives nor transmits.
    public private(set) var isDown = false
    /// A retry alarm is scheduled: further faults wait for it.
    public private(set) var retryPending = false
    public private(set) var failuresInARow = 0

    public init() {}

    /// Whether a fault may start an attempt now (not while one is scheduled).
    public var mayAttempt: Bool { !retryPending }

    public mutating func succeeded() {
        isDown = false
        failuresInARow = 0
    }

    /// The attempt failed: the delay before the one retry.
    public mutating func failed() -> UInt64 {
        isDown = true
        failuresInARow += 1
        retryPending = true
        let shift = UInt64(min(failuresInARow - 1, 16))
        return min(firstBackoffMicros << shift, maxBackoffMicros)
    }

    /// The retry alarm fired.
    public mutating func retryDue() { retryPending = false }
}
