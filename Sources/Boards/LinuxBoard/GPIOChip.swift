import CGPIOD
import CLinux
import HAL

/// A GPIO chip through libgpiod v1.6 (the character device /dev/gpiochipN;
/// lines are numbered by their offset on the chip, which on a Raspberry Pi
/// header chip is the BCM number — never wiringPi numbering).
///
/// Lines requested from the chip stay requested until the chip is closed,
/// which happens when the last reference to it (the chip or one of its lines)
/// goes away.
public final class GPIOChip {
    /// As given: "gpiochip0", "/dev/gpiochip0", a label ("pinctrl-bcm2711") or a number.
    public let name: String
    let handle: OpaquePointer

    /// Opens a chip by name, path, label or number (gpiod_chip_open_lookup).
    public init(_ name: String) throws(LinuxBoardError) {
        self.name = name
        guard let chip = gpiod_chip_open_lookup(name) else {
            let code = lk_errno()
            switch code {
            case Errno.accessDenied, Errno.notPermitted:
                throw LinuxBoardError(
                    cause: .permissionDenied, device: name, errorNumber: code,
                    message: "\(name): permission denied: add the user to the gpio group "
                        + "(sudo usermod -aG gpio $USER, then log in again)")
            case Errno.noEntry, Errno.noDevice, Errno.noDeviceOrAddress, Errno.invalid, 0:
                throw LinuxBoardError(
                    cause: .chipNotFound, device: name, errorNumber: code,
                    message: "\(name): no such GPIO chip: `ls /dev/gpiochip*` (or gpiodetect) lists them; "
                        + "set \"gpiochip\" in the board profile (a Raspberry Pi 5 on a kernel before 6.6.45 "
                        + "has its header on gpiochip4)")
            default:
                throw LinuxBoardError(
                    cause: .systemCall, device: name, errorNumber: code,
                    message: "\(name): cannot open the GPIO chip: \(LinuxBoardError.describe(errno: code))")
            }
        }
        handle = chip
    }

    deinit { gpiod_chip_close(handle) }

    /// Number of lines on the chip.
    public var lineCount: UInt32 { UInt32(gpiod_chip_num_lines(handle)) }

    /// Requests line `offset` as an output driven to `initialHigh`.
    /// `consumer` is what `gpioinfo` shows as the holder ("lorikeet-reset").
    public func outputLine(_ offset: UInt32, consumer: String, initialHigh: Bool) throws(LinuxBoardError) -> GPIOOutputLine {
        let line = try lookUp(offset, consumer: consumer)
        if gpiod_line_request_output(line, consumer, initialHigh ? 1 : 0) < 0 {
            throw GPIOChip.requestError(chip: name, line: offset, consumer: consumer, code: lk_errno())
        }
        return GPIOOutputLine(chip: self, line: line, offset: offset)
    }

    /// Requests line `offset` for rising-edge events (a radio DIO line).
    public func risingEdgeLine(_ offset: UInt32, consumer: String) throws(LinuxBoardError) -> GPIOEventLine {
        let line = try lookUp(offset, consumer: consumer)
        if gpiod_line_request_rising_edge_events(line, consumer) < 0 {
            throw GPIOChip.requestError(chip: name, line: offset, consumer: consumer, code: lk_errno())
        }
        return GPIOEventLine(chip: self, line: line, offset: offset)
    }

    private func lookUp(_ offset: UInt32, consumer: String) throws(LinuxBoardError) -> OpaquePointer {
        guard let line = gpiod_chip_get_line(handle, offset) else {
            let code = lk_errno()
            throw LinuxBoardError(
                cause: .lineNotFound, device: name, line: offset, errorNumber: code,
                message: "line \(offset) of \(name) (\(consumer)): no such line: the chip has \(lineCount) lines "
                    + "(0-\(lineCount == 0 ? 0 : lineCount - 1))")
        }
        return line
    }

