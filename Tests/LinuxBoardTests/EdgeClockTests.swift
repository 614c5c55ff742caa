@testable import LinuxBoard
import Testing

/// Issue 12 #9: libgpiod's event clock is checked, not assumed monotonic.
@Test func edgeStampsFromEitherClockLandOnTheMonotonicClock() {
    let monotonic: UInt64 = 12_345_000_000  // 3.4 hours of uptime
    let realtime: UInt64 = 1_764_000_000_000_000  // 2025
    // Kernel ≥ 5.7: a monotonic stamp 800 µs old stays as it is.
    #expect(EdgeClock.monotonicMicros(stampMicros: monotonic - 800, monotonicNow: monotonic, realtimeNow: realtime) == monotonic - 800)
    // Older kernels: a real-time stamp 800 µs old becomes monotonic now − 800 µs.
    #expect(EdgeClock.monotonicMicros(stampMicros: realtime - 800, monotonicNow: monotonic, realtimeNow: realtime) == monotonic - 800)
    // Read on this machine: an edge stamped now on either clock is "now".
    let now = EdgeClock.monotonicMicros(stampMicros: 0, monotonicNow: 5, realtimeNow: 1_000_000_000)
    #expect(now == 0)
}
