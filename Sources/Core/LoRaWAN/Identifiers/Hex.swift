/// Hexadecimal text <-> bytes without Foundation (and without upper-casing,
/// which in Embedded Swift would pull in the Unicode tables).
enum Hex {
    private static let upperDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value of one ASCII hex digit (either case), or nil.
    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// Bytes of an even-length hex string (no separators), or nil.
    static func bytes(_ text: String) -> [UInt8]? {
        bytes(utf8: Array(text.utf8))
    }

    static func bytes(utf8 chars: [UInt8]) -> [UInt8]? {
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    /// Hex text of bytes, upper case by default, with an optional separator.
    static func string(_ bytes: [UInt8], uppercase: Bool = true, separator: UInt8? = nil) -> String {
        let digits = uppercase ? upperDigits : lowerDigits
        var chars: [UInt8] = []
        chars.reserveCapacity(bytes.count * 3)
        for (index, byte) in bytes.enumerated() {
            if let separator, index > 0 { chars.append(separator) }
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// Big-endian bytes of the low `count` bytes of a value.
    static func bigEndianBytes(_ value: UInt64, count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            out[count - 1 - i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))
        }
        return out
    }

    static func bigEndianValue(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    /// "-0x0020" for an mbedTLS return code.
    static func signedCode(_ code: Int32) -> String {
        let magnitude = UInt32(code.magnitude)
        let text = string(bigEndianBytes(UInt64(magnitude), count: 2))
        return code < 0 ? "-0x\(text)" : "0x\(text)"
    }
}
