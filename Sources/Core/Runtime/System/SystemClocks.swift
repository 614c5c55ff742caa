import CLinux
import HAL

/// CLOCK_MONOTONIC in microseconds: the real time base of the loop, of
/// DIO0 edge stamps and therefore of `tmst`.
public struct SystemMonotonicClock: MonotonicClock {
    public init() {}
    public func nowMicros() -> UInt64 { lk_monotonic_micros() }

    /// Sleeps by spinning the last stretch (nanosleep overshoots by tens of µs).
    public mutating func sleep(micros: UInt64) {
        let target = nowMicros() + micros
        while nowMicros() < target {}
    }
}

/// Coordinated Universal Time, for `rxpk.time` and `stat.time`. Separate from
/// the monotonic clock: it can jump (NTP) and must never drive timing.
public protocol UTCClock {
    /// Microseconds since 1970-01-01T00:00:00Z.
    func utcMicros() -> Int64
}

/// CLOCK_REALTIME.
public struct SystemUTCClock: UTCClock {
    public init() {}
    public func utcMicros() -> Int64 { lk_realtime_micros() }
}

/// UTC derived from a virtual clock: a fixed epoch plus virtual time, so
/// tests see deterministic timestamps.
public struct VirtualUTCClock: UTCClock {
    public let clock: VirtualClock
    public let epochMicros: Int64

    public init(clock: VirtualClock, utcAtZeroMicros: Int64) {
        self.clock = clock
        epochMicros = utcAtZeroMicros
    }

    public func utcMicros() -> Int64 { epochMicros + Int64(clock.now) }
}
