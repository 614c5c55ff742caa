/// A monotonic microsecond clock that never goes back: CLOCK_MONOTONIC on
/// Linux, a virtual clock on the mock board.
public protocol MonotonicClock {
    func nowMicros() -> UInt64

    /// Lets `micros` pass. On a virtual clock this advances time (and
    /// everything scheduled on it) instead of sleeping.
    mutating func sleep(micros: UInt64)
}
