/// Gray mapping between the interleaver's bit rows and chirp start bins,
/// including LoRa's +1 symbol shift and the reduced-rate rule (the header
/// block and LDRO carry SF−2 bits: the row plus a parity bit and a zero, which
/// puts the chirp on a bin 4k+1, so ±1-bin errors cannot change the bits).
public enum LoRaGray {
    /// Binary value of a Gray code (the transmitter's "gray demap").
    public static func fromGray(_ value: Int) -> Int {
        var result = value
        var shifted = value >> 1
        while shifted != 0 {
            result ^= shifted
            shifted >>= 1
        }
        return result
    }

    /// Gray code of a binary value.
    public static func toGray(_ value: Int) -> Int { value ^ (value >> 1) }

    /// Chirp start bin (0..<2^SF) that carries `row` (sf or sf−2 bits).
    public static func symbol(row: Int, spreadingFactor: Int, reducedRate: Bool) -> Int {
        let chips = 1 << spreadingFactor
        let base = reducedRate ? fromGray(row) << 2 : fromGray(row)
        return (base + 1) & (chips - 1)
    }

    /// Bit row carried by a received chirp bin (hard decision).
    public static func row(symbol: Int, spreadingFactor: Int, reducedRate: Bool) -> Int {
        let chips = 1 << spreadingFactor
        let shifted = (symbol - 1) & (chips - 1)
        if reducedRate {
            // Round to the nearest multiple of 4 (bins 4k-2 ... 4k+1 → k).
            return toGray(((shifted + 2) >> 2) & ((chips >> 2) - 1))
        }
        return toGray(shifted)
    }
}