    /// The error for a failed line request (EBUSY: another process holds it).
    static func requestError(chip name: String, line offset: UInt32, consumer: String, code: Int32) -> LinuxBoardError {
        switch code {
        case Errno.busy:
            return LinuxBoardError(
                cause: .busy, device: name, line: offset, errorNumber: code,
                message: "line \(offset) of \(name) is busy: another process holds it "
                    + "(wanted for \(consumer); `gpioinfo \(name)` shows the holder)")
        case Errno.accessDenied, Errno.notPermitted:
            return LinuxBoardError(
                cause: .permissionDenied, device: name, line: offset, errorNumber: code,
                message: "line \(offset) of \(name): permission denied: add the user to the gpio group "
                    + "(sudo usermod -aG gpio $USER, then log in again)")
        default:
            return LinuxBoardError(
                cause: .systemCall, device: name, line: offset, errorNumber: code,
                message: "line \(offset) of \(name) (\(consumer)): cannot request the line: "
                    + LinuxBoardError.describe(errno: code))
        }
    }
}

/// A GPIO line requested as an output (radio NRESET, a software NSS).
public struct GPIOOutputLine: OutputPin {
    public typealias Failure = LinuxBoardError

    let chip: GPIOChip
    let line: OpaquePointer
    public let offset: UInt32

    public mutating func setHigh(_ high: Bool) throws(LinuxBoardError) {
        if gpiod_line_set_value(line, high ? 1 : 0) < 0 {
            let code = lk_errno()
            throw LinuxBoardError(
                cause: .systemCall, device: chip.name, line: offset, errorNumber: code,
                message: "line \(offset) of \(chip.name): cannot drive it \(high ? "high" : "low"): "
                    + LinuxBoardError.describe(errno: code))
        }
    }
}

/// A GPIO line requested for rising-edge events (radio DIO0/1/2). Each edge
/// carries the kernel's timestamp, taken in the interrupt handler, not when
/// the gateway got round to reading it.
public struct GPIOEventLine: InterruptLine {
    public typealias Failure = LinuxBoardError

    let chip: GPIOChip
    let line: OpaquePointer
    public let offset: UInt32

    /// The event descriptor, readable when an edge is queued: the gateway's
    /// event loop poll()s it next to its sockets.
    public var fileDescriptor: Int32 { gpiod_line_event_get_fd(line) }

    public mutating func takeEdge() throws(LinuxBoardError) -> Edge? {
        try waitForEdge(timeoutMicros: 0)
    }

    public mutating func waitForEdge(timeoutMicros: UInt64) throws(LinuxBoardError) -> Edge? {
        var timeout = timespec()
        timeout.tv_sec = numericCast(timeoutMicros / 1_000_000)
        timeout.tv_nsec = numericCast((timeoutMicros % 1_000_000) * 1000)
        while true {
            let ready = gpiod_line_event_wait(line, &timeout)
            if ready == 0 { return nil }
            if ready < 0 {
                let code = lk_errno()
                if code == Errno.interrupted { continue }
                throw failure("cannot wait for an edge", code)
            }
            break
        }
        var event = gpiod_line_event()
        if gpiod_line_event_read(line, &event) < 0 {
            throw failure("cannot read the edge event", lk_errno())
        }
        let seconds = UInt64(truncatingIfNeeded: Int64(event.ts.tv_sec))
        let nanoseconds = UInt64(truncatingIfNeeded: Int64(event.ts.tv_nsec))
        let stamp = seconds &* 1_000_000 &+ nanoseconds / 1000
        return Edge(timestampMicros: EdgeClock.monotonicMicros(stampMicros: stamp))  // pre-5.7 kernels stamp real time
    }

    public mutating func isHigh() throws(LinuxBoardError) -> Bool {
        let value = gpiod_line_get_value(line)
        if value < 0 { throw failure("cannot read the level", lk_errno()) }
        return value == 1
    }

    private func failure(_ what: String, _ code: Int32) -> LinuxBoardError {
        LinuxBoardError(
            cause: .systemCall, device: chip.name, line: offset, errorNumber: code,
            message: "line \(offset) of \(chip.name): \(what): \(LinuxBoardError.describe(errno: code))")
    }
}
