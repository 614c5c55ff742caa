/// Writes JSON text. Numbers use the shortest form that reads back to the
/// same double; integral values are written without a fraction.
public enum JSONSerializer {
    /// Compact JSON (no spaces), e.g. for UDP datagrams.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil, level: 0)
        return out
    }

    /// Indented JSON (two spaces), for people.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: "  ", level: 0)
        return out
    }

    /// JSON text of a number.
    public static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }  // JSON has no NaN or infinity
        if n == n.rounded(.towardZero) && abs(n) < 1e15 { return "\(Int64(n))" }
        return "\(n)"
    }

    /// A JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let digits = Array("0123456789abcdef".unicodeScalars)
                    out += "\\u00"
                    out.unicodeScalars.append(digits[Int(scalar.value >> 4)])
                    out.unicodeScalars.append(digits[Int(scalar.value & 0xF)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: String?, level: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += number(n)
        case .string(let s): out += quoted(s)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, into: &out, indent: indent, level: level) { index, out in
                write(items[index], into: &out, indent: indent, level: level + 1)
            }
        case .object(let object):
            writeContainer(open: "{", close: "}", count: object.members.count, into: &out, indent: indent, level: level) { index, out in
                let member = object.members[index]
                out += quoted(member.key)
                out += indent == nil ? ":" : ": "
                write(member.value, into: &out, indent: indent, level: level + 1)
            }
        }
    }

    private static func writeContainer(
        open: String, close: String, count: Int, into out: inout String, indent: String?, level: Int,
        element: (Int, inout String) -> Void
    ) {
        out += open
        guard count > 0 else { out += close; return }
        for index in 0..<count {
            if index > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
            element(index, &out)
        }
        if let indent { out += "\n" + String(repeating: indent, count: level) }
        out += close
    }
}
