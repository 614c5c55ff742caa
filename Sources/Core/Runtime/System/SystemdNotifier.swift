import CLinux

/// sd_notify(3) without libsystemd: one datagram to the unix socket named by
/// $NOTIFY_SOCKET ('@' prefix = abstract namespace). Outside systemd (no
/// $NOTIFY_SOCKET) every call is a no-op.
public struct SystemdNotifier {
    /// Half of $WATCHDOG_USEC (systemd's advice), or nil when the unit has
    /// no WatchdogSec.
    public let watchdogIntervalMicros: UInt64?
    public let isActive: Bool

    public init() {
        isActive = Environment.value("NOTIFY_SOCKET").map { !$0.isEmpty } ?? false
        if let text = Environment.value("WATCHDOG_USEC"), let usec = UInt64(text), usec > 0 {
            watchdogIntervalMicros = usec / 2
        } else {
            watchdogIntervalMicros = nil
        }
    }

    /// Sends e.g. "READY=1", "WATCHDOG=1", "STOPPING=1", "STATUS=...".
    /// Returns true if a datagram was sent.
    @discardableResult
    public func notify(_ state: String) throws(SystemError) -> Bool {
        let rc = state.withCString { lk_sd_notify($0) }
        if rc < 0 { throw SystemError("sd_notify \(state)", errno: Int(rc)) }
        return rc == 1
    }
}
