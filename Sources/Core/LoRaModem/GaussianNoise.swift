import CFFTW

/// Seeded complex white Gaussian noise (SplitMix64 + Box–Muller) for
/// deterministic channel simulations in tests and benchmarks.
public struct GaussianNoise: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// Uniform in (0, 1).
    public mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// A complex sample with E|n|² = `power`.
    public mutating func sample(power: Double) -> Complex32 {
        let radius = sqrt(-log(uniform()) * power)
        let angle = 2 * Double.pi * uniform()
        return Complex32(Float(radius * cos(angle)), Float(radius * sin(angle)))
    }

    /// Adds noise of `power` per sample to `samples`.
    public mutating func add(to samples: inout [Complex32], power: Double) {
        for index in samples.indices { samples[index] = samples[index] + sample(power: power) }
    }
}
