/// LoRa data whitening: the payload bytes are XORed with the output of an
/// 8-bit LFSR, polynomial x⁸+x⁶+x⁵+x⁴+1, seeded 0xFF (EP2763321; the same
/// sequence gr-lora_sdr tabulates). The header and the CRC are not whitened.
public enum LoRaWhitening {
    /// The first `count` bytes of the whitening sequence: 0xFF, 0xFE, 0xFC, 0xF8, 0xF0, 0xE1 …
    public static func sequence(count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        var state: UInt8 = 0xFF
        for _ in 0..<count {
            out.append(state)
            // Feedback taps of x⁸+x⁶+x⁵+x⁴+1 in a left-shifting register: bits 7, 5, 4, 3.
            let feedback = ((state >> 7) ^ (state >> 5) ^ (state >> 4) ^ (state >> 3)) & 1
            state = (state << 1) | feedback
        }
        return out
    }

    /// Whitens (or, being an XOR, de-whitens) `bytes`.
    public static func apply(_ bytes: [UInt8]) -> [UInt8] {
        let mask = sequence(count: bytes.count)
        var out = bytes
        for index in out.indices { out[index] ^= mask[index] }
        return out
    }
}
