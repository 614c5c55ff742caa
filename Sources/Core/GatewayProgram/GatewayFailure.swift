/// Why the gateway program stops with an error: one line (without the
/// program name, which each front door puts in front) and the exit code:
/// 2 for what the user gave (flags, files), 1 for what the system refused
/// (sockets, the radio, the board's devices).
public struct GatewayFailure: Error, Equatable, Sendable {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    static func usage(_ message: String) -> GatewayFailure { GatewayFailure(message, exitCode: 2) }
    static func system(_ message: String) -> GatewayFailure { GatewayFailure(message, exitCode: 1) }
}
