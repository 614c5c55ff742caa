import HAL
import SX1276

/// What the forwarder needs from its radio, so the engine is generic over
/// the board (SX1276 driver on spidev, on the emulator, or a test double).
public protocol GatewayRadio {
    /// Readable when a DIO edge is pending; -1: check after every loop wait.
    var interruptDescriptor: Int32 { get }

    /// Resets and initialises the chip and starts continuous reception.
    mutating func start(receive settings: RadioSettings) throws(SX1276Error)
    /// Back to continuous reception on the receive channel (after TX).
    mutating func resumeReceive() throws(SX1276Error)
    /// The next radio event, without waiting; nil when no edge is pending.
    mutating func nextEvent() throws(SX1276Error) -> RadioEvent?
    /// Loads a frame (channel, IQ, power, FIFO); the receiver stops.
    mutating func prepareTransmit(_ payload: [UInt8], settings: RadioSettings, powerDBm: Int) throws(SX1276Error)
    /// Starts the prepared frame now.
    mutating func fireTransmit() throws(SX1276Error)
    /// Whether the chip reads back the mode the driver last set (watchdog).
    mutating func modeIsAsExpected() -> Bool
    mutating func sleep() throws(SX1276Error)
}

/// The SX1276 driver as a `GatewayRadio` (DIO0 carries RxDone and TxDone).
public struct SX1276GatewayRadio<Bus: SPIDevice, Lines: RadioControlLines>: GatewayRadio {
    public var driver: SX1276<Bus, Lines>
    public let interruptDescriptor: Int32
    public let output: PAOutput
    private var expected: OperatingMode?

    public init(driver: SX1276<Bus, Lines>, interruptDescriptor: Int32 = -1, output: PAOutput = .paBoost) {
        self.driver = driver
        self.interruptDescriptor = interruptDescriptor
        self.output = output
    }

    public mutating func start(receive settings: RadioSettings) throws(SX1276Error) {
        expected = nil
        try driver.initialize()
        try driver.configureReceiver(settings)
        try resumeReceive()
    }

    public mutating func resumeReceive() throws(SX1276Error) {
        try driver.startReceiveContinuous()
        expected = .receiveContinuous
    }

    public mutating func nextEvent() throws(SX1276Error) -> RadioEvent? {
        while true {
            let edge: Edge?
            do {
                edge = try driver.lines.dio0.takeEdge()
            } catch {
                throw SX1276Error(.hardware, "\(driver.busName): DIO0: \(error.message)")
            }
            guard let edge else { return nil }
            if let event = try driver.handleDIO0(edge) {
                if case .transmitted = event { expected = .standby }
                return event
            }
        }
    }

    public mutating func prepareTransmit(_ payload: [UInt8], settings: RadioSettings, powerDBm: Int) throws(SX1276Error) {
        try driver.prepareTransmit(payload, settings: settings, powerDBm: powerDBm, output: output)
        expected = .standby
    }

    public mutating func fireTransmit() throws(SX1276Error) {
        try driver.fireTransmit()
        expected = .transmit
    }

    public mutating func modeIsAsExpected() -> Bool {
        guard let expected else { return true }
        guard let mode = try? driver.readOperatingMode() else { return false }
        if expected == .transmit { return mode.longRangeMode && (mode.mode == .transmit || mode.mode == .standby) }
        return mode.longRangeMode && mode.mode == expected
    }

    public mutating func sleep() throws(SX1276Error) {
        try driver.sleep()
        expected = .sleep
    }
}
