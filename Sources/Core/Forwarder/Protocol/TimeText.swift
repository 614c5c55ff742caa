import Regions

/// Calendar formatting for the protocol's timestamps, from microseconds
/// since the Unix epoch (UTC), without Foundation. Days to civil date by
/// Howard Hinnant's algorithm (proleptic Gregorian calendar).
public enum TimeText {
    public struct Civil: Equatable, Sendable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, micros: Int
    }

    public static func civil(utcMicros: Int64) -> Civil {
        var seconds = utcMicros / 1_000_000
        var micros = utcMicros % 1_000_000
        if micros < 0 { micros += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(year: Int(year), month: Int(month), day: Int(day), hour: Int(secondOfDay / 3_600),
                     minute: Int(secondOfDay % 3_600 / 60), second: Int(secondOfDay % 60), micros: Int(micros))
    }

    /// `rxpk.time`: ISO 8601 "compact" UTC with microseconds,
    /// "2013-03-31T16:21:17.528002Z".
    public static func iso8601(utcMicros: Int64) -> String {
        var text = ""
        text.reserveCapacity(27)
        appendISO8601(utcMicros: utcMicros, to: &text)
        return text
    }

    /// `iso8601` appended to `text` piece by piece (each piece fits a small
    /// string: no allocation when `text` has the capacity).
    public static func appendISO8601(utcMicros: Int64, to text: inout String) {
        let c = civil(utcMicros: utcMicros)
        appendDateTime(c, separator: "T", to: &text)
        text += "."
        text += pad(c.micros, 6)
        text += "Z"
    }

    /// `stat.time`: "expanded" form, "2014-01-12 08:59:28 GMT".
    public static func expanded(utcMicros: Int64) -> String {
        var text = ""
        appendDateTime(civil(utcMicros: utcMicros), separator: " ", to: &text)
        text += " GMT"
        return text
    }

    /// "YYYY-MM-DD", `separator`, "hh:mm:ss".
    static func appendDateTime(_ c: Civil, separator: String, to text: inout String) {
        text += pad(c.year, 4)
        text += "-"
        text += pad(c.month, 2)
        text += "-"
        text += pad(c.day, 2)
        text += separator
        text += pad(c.hour, 2)
        text += ":"
        text += pad(c.minute, 2)
        text += ":"
        text += pad(c.second, 2)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        var text = "\(value)"
        while text.utf8.count < width { text = "0" + text }
        return text
    }
}

/// Fixed-point number text (no String(format:) in Embedded Swift).
public enum NumberText {
    /// `value` rounded to `decimals` places (0-15), always written with them:
    /// fixed(868.1, 6) = "868.100000", fixed(-7.25, 1) = "-7.3". Any finite
    /// value is written exactly, 1e300 included (its 301 integer digits);
    /// non-finite values are written "0".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        let places = min(max(decimals, 0), 15)
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = abs(value)
        var whole: String
        var fraction = Int64(0)
        if magnitude * scale < 9.2e18 {
            // The scaled value fits in Int64: split it into whole and fraction.
            let integer = Int64((magnitude * scale).rounded())
            let factor = Int64(scale)
            whole = "\(integer / factor)"
            fraction = integer % factor
        } else {
            // Too large to scale: the whole part on its own, then the
            // fraction (none is left in a Double above 2^53).
            var integral = magnitude.rounded(.towardZero)
            let rest = ((magnitude - integral) * scale).rounded()
            if rest >= scale { integral += 1 } else { fraction = Int64(rest) }
            whole = integral < 9.2e18 ? "\(Int64(integral))" : exactDigits(integral)
        }
        var text = value < 0 && (whole != "0" || fraction != 0) ? "-" : ""
        text += whole
        if places > 0 { text += "." + TimeText.pad(Int(fraction), places) }
        return text
    }

    /// The decimal digits of a whole, non-negative Double of any size:
    /// significand × 2^exponent in base-10^9 limbs, least significant first.
    static func exactDigits(_ integral: Double) -> String {
        var limbs: [UInt64] = []
        var significand = (UInt64(1) << 52) | integral.significandBitPattern
        while significand > 0 {
            limbs.append(significand % 1_000_000_000)
            significand /= 1_000_000_000
        }
        var doublings = Int(integral.exponent) - 52
        while doublings > 0 {
            var carry: UInt64 = 0
            for i in 0..<limbs.count {
                let doubled = limbs[i] * 2 + carry
                limbs[i] = doubled % 1_000_000_000
                carry = doubled / 1_000_000_000
            }
            if carry > 0 { limbs.append(carry) }
            doublings -= 1
        }
        var text = "\(limbs[limbs.count - 1])"
        for limb in limbs.dropLast().reversed() { text += TimeText.pad(Int(limb), 9) }
        return text
    }

    /// Hertz as megahertz with Hz precision: 868100000 -> "868.100000".
    public static func megahertz(_ hertz: UInt32) -> String {
        FrequencyText.megahertzSixDecimals(hertz)
    }
}
