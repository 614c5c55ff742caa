import JSON

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
        let digits = Array(text.utf8)
        var bytes: [UInt8] = []
        var valid = digits.count % 2 == 0
        var index = 0
        while valid && index + 1 < digits.count {
            if let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) {
                bytes.append(high << 4 | low)
            } else {
                valid = false
            }
            index += 2
        }
        guard valid, byteCounts.contains(bytes.count) else {
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

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func rangeText(_ range: ClosedRange<Int>) -> String {
        if range == anyInt { return "" }
        return " in \(range.lowerBound)..\(range.upperBound)"
    }
}
