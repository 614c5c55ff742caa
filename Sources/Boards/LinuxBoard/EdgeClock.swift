import CLinux

/// Which clock stamped a GPIO edge. The gateway's time base is
/// CLOCK_MONOTONIC, which kernels from 5.7 use for line events; older
/// kernels stamp them with CLOCK_REALTIME (issue 12 #9). Each stamp is put
/// on the monotonic clock by comparing it with both clocks read now: an edge
/// is recent (microseconds to seconds old), so it lies close to one of them.
public enum EdgeClock {
    /// `stampMicros` on the monotonic clock.
    public static func monotonicMicros(stampMicros: UInt64, monotonicNow: UInt64, realtimeNow: UInt64) -> UInt64 {
        let fromMonotonic = distance(stampMicros, monotonicNow)
        let fromRealtime = distance(stampMicros, realtimeNow)
        guard fromRealtime < fromMonotonic else { return stampMicros }
        // A real-time stamp: the same age before the monotonic now.
        let age = realtimeNow > stampMicros ? realtimeNow - stampMicros : 0
        return monotonicNow > age ? monotonicNow - age : 0
    }

    /// The same, reading both clocks now.
    public static func monotonicMicros(stampMicros: UInt64) -> UInt64 {
        let realtime = lk_realtime_micros()
        return monotonicMicros(stampMicros: stampMicros, monotonicNow: lk_monotonic_micros(),
                               realtimeNow: realtime > 0 ? UInt64(realtime) : 0)
    }

    static func distance(_ a: UInt64, _ b: UInt64) -> UInt64 { a > b ? a - b : b - a }
}
