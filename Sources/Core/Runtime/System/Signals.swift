import CLinux

/// SIGINT/SIGTERM as a readable descriptor (self-pipe), so a stop request
/// wakes the event loop like any other source.
public struct StopSignals {
    public let descriptor: Int32

    public init() throws(SystemError) {
        let fd = lk_signals_install()
        if fd < 0 { throw SystemError("install signal handlers", errno: Int(fd)) }
        descriptor = fd
    }

    /// The signal received ("SIGINT", "SIGTERM"), or nil.
    public func take() -> String? {
        switch lk_signals_take() {
        case 0: return nil
        case 2: return "SIGINT"
        case 15: return "SIGTERM"
        case let other: return "signal \(other)"
        }
    }
}

/// The process environment (read-only).
public enum Environment {
    public static func value(_ name: String) -> String? {
        name.withCString { key in
            guard let value = lk_getenv(key) else { return nil }
            return String(cString: value)
        }
    }
}
