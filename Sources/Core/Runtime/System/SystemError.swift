import CLinux
import HAL

/// A failed system call: which operation, the errno value and its text
/// ("sendto 192.0.2.1:1700: Network is unreachable").
public struct SystemError: HALError, Equatable {
    public var operation: String
    public var code: Int32
    public var message: String

    public init(operation: String, code: Int32, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    /// From a negative-errno return value of a CLinux shim.
    init(_ operation: String, errno negative: Int) {
        let code = Int32(truncatingIfNeeded: -negative)
        self.init(operation: operation, code: code, message: "\(operation): \(Syscalls.errorText(code))")
    }
}

/// Helpers shared by the syscall wrappers.
enum Syscalls {
    static let EAGAIN: Int32 = 11

    static func errorText(_ code: Int32) -> String {
        guard let text = lk_strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    static func string(_ buffer: [CChar]) -> String {
        buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
