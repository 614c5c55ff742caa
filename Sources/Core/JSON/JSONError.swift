/// Why a JSON text could not be read, with where.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Byte offset of the first character the parser could not accept.
    public let offset: Int
    /// 1-based line and column of that character.
    public let line: Int
    public let column: Int
    public let reason: String

    public var message: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}
