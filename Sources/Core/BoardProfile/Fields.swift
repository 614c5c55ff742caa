import JSON
import Regions

/// Typed reads of a profile's keys, each refusal naming the file and key
/// in one form: `expected <what>, got <value>` (or `missing; expected <what>`).
struct Fields {
    let file: String
    let object: JSONObject

    func error(_ key: String, _ detail: String) -> BoardProfileError {
        BoardProfileError(file: file, field: key, detail: detail)
    }

    /// Duplicate keys and keys outside the schema (with the nearest known
    /// key when one is close: "dio0" → "dio0-gpio").
    func checkKeys(allowed: [String]) throws(BoardProfileError) {
        var seen: [String] = []
        for member in object.members {
            if seen.contains(member.key) {
                throw error(member.key, "appears twice; give each key once")
            }
            seen.append(member.key)
            if !allowed.contains(member.key) {
                var detail = "unknown key"
                if let suggestion = Fields.nearest(member.key, in: allowed) {
                    detail += "; did you mean \"\(suggestion)\"?"
                }
                detail += " (allowed: \(joined(allowed)))"
                throw error(member.key, detail)
            }
        }
    }

    private func missing(_ key: String, _ what: String) -> BoardProfileError {
        error(key, "missing; expected \(what)")
    }

    private func wrong(_ key: String, _ what: String, _ value: JSONValue) -> BoardProfileError {
        error(key, "expected \(what), got \(Fields.describe(value))")
    }

    func text(_ key: String, required: Bool, what: String) throws(BoardProfileError) -> String? {
        guard let value = object[key] else {
            if required { throw missing(key, what) }
            return nil
        }
        guard let text = value.stringValue else { throw wrong(key, what, value) }
        if required && text.isEmpty { throw wrong(key, what, value) }
        return text
    }

    func enumeration<T>(_ key: String, _ cases: [(String, T)], what: String) throws(BoardProfileError) -> T? {
        var names: [String] = []
        for (name, _) in cases { names.append("\"\(name)\"") }
        let expected = "\(what): \(joined(names, separator: " or "))"
        guard let value = object[key] else { throw missing(key, expected) }
        if let text = value.stringValue {
            for (name, result) in cases where name == text { return result }
        }
        throw wrong(key, expected, value)
    }

    func flag(_ key: String) throws(BoardProfileError) -> Bool? {
        guard let value = object[key] else { return nil }
        guard let flag = value.boolValue else { throw wrong(key, "true or false", value) }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool, nullable: Bool = false, what: String)
        throws(BoardProfileError) -> Int?
    {
        guard let value = object[key] else {
            if required { throw missing(key, what) }
            return nil
        }
        if nullable && value.isNull { return nil }
        guard let exact = value.integerValue, exact >= Int64(range.lowerBound), exact <= Int64(range.upperBound) else {
            throw wrong(key, what, value)
        }
        return Int(exact)
    }

    func line(_ key: String, required: Bool, nullable: Bool = false, what: String) throws(BoardProfileError) -> Int? {
        try integer(key, in: 0...BoardProfileLoader.maxLine, required: required, nullable: nullable, what: what)
    }

    func number(_ key: String, in range: ClosedRange<Double>, what: String) throws(BoardProfileError) -> Double? {
        guard let value = object[key] else { return nil }
        guard let number = value.numberValue, range.contains(number) else { throw wrong(key, what, value) }
        return number
    }

    /// A value as the message shows it: scalars as JSON text, containers by type.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .array: return "an array"
        case .object: return "an object"
        default:
            let text = JSONSerializer.compact(value)
            return text.utf8.count > 60 ? String(text.prefix(57)) + "..." : text
        }
    }

    /// The allowed key closest to `key`: one it is a prefix of or that
    /// contains it, or one within two edits.
    static func nearest(_ key: String, in allowed: [String]) -> String? {
        var lowered: [UInt8] = []
        for byte in key.utf8 { lowered.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
        if lowered.count >= 3 {
            for candidate in allowed where contains(Array(candidate.utf8), lowered) { return candidate }
        }
        var best: (String, Int)?
        for candidate in allowed {
            let distance = editDistance(lowered, Array(candidate.utf8))
            if distance <= 2 && (best == nil || distance < best!.1) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Whether `needle` occurs in `haystack` (bytes; no Foundation in firmware).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle {
            return true
        }
        return false
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// "868.1 MHz", "869.525 MHz", "915 MHz".
public func megahertzLabel(_ hertz: Int) -> String {
    guard hertz >= 0 else { return "\(hertz) Hz" }
    // FrequencyText formats the fraction ("0.525" → ".525"); the whole MHz may exceed UInt32 here.
    let fraction = FrequencyText.megahertz(UInt32(hertz % 1_000_000)).dropFirst()
    return "\(hertz / 1_000_000)\(fraction) MHz"
}
