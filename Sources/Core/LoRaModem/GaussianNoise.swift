import CFFTW
import Randomness

/// Seeded complex white Gaussian noise (SplitMix64 + Box–Muller) for
/// deterministic channel simulations in tests and benchmarks.
public struct GaussianNoise: Sendable {
    private var random: SeededRandom

    public init(seed: UInt64) { random = SeededRandom(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    /// Uniform in (0, 1): the top 53 bits of a draw.
    public mutating func uniform() -> Double {
        (Double(random.next() >> 11) + 0.5) / 9_007_199_254_740_992
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
