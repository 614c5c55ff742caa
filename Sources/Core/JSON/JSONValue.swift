/// A parsed JSON document. Objects keep their members in file order (and
/// duplicates, so that validators can report them).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name used in error messages ("number", "object", ...).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var numberValue: Double? { if case .number(let n) = self { return n } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The number as an exact integer, or nil if it is not a number, has a
    /// fractional part, or is outside ±2^53 (where doubles stop being exact).
    public var integerValue: Int64? {
        guard case .number(let n) = self, n.isFinite, n == n.rounded(.towardZero),
              abs(n) <= 9_007_199_254_740_992 else { return nil }
        return Int64(n)
    }

    /// Shorthand for `objectValue?[key]`.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}

/// A JSON object: members in document order.
public struct JSONObject: Sendable, Equatable {
    public var members: [Member]

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public init(_ members: [Member] = []) { self.members = members }

    /// Builds an object from key/value pairs in order.
    public init(pairs: [(String, JSONValue)]) {
        members = pairs.map { Member(key: $0.0, value: $0.1) }
    }

    /// The first member named `key`.
    public subscript(key: String) -> JSONValue? {
        get { members.first(where: { $0.key == key })?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    public var keys: [String] { members.map { $0.key } }
    public var isEmpty: Bool { members.isEmpty }
}
