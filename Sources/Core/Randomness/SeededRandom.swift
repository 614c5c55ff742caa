/// SplitMix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): small, fast and seeded, so a run with the
/// same seed replays exactly. The one generator of the firmware: the mock
/// board's devices, every random choice of a mesh node (backoff, jitter,
/// partition id, mesh-local EID) and the seeded tests draw from it.
public struct SeededRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0; 0 gives 0).
    public mutating func next(below bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        return next() % bound
    }

    /// Uniform in 0...upperBound; 0 gives 0 without a draw (the mock
    /// board's replayed runs depend on it), UInt64.max any value.
    public mutating func next(upTo upperBound: UInt64) -> UInt64 {
        if upperBound == 0 { return 0 }
        return upperBound == UInt64.max ? next() : next() % (upperBound + 1)
    }

    /// `count` bytes, one draw each (count ≤ 0: none).
    public mutating func bytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, count))
        for _ in 0..<max(0, count) { out.append(UInt8(truncatingIfNeeded: next())) }
        return out
    }
}
