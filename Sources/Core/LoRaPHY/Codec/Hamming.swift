/// LoRa's Hamming-style block code: four data bits then 1...4 parity bits
/// (CR 4/5 ... 4/8). Codewords are handled as integers whose most significant
/// of `codewordBits` bits is sent first: data bit 0, 1, 2, 3, then p0...p3
/// (the order of gr-lora_sdr `hamming_enc`). 4/5 and 4/6 detect a single
/// error, 4/7 corrects one, 4/8 corrects one and detects two.
public enum LoRaHamming {
    /// Encodes the low nibble of `nibble` into a codeword of `codewordBits` (5...8) bits.
    public static func encode(_ nibble: UInt8, codewordBits: Int) -> UInt8 {
        let d0 = nibble & 1, d1 = (nibble >> 1) & 1, d2 = (nibble >> 2) & 1, d3 = (nibble >> 3) & 1
        if codewordBits == 5 {
            return d0 << 4 | d1 << 3 | d2 << 2 | d3 << 1 | (d0 ^ d1 ^ d2 ^ d3)
        }
        let p0 = d0 ^ d1 ^ d2
        let p1 = d1 ^ d2 ^ d3
        let p2 = d0 ^ d1 ^ d3
        let p3 = d0 ^ d2 ^ d3
        let full = d0 << 7 | d1 << 6 | d2 << 5 | d3 << 4 | p0 << 3 | p1 << 2 | p2 << 1 | p3
        return full >> UInt8(8 - codewordBits)
    }

    /// The data nibble carried by a codeword, without any correction.
    public static func dataBits(_ codeword: UInt8, codewordBits: Int) -> UInt8 {
        let top = codeword >> UInt8(codewordBits - 4)
        return (top >> 3) & 1 | ((top >> 2) & 1) << 1 | ((top >> 1) & 1) << 2 | (top & 1) << 3
    }

    /// What hard decoding found in one codeword.
    public enum Outcome: Sendable, Equatable {
        case clean, corrected, uncorrectable
    }

    /// Hard decision decoding: corrects a single bit error at 4/7 and 4/8;
    /// otherwise returns the received data bits and says whether the
    /// codeword was inconsistent.
    public static func decode(_ codeword: UInt8, codewordBits: Int) -> (nibble: UInt8, outcome: Outcome) {
        let mask = UInt8(truncatingIfNeeded: (1 << codewordBits) - 1)
        let word = codeword & mask
        let received = dataBits(word, codewordBits: codewordBits)
        if encode(received, codewordBits: codewordBits) == word { return (received, .clean) }
        guard codewordBits >= 7 else { return (received, .uncorrectable) }
        var best = received
        var bestDistance = Int.max
        var ties = 0
        for candidate in UInt8(0)..<16 {
            let distance = (encode(candidate, codewordBits: codewordBits) ^ word).nonzeroBitCount
            if distance < bestDistance {
                bestDistance = distance
                best = candidate
                ties = 1
            } else if distance == bestDistance {
                ties += 1
            }
        }
        if bestDistance == 1 && ties == 1 { return (best, .corrected) }
        return (received, .uncorrectable)
    }

    /// Soft decision (maximum likelihood) decoding from one log-likelihood
    /// ratio per codeword bit, first-sent bit first; positive means "1".
    public static func decode(softBits llrs: [Float], codewordBits: Int) -> UInt8 {
        var best: UInt8 = 0
        var bestScore = -Float.greatestFiniteMagnitude
        for candidate in UInt8(0)..<16 {
            let word = encode(candidate, codewordBits: codewordBits)
            var score: Float = 0
            for bit in 0..<codewordBits {
                let one = (word >> UInt8(codewordBits - 1 - bit)) & 1 == 1
                score += one ? llrs[bit] : -llrs[bit]
            }
            if score > bestScore {
                bestScore = score
                best = candidate
            }
        }
        return best
    }
}
