import CLinux

/// The process's standard input, read as it arrives (an event-loop source
/// on descriptor 0): for programs with a command prompt, such as a mesh
/// node's OpenThread-style CLI.
public enum StandardInput {
    public static let descriptor: Int32 = 0

    /// What one read gave.
    public enum Chunk: Equatable, Sendable {
        case bytes([UInt8])
        case end
        case failed(SystemError)
    }

    /// One read(2) of at most `maximumBytes` (≥ 1) bytes; it blocks only
    /// when called while nothing is readable.
    public static func read(maximumBytes: Int = 4_096) -> Chunk {
        var buffer = [UInt8](repeating: 0, count: max(1, maximumBytes))
        let count = buffer.withUnsafeMutableBufferPointer { lk_read_some(descriptor, $0.baseAddress, $0.count) }
        if count == 0 { return .end }
        if count < 0 { return .failed(SystemError("read stdin", errno: Int(count))) }
        return .bytes(Array(buffer.prefix(count)))
    }
}
