/// Max-log bit metrics of one received symbol: for every bit of the row the
/// symbol carries, the best FFT magnitude among bins whose row has a 1 there
/// minus the best among bins with a 0 (positive favours 1). Noise power is
/// the same for every symbol of a frame, so no scaling is needed for
/// maximum-likelihood codeword decisions.
public enum LoRaSoftBits {
    public static func rowLLRs(magnitudes: [Float], spreadingFactor sf: Int, reducedRate: Bool) -> [Float] {
        let chips = 1 << sf
        let rowBits = reducedRate ? sf - 2 : sf
        var bestOne = [Float](repeating: -1, count: rowBits)
        var bestZero = [Float](repeating: -1, count: rowBits)
        let candidates = reducedRate ? chips >> 2 : chips
        for candidate in 0..<candidates {
            let metric: Float
            if reducedRate {
                // The chirp sits on bin 4k+1; allow the neighbours for residual offsets.
                let centre = 4 * candidate + 1
                metric = max(magnitudes[centre - 1], magnitudes[centre], magnitudes[(centre + 1) & (chips - 1)])
            } else {
                metric = magnitudes[(candidate + 1) & (chips - 1)]
            }
            let row = LoRaGray.toGray(candidate)
            for j in 0..<rowBits {
                if (row >> (rowBits - 1 - j)) & 1 == 1 {
                    if metric > bestOne[j] { bestOne[j] = metric }
                } else if metric > bestZero[j] {
                    bestZero[j] = metric
                }
            }
        }
        var llrs = [Float](repeating: 0, count: rowBits)
        for j in 0..<rowBits { llrs[j] = bestOne[j] - bestZero[j] }
        return llrs
    }
}
