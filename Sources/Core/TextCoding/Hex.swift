/// Hexadecimal text <-> bytes, shared by every module that reads or prints
/// keys, EUIs, register values and frames. No Foundation, and no
/// upper-casing of strings (which in Embedded Swift pulls in the Unicode
/// tables): the digits are chosen when the text is written.
public enum Hex {
    private static let upperDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value of one ASCII hex digit (either case), or nil.
    public static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Bytes of an even number of hex digits (no prefix, no separators), or nil.
    public static func decode(_ text: String) -> [UInt8]? { decode(utf8: Array(text.utf8)) }

    public static func decode(utf8 chars: [UInt8]) -> [UInt8]? {
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// Hex text of bytes, upper case unless asked, with an optional separator.
    public static func encode(_ bytes: [UInt8], uppercase: Bool = true, separator: UInt8? = nil) -> String {
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

    /// "0x1D": a register value or byte in a message.
    public static func byte(_ value: UInt8) -> String { "0x" + encode([value]) }
}
