import CLinux
import HAL

/// CLOCK_MONOTONIC in microseconds: the same time base as the kernel's GPIO
/// line-event timestamps (libgpiod v1.6, Linux 5.7 and later), so an edge's
/// `timestampMicros` and `nowMicros()` can be subtracted.
public struct LinuxClock: MonotonicClock {
    public init() {}

    public func nowMicros() -> UInt64 { lk_monotonic_micros() }

    public mutating func sleep(micros: UInt64) { lk_sleep_micros(micros) }
}
