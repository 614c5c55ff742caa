/// A seeded SplitMix64 generator: every random choice of a node (backoff,
/// jitter, partition id, mesh-local EID) comes from one, so a simulation
/// with the same seed replays exactly (Steele, Lea, Flood 2014).
public struct MeshRandom: Sendable {
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
}
