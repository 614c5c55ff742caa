import JSON
import TextCoding

/// Typed reads of JSON values with the seed's types and ranges. Each read
/// either returns the value or records an error naming the path, the value
/// found and what is allowed, and returns nil, so that parsing goes on and
/// every problem of a file is reported at once.
enum FieldReader {
    /// The seed's plain `INT`: any integer a 32-bit Station build holds.
    static let anyInt: ClosedRange<Int> = -2_147_483_648...2_147_483_647
    /// Frequencies and rates: non-negative integers (Station reads them with `uj_uint`).
    static let unsigned: ClosedRange<Int> = 0...2_147_483_647

    static func bool(_ value: JSONValue, _ path: String, _ d: inout Diagnostics) -> Bool? {
        if let b = value.boolValue { return b }
        d.error(path, "\(JSONPath.show(value)) is not allowed; expected true or false")
        return nil
    }

    static func integer(
        _ value: JSONValue, _ path: String, _ range: ClosedRange<Int>, _ d: inout Diagnostics
    ) -> Int? {
        guard let n = value.integerValue else {
            d.error(path, "\(JSONPath.show(value)) is not allowed; expected an integer\(rangeText(range))")
            return nil
        }
        guard n >= Int64(range.lowerBound), n <= Int64(range.upperBound) else {
            d.error(path, "\(n) is out of range; allowed: \(range.lowerBound)..\(range.upperBound)")
            return nil
        }
        return Int(n)
    }

    /// A number that may have a fraction (Station reads `rssi_offset` and
    /// `txpow_adjust` with `uj_num`, so `-166.5` or `2.15` are accepted).
    static func number(_ value: JSONValue, _ path: String, _ d: inout Diagnostics) -> Double? {
        if let n = value.numberValue { return n }
        d.error(path, "\(JSONPath.show(value)) is not allowed; expected a number")
        return nil
    }

    static func string(_ value: JSONValue, _ path: String, _ d: inout Diagnostics) -> String? {
        if let s = value.stringValue { return s }
        d.error(path, "\(JSONPath.show(value)) is not allowed; expected a string")
        return nil
    }

    static func object(_ value: JSONValue, _ path: String, _ d: inout Diagnostics) -> JSONObject? {
        guard let o = value.objectValue else {
            d.error(path, "\(JSONPath.show(value)) is not allowed; expected an object")
            return nil
        }
        checkDuplicates(o, path, &d)
        return o
    }

    static func array(_ value: JSONValue, _ path: String, _ d: inout Diagnostics) -> [JSONValue]? {
        if let a = value.arrayValue { return a }
        d.error(path, "\(JSONPath.show(value)) is not allowed; expected an array")
        return nil
    }

    /// Hex digits encoding `byteCounts` bytes (`FSK_sync` 1-8, `aes_key` 16).
    static func hexBytes(
        _ value: JSONValue, _ path: String, _ byteCounts: ClosedRange<Int>, _ d: inout Diagnostics
    ) -> [UInt8]? {
        let rule = byteCounts.lowerBound == byteCounts.upperBound
            ? "exactly \(byteCounts.lowerBound) bytes (\(2 * byteCounts.lowerBound) hex digits)"
            : "\(byteCounts.lowerBound) to \(byteCounts.upperBound) bytes (\(2 * byteCounts.lowerBound) to \(2 * byteCounts.upperBound) hex digits)"
        guard let text = value.stringValue else {
            d.error(path, "\(JSONPath.show(value)) is not allowed; expected a string of hex digits encoding \(rule)")
            return nil
        }
        guard let bytes = Hex.decode(text), byteCounts.contains(bytes.count) else {
            d.error(path, "\(JSONPath.show(value)) is not allowed; expected hex digits encoding \(rule)")
            return nil
        }
        return bytes
    }

    /// JSON objects may repeat a key; Station would silently take the last.
    static func checkDuplicates(_ object: JSONObject, _ path: String, _ d: inout Diagnostics) {
        var seen: [String] = []
        var reported: [String] = []
        for key in object.keys {
            if seen.contains(key) {
                if !reported.contains(key) {
                    d.error(JSONPath.member(path, key), "appears more than once; each field may be given only once")
                    reported.append(key)
                }
            } else {
                seen.append(key)
            }
        }
    }

    static func unknownField(_ path: String, _ key: String, object: String, allowed: [String], _ d: inout Diagnostics) {
        d.error(JSONPath.member(path, key), "is not a field of \(object); allowed: \(join(allowed))")
    }

    static func join(_ items: [String]) -> String {
        var out = ""
        for item in items {
            if !out.isEmpty { out += ", " }
            out += item
        }
        return out
    }



    private static func rangeText(_ range: ClosedRange<Int>) -> String {
        if range == anyInt { return "" }
        return " in \(range.lowerBound)..\(range.upperBound)"
    }
}
