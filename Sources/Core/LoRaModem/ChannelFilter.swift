import CFFTW

/// Channel filter, decimator and fractional-delay interpolator in one: a
/// Blackman-windowed sinc low-pass at BW/2 evaluated at any real position of
/// the input stream, so the receiver reads one sample per chip at exactly the
/// timing it estimated (with `ratio` input samples per chip; ratio 1 makes it
/// a pure fractional-delay interpolator).
public struct ChannelFilter: Sendable {
    /// Input samples per chip (sample rate / bandwidth).
    public let ratio: Int
    /// Taps on each side of the output position.
    public let halfTaps: Int
    let cutoff: Double

    public init(ratio: Int) {
        self.ratio = ratio
        halfTaps = ratio == 1 ? 8 : 6 * ratio
        cutoff = 0.55 / Double(ratio)
    }

    /// Taps for an output at input position n0 + `fraction` (0 ≤ fraction < 1):
    /// tap k (k = −halfTaps+1 … halfTaps) multiplies input n0 + k.
    public func taps(fraction: Double) -> [Float] {
        var taps = [Float](repeating: 0, count: 2 * halfTaps)
        if fraction == 0 && ratio == 1 {
            taps[halfTaps - 1] = 1
            return taps
        }
        let span = Double(halfTaps)
        var values = [Double](repeating: 0, count: 2 * halfTaps)
        var sum = 0.0
        for index in 0..<(2 * halfTaps) {
            let k = Double(index - halfTaps + 1)
            let x = fraction - k
            let arg = 2 * cutoff * x
            let sinc = abs(arg) < 1e-12 ? 1.0 : sin(Double.pi * arg) / (Double.pi * arg)
            let ratio = abs(x) / span
            let window = ratio >= 1 ? 0 : 0.5 + 0.5 * cos(Double.pi * ratio)
            values[index] = sinc * window
            sum += values[index]
        }
        for index in 0..<(2 * halfTaps) { taps[index] = Float(values[index] / sum) }
        return taps
    }
}
