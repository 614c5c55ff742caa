/// SplitMix64: a small, fast, seeded generator so every mock-board run with
/// the same seed is identical.
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

    /// Uniform in 0...upperBound (0 when upperBound is 0).
    public mutating func next(upTo upperBound: UInt64) -> UInt64 {
        upperBound == 0 ? 0 : next() % (upperBound + 1)
    }

    public mutating func bytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(UInt8(truncatingIfNeeded: next())) }
        return out
    }
}
