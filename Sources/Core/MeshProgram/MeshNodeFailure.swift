/// Why a mesh node stops with an error: one line (without the program
/// name, which each front door puts in front) and the exit code, as the
/// gateway program's: 2 for what the user gave (flags, files, PORT_OFFSET),
/// 1 for what the system refused (the board's devices, the event loop).
public struct MeshNodeFailure: Error, Equatable, Sendable {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    static func usage(_ message: String) -> MeshNodeFailure { MeshNodeFailure(message, exitCode: 2) }
    static func system(_ message: String) -> MeshNodeFailure { MeshNodeFailure(message, exitCode: 1) }
}
