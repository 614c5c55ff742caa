import CLinux
import HAL

/// An SPI device through the kernel's spidev driver (/dev/spidevB.C): mode 0,
/// 8 bits per word, full-duplex SPI_IOC_MESSAGE transfers (ioctl requests in
/// the CLinux shim, since Swift cannot expand the _IOW macros).
///
/// With `chipSelect`, a GPIO line is driven low around each transfer as the
/// radio's NSS (the Dragino HAT wires NSS to BCM 25, not to CE0/CE1); the
/// kernel still toggles the spidev's own CE line, which such boards leave
/// unconnected.
public struct LinuxSPIDevice: SPIDevice {
    public typealias Failure = LinuxBoardError

    /// The SX127x accepts up to 10 MHz (datasheet §2.5.5); 1 MHz is safe over
    /// HAT connectors and jumper wires.
    public static let defaultSpeedHz: UInt32 = 1_000_000

    public let path: String
    public let speedHz: UInt32
    private let descriptor: FileDescriptorOwner
    private var chipSelect: GPIOOutputLine?

    /// Opens and configures the device; `chipSelect` (already requested as an
    /// output, high) becomes a software chip select.
    public init(path: String, speedHz: UInt32 = LinuxSPIDevice.defaultSpeedHz, chipSelect: GPIOOutputLine? = nil)
        throws(LinuxBoardError)
    {
        self.path = path
        self.speedHz = speedHz
        self.chipSelect = chipSelect
        let fd = lk_spi_open(path)
        if fd < 0 { throw LinuxSPIDevice.openError(path: path, errno: -fd) }
        descriptor = FileDescriptorOwner(fd)
        var failedRequest: Int32 = 0
        let result = lk_spi_configure(fd, 0, 8, speedHz, &failedRequest)
        if result < 0 {
            let what: String
            switch failedRequest {
            case 1: what = "set SPI mode 0"
            case 2: what = "set 8 bits per word"
            default: what = "set the clock to \(speedHz) Hz"
            }
            throw LinuxBoardError(
                cause: .systemCall, device: path, errorNumber: -result,
                message: "\(path): cannot \(what): \(LinuxBoardError.describe(errno: -result))")
        }
    }

    /// The open descriptor (for diagnostics; transfers go through `transfer`).
    public var fileDescriptor: Int32 { descriptor.fd }

    public mutating func transfer(_ frame: inout MutableSpan<UInt8>) throws(LinuxBoardError) {
        if frame.isEmpty { return }
        try chipSelect?.setHigh(false)
        let count = frame.count
        let fd = descriptor.fd
        let speed = speedHz
        let result = frame.withUnsafeMutableBufferPointer { bytes in
            lk_spi_transfer(fd, bytes.baseAddress, UInt32(count), speed)
        }
        // Release NSS even when the transfer failed, then report the transfer.
        try chipSelect?.setHigh(true)
        if result < 0 {
            throw LinuxBoardError(
                cause: result == -Errno.busy ? .busy : .systemCall, device: path, errorNumber: -result,
                message: "\(path): SPI transfer of \(count) bytes failed: \(LinuxBoardError.describe(errno: -result))")
        }
    }

    static func openError(path: String, errno code: Int32) -> LinuxBoardError {
        let text = LinuxBoardError.describe(errno: code)
        switch code {
        case Errno.noEntry, Errno.noDevice, Errno.noDeviceOrAddress:
            return LinuxBoardError(
                cause: .spiNotEnabled, device: path, errorNumber: code,
                message: "\(path): \(text): SPI is not enabled: run raspi-config → Interface Options → SPI, "
                    + "or add dtparam=spi=on to /boot/firmware/config.txt and reboot "
                    + "(check the bus and chip select in the board profile's \"spi-device\")")
        case Errno.accessDenied, Errno.notPermitted:
            return LinuxBoardError(
                cause: .permissionDenied, device: path, errorNumber: code,
                message: "\(path): permission denied: add the user to the spi group "
                    + "(sudo usermod -aG spi $USER, then log in again)")
        case Errno.busy:
            return LinuxBoardError(
                cause: .busy, device: path, errorNumber: code,
                message: "\(path) is busy: another process holds it")
        default:
            return LinuxBoardError(
                cause: .systemCall, device: path, errorNumber: code, message: "\(path): cannot open: \(text)")
        }
    }
}

/// Owns a file descriptor and closes it when the last copy of the device goes.
final class FileDescriptorOwner {
    let fd: Int32
    init(_ fd: Int32) { self.fd = fd }
    deinit { lk_close(fd) }
}
