/// Why a board profile (or a command-line override of one) was refused:
/// where — the file and the key, or the option — and what was wrong, e.g.
/// `boards/dragino.json: "dio0-gpio": expected a GPIO line number (0-511), got "four"`.
public struct BoardProfileError: Error, Sendable, Equatable {
    /// The profile file as the user named it, or "command line" for overrides.
    public let file: String
    /// The JSON key or the command-line option ("--channel"); nil for the
    /// whole file (unreadable, not JSON, not an object).
    public let field: String?
    /// What was wrong, without the location.
    public let detail: String

    public init(file: String, field: String?, detail: String) {
        self.file = file
        self.field = field
        self.detail = detail
    }

    public var message: String {
        guard let field else { return "\(file): \(detail)" }
        if field.hasPrefix("--") { return "\(field): \(detail)" }
        return "\(file): \"\(field)\": \(detail)"
    }
}
