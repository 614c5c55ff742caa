import JSON
import MockBoard
import Randomness

/// The hostile numbers of issue 12's "Done when": non-finite, negative, huge
/// and overflowing values, as text (a flag's argument, a line of the
/// emulator protocol) or as JSON number tokens. A fixed list of the classic
/// edges, then values drawn from a seed so every run tries the same ones.
struct HostileNumbers {
    /// Edges every site gets: IEEE specials as flags spell them, the
    /// integer limits and one past them, magnitudes that overflow a Double
    /// or µs in UInt64, negative zero, subnormals, fractions where integers belong.
    static let flagEdges = [
        "nan", "-nan", "inf", "-inf", "infinity", "1e300", "-1e300", "1e999", "1e19", "-1e19",
        "18446744073709551616", "9223372036854775808", "-9223372036854775809", "4294967296", "2147483648",
        "65536", "-1", "-0", "0", "1e-320", "0.5", "1.7976931348623157e308", "123456789012345678901234567890",
    ]

    /// JSON has no NaN or infinity tokens: 1e999 (parsed to infinity by
    /// strtod), the limits, and type confusion (a string, null, an array).
    static let jsonEdges = [
        "1e999", "-1e999", "1e300", "-1e300", "1e19", "-1e19", "18446744073709551616", "9223372036854775808",
        "-9223372036854775809", "4294967296", "2147483648", "65536", "-1", "-0", "0", "1e-320", "0.5",
        "1.7976931348623157e308", "123456789012345678901234567890", "\"1e300\"", "null", "[1e300]", "true",
    ]

    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// A random hostile number in JSON syntax (also valid as a flag):
    /// 2^k ± 1 for the integer widths, or a mantissa with a wild exponent.
    mutating func next() -> String {
        let sign = random.next(upTo: 1) == 0 ? "" : "-"
        switch random.next(upTo: 2) {
        case 0:
            let widths: [UInt64] = [7, 8, 15, 16, 31, 32, 53, 63, 64]
            let k = widths[Int(random.next(upTo: UInt64(widths.count - 1)))]
            let offset = Int(random.next(upTo: 2)) - 1
            return sign + Self.powerOfTwo(k, plus: offset)
        case 1:
            let exponent = Int(random.next(upTo: 800)) - 400
            return sign + "\(1 + random.next(upTo: 9_998))e\(exponent)"
        default:
            return sign + "\(random.next())\(random.next())"
        }
    }

    /// Several values for one site: every edge, then `count` seeded ones.
    mutating func values(_ edges: [String], seeded count: Int) -> [String] {
        var out = edges
        for _ in 0..<count { out.append(next()) }
        return out
    }

    /// 2^k + offset in decimal, exactly (k up to 64).
    static func powerOfTwo(_ k: UInt64, plus offset: Int) -> String {
        if k < 64 {
            let value = (UInt64(1) << k)
            return offset < 0 ? "\(value - 1)" : "\(value + UInt64(offset))"
        }
        return ["18446744073709551615", "18446744073709551616", "18446744073709551617"][offset + 1]
    }
}

/// JSON text of `document` with the value at `path` replaced by a raw
/// token (added if absent): the way to put 1e999 or 2^64 exactly into a
/// configuration file. Path steps are object keys, or "#N" for the N-th
/// element of an array.
func replacing(_ path: [String], with raw: String, in document: JSONValue) -> String {
    guard let step = path.first else { return raw }
    let rest = Array(path.dropFirst())
    if step.hasPrefix("#"), let index = Int(step.dropFirst()), let array = document.arrayValue {
        let parts = array.enumerated().map { i, element in
            i == index ? replacing(rest, with: raw, in: element) : JSONSerializer.compact(element)
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }
    let members = document.objectValue?.members ?? []
    var parts: [String] = []
    var found = false
    for member in members {
        let value = member.key == step ? replacing(rest, with: raw, in: member.value) : JSONSerializer.compact(member.value)
        found = found || member.key == step
        parts.append(JSONSerializer.quoted(member.key) + ": " + value)
    }
    if !found {
        parts.append(JSONSerializer.quoted(step) + ": " + replacing(rest, with: raw, in: .object(JSONObject())))
    }
    return "{" + parts.joined(separator: ", ") + "}"
}

/// Every path to a leaf (not an object or array) of a JSON document.
func leafPaths(_ value: JSONValue, prefix: [String] = []) -> [[String]] {
    if let object = value.objectValue {
        return object.members.flatMap { leafPaths($0.value, prefix: prefix + [$0.key]) }
    }
    if let array = value.arrayValue, !array.isEmpty {
        return array.indices.flatMap { leafPaths(array[$0], prefix: prefix + ["#\($0)"]) }
    }
    return [prefix]
}

/// A message fit for one line: not empty, no line break.
func isOneLine(_ message: String) -> Bool { !message.isEmpty && !message.contains("\n") }
