/// RFC 4648 §4 Base64 (standard alphabet). Written here because no Debian C
/// library Lorikeet links offers one and Swift's lives in Foundation.
/// Encoding always pads; decoding accepts missing padding (PROTOCOL.TXT:
/// "padding optional" for `txpk.data`) and rejects everything else that is
/// not Base64: foreign characters, misplaced '=', a dangling single
/// character, non-zero leftover bits.
public enum Base64 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        var text = ""
        text.reserveCapacity(encodedCount(bytes.count))
        append(bytes, to: &text)
        return text
    }

    /// Characters `encode` writes for `count` bytes (padding included).
    public static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Appends the encoding to `text` (no allocation when `text` has the
    /// capacity: the `rxpk` writer reserves it once for the whole object).
    public static func append(_ bytes: [UInt8], to text: inout String) {
        var index = 0
        while index < bytes.count {
            let rest = bytes.count - index
            var n = UInt32(bytes[index]) << 16
            if rest > 1 { n |= UInt32(bytes[index + 1]) << 8 }
            if rest > 2 { n |= UInt32(bytes[index + 2]) }
            appendCharacter(alphabet[Int(n >> 18 & 63)], to: &text)
            appendCharacter(alphabet[Int(n >> 12 & 63)], to: &text)
            appendCharacter(rest > 1 ? alphabet[Int(n >> 6 & 63)] : 61, to: &text)
            appendCharacter(rest > 2 ? alphabet[Int(n & 63)] : 61, to: &text)
            index += 3
        }
    }

    private static func appendCharacter(_ ascii: UInt8, to text: inout String) {
        text.unicodeScalars.append(Unicode.Scalar(ascii))
    }

    /// The decoded bytes, or nil if `text` is not valid Base64.
    public static func decode(_ text: String) -> [UInt8]? {
        var input = Array(text.utf8)
        var padding = 0
        while let last = input.last, last == 61 { input.removeLast(); padding += 1 }
        if padding > 2 { return nil }
        if padding > 0 && (input.count + padding) % 4 != 0 { return nil }
        if input.count % 4 == 1 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = decodeTable[Int(byte)]
            if value == 0xFF { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        if accumulator != 0 { return nil }  // non-canonical trailing bits
        return out
    }
}
