import CLinux
import HAL

/// Why the Linux board could not reach the radio: the device or line, the
/// cause, and the fix when the cause is a common one (SPI not enabled, user
/// not in the spi/gpio group, a line held by another process).
public struct LinuxBoardError: HALError, Equatable {
    public enum Cause: Equatable, Sendable {
        /// /dev/spidevB.C does not exist: SPI is not enabled (or no such bus/CS).
        case spiNotEnabled
        /// EACCES/EPERM on a device node.
        case permissionDenied
        /// EBUSY: another process holds the device or line.
        case busy
        /// The named gpiochip does not exist.
        case chipNotFound
        /// The chip has no line with that offset.
        case lineNotFound
        /// Any other failure of a system call (the errno text says which).
        case systemCall
    }

    public let cause: Cause
    /// "/dev/spidev0.0" or "gpiochip0".
    public let device: String
    /// The GPIO line offset, for line failures.
    public let line: UInt32?
    /// The errno of the failing call (0 if none).
    public let errorNumber: Int32
    public let message: String

    public init(cause: Cause, device: String, line: UInt32? = nil, errorNumber: Int32, message: String) {
        self.cause = cause
        self.device = device
        self.line = line
        self.errorNumber = errorNumber
        self.message = message
    }

    /// The C library's text for an errno value ("No such file or directory").
    public static func describe(errno code: Int32) -> String {
        guard let text = lk_strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// errno values from the C shim's enum (Linux numbering).
enum Errno {
    static let noEntry = Int32(LK_ENOENT)
    static let interrupted = Int32(LK_EINTR)
    static let noDeviceOrAddress = Int32(LK_ENXIO)
    static let accessDenied = Int32(LK_EACCES)
    static let notPermitted = Int32(LK_EPERM)
    static let busy = Int32(LK_EBUSY)
    static let noDevice = Int32(LK_ENODEV)
    static let invalid = Int32(LK_EINVAL)
}
