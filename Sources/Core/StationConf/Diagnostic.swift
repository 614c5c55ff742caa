import JSON

/// One finding about a configuration file: where (a JSON path such as
/// `radio_conf[1].SX1301_conf[0].chan_multiSF_3.spread_factor`), and what
/// is wrong, with the offending value and the rule it breaks.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: Sendable, Equatable {
        /// The configuration breaks a rule of the seed; Station would refuse it.
        case error
        /// Station would accept it but ignore something, or it is probably a mistake.
        case warning
    }

    public let severity: Severity
    public let path: String
    /// What is wrong: the value and the rule, without the path.
    public let detail: String

    public init(_ severity: Severity, path: String, detail: String) {
        self.severity = severity
        self.path = path
        self.detail = detail
    }

    /// `path: detail`, ready to print.
    public var message: String { path.isEmpty ? detail : "\(path): \(detail)" }
}

/// Collects every finding of a parse instead of stopping at the first.
public struct Diagnostics: Sendable, Equatable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    public mutating func error(_ path: String, _ detail: String) {
        all.append(Diagnostic(.error, path: path, detail: detail))
    }

    public mutating func warning(_ path: String, _ detail: String) {
        all.append(Diagnostic(.warning, path: path, detail: detail))
    }

    public mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
    }
}

/// A configuration that cannot be read at all (not JSON, not an object).
public struct StationConfError: Error, Sendable, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
}

/// JSON path building: `radio_conf` + `[1]` + `.SX1301_conf`.
enum JSONPath {
    static func member(_ base: String, _ key: String) -> String {
        base.isEmpty ? key : "\(base).\(key)"
    }

    static func index(_ base: String, _ index: Int) -> String { "\(base)[\(index)]" }

    /// A value as it appears in the file, for error messages.
    static func show(_ value: JSONValue) -> String {
        let text = JSONSerializer.compact(value)
        if text.utf8.count <= 60 { return text }
        return String(decoding: Array(text.utf8.prefix(57)), as: UTF8.self) + "..."
    }
}
