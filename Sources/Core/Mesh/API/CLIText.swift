import TextCoding

/// Number parsing and column padding for the OpenThread-style `cli` (no Foundation, no
/// `Double(String)`: every number from a command line is checked before use).
public enum CLIText {
    /// A decimal integer (optionally 0x hex) within `range`.
    public static func integer(_ text: Substring, in range: ClosedRange<UInt64>) -> UInt64? {
        var digits = Array(text.utf8)
        var radix: UInt64 = 10
        if digits.count > 2, digits[0] == 0x30, digits[1] | 0x20 == 0x78 { radix = 16; digits.removeFirst(2) }
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for c in digits {
            guard let d = Hex.nibble(c).map(UInt64.init), d < radix else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            value = s
        }
        return range.contains(value) ? value : nil
    }

    /// Seconds with up to three decimals ("0.2", "1", "1.5") as milliseconds, bounded.
    public static func millis(fromSeconds text: Substring, max maxMillis: UInt64) -> UInt64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts[0].isEmpty ? 0 : integer(parts[0], in: 0...(maxMillis / 1000)) else { return nil }
        var fraction: UInt64 = 0
        if parts.count == 2 {
            let f = Array(parts[1].prefix(3))
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let v = integer(Substring(String(f)), in: 0...999) else { return nil }
            fraction = v * (f.count == 1 ? 100 : (f.count == 2 ? 10 : 1))
        }
        let total = whole * 1000 + fraction
        return total <= maxMillis ? total : nil
    }

    public static func padLeft(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }

    public static func hex16(_ v: UInt16) -> String {
        let h = Hex.encode([UInt8(v >> 8), UInt8(v & 0xff)], uppercase: false)
        return h
    }
}
