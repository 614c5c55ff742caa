/// Decimal numbers from text without `Double(String)`, which in Embedded
/// Swift needs `_swift_stdlib_strtod_clocale` and does not link.
///
/// Accepts `[+-]digits[.digits][(e|E)[+-]digits]` (also ".5" and "5.");
/// no "nan", "inf", hex or spaces. The value is exact for up to 19
/// significant digits and powers of ten up to 10^22, otherwise within a
/// few units in the last place: fine for flags and protocol fields, which
/// the callers then check for range. A huge exponent gives ±infinity or 0,
/// never a trap, so callers must still check `isFinite`.
public enum DecimalText {
    public static func parse(_ text: String) -> Double? { parse(utf8: Array(text.utf8)) }

    public static func parse(utf8 chars: [UInt8]) -> Double? {
        var index = 0
        var negative = false
        if index < chars.count, chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
            negative = chars[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        var dropped = false
        while index < chars.count, let digit = digitValue(chars[index]) {
            digits += 1
            if significant < 19 {
                if mantissa != 0 || digit != 0 { significant += 1 }
                mantissa = mantissa * 10 + UInt64(digit)
            } else {
                exponent += 1
                dropped = dropped || digit != 0
            }
            index += 1
        }
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            while index < chars.count, let digit = digitValue(chars[index]) {
                digits += 1
                if significant < 19 {
                    if mantissa != 0 || digit != 0 { significant += 1 }
                    mantissa = mantissa * 10 + UInt64(digit)
                    exponent -= 1
                } else {
                    dropped = dropped || digit != 0
                }
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        if index < chars.count, chars[index] == UInt8(ascii: "e") || chars[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < chars.count, chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
                exponentNegative = chars[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < chars.count, let digit = digitValue(chars[index]) {
                if written < 100_000 { written = written * 10 + digit }  // saturates: 1e999999 is +inf anyway
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard index == chars.count else { return nil }
        let magnitude = scale(Double(mantissa), byPowerOfTen: exponent)
        return negative ? -magnitude : magnitude
    }

    /// `value` × 10^`exponent`, by exact powers where possible.
    static func scale(_ value: Double, byPowerOfTen exponent: Int) -> Double {
        if value == 0 { return 0 }
        var result = value
        var remaining = exponent
        // Steps of 10^22 (the largest exact power of ten in a Double);
        // bounded loops, and the result saturates at infinity or zero.
        while remaining > 22 {
            result *= 1e22
            remaining -= 22
            if result.isInfinite { return result }
        }
        while remaining < -22 {
            result /= 1e22
            remaining += 22
            if result == 0 { return 0 }
        }
        let power = powersOfTen[remaining < 0 ? -remaining : remaining]
        return remaining < 0 ? result / power : result * power
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private static func digitValue(_ c: UInt8) -> Int? {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int(c - UInt8(ascii: "0")) : nil
    }
}

/// Conversions that must never trap: a Double from outside becomes an
/// integer only after it is known to be finite and in range.
public enum CheckedNumber {
    /// `seconds` as microseconds when finite, ≥ 0 and ≤ `maximumSeconds`; else nil.
    public static func micros(seconds: Double, maximumSeconds: Double) -> UInt64? {
        guard seconds.isFinite, seconds >= 0, seconds <= maximumSeconds, maximumSeconds < 1.8e13 else { return nil }
        return UInt64((seconds * 1_000_000).rounded())
    }
}
