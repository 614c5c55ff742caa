import HAL

/// How one radio is wired to a Linux board: plain values a board profile
/// fills in (the LinuxBoard module does not read profiles itself).
public struct LinuxRadioWiring: Sendable, Equatable {
    /// "/dev/spidev0.0".
    public var spiDevice: String
    public var spiSpeedHz: UInt32
    /// "gpiochip0".
    public var gpioChip: String
    /// A GPIO line driven as NSS by software (nil: the spidev's CE line is NSS).
    public var chipSelectLine: UInt32?
    /// NRESET (nil: not wired; the radio then only resets at power-up).
    public var resetLine: UInt32?
    public var dio0Line: UInt32
    public var dio1Line: UInt32?
    public var dio2Line: UInt32?

    public init(
        spiDevice: String, spiSpeedHz: UInt32 = LinuxSPIDevice.defaultSpeedHz, gpioChip: String = "gpiochip0",
        chipSelectLine: UInt32? = nil, resetLine: UInt32?, dio0Line: UInt32, dio1Line: UInt32? = nil,
        dio2Line: UInt32? = nil
    ) {
        self.spiDevice = spiDevice
        self.spiSpeedHz = spiSpeedHz
        self.gpioChip = gpioChip
        self.chipSelectLine = chipSelectLine
        self.resetLine = resetLine
        self.dio0Line = dio0Line
        self.dio1Line = dio1Line
        self.dio2Line = dio2Line
    }
}

/// Everything a radio driver needs on a Linux board, opened from a wiring:
/// the SPI device (with its software chip select), NRESET, the DIO event
/// lines and the monotonic clock their timestamps share.
public struct LinuxRadioBoard {
    public let wiring: LinuxRadioWiring
    public let chip: GPIOChip
    public var spi: LinuxSPIDevice
    /// NRESET (a no-op when the board does not wire it).
    public var reset: OptionalOutputLine
    public var dio0: GPIOEventLine
    public var dio1: OptionalEventLine
    public var dio2: OptionalEventLine
    public var clock: LinuxClock

    /// Opens the SPI device first (its absence — SPI not enabled — is the
    /// commonest problem and the most useful thing to report), then the
    /// gpiochip and each line.
    public init(wiring: LinuxRadioWiring) throws(LinuxBoardError) {
        self.wiring = wiring
        // Probe the spidev before any GPIO so the first error names the SPI
        // device; the real descriptor is opened below with the chip select.
        _ = try LinuxSPIDevice(path: wiring.spiDevice, speedHz: wiring.spiSpeedHz)
        let chip = try GPIOChip(wiring.gpioChip)
        self.chip = chip
        var chipSelect: GPIOOutputLine?
        if let line = wiring.chipSelectLine {
            chipSelect = try chip.outputLine(line, consumer: "lorikeet-nss", initialHigh: true)
        }
        spi = try LinuxSPIDevice(path: wiring.spiDevice, speedHz: wiring.spiSpeedHz, chipSelect: chipSelect)
        reset = OptionalOutputLine(nil)
        if let line = wiring.resetLine {
            reset = OptionalOutputLine(try chip.outputLine(line, consumer: "lorikeet-reset", initialHigh: true))
        }
        dio0 = try chip.risingEdgeLine(wiring.dio0Line, consumer: "lorikeet-dio0")
        dio1 = OptionalEventLine(nil)
        if let line = wiring.dio1Line { dio1 = OptionalEventLine(try chip.risingEdgeLine(line, consumer: "lorikeet-dio1")) }
        dio2 = OptionalEventLine(nil)
        if let line = wiring.dio2Line { dio2 = OptionalEventLine(try chip.risingEdgeLine(line, consumer: "lorikeet-dio2")) }
        clock = LinuxClock()
    }

    /// The radio's control lines as one HAL type.
    public typealias RadioLines = ControlLines<OptionalOutputLine, GPIOEventLine, OptionalEventLine, LinuxClock>

    /// NRESET, DIO0, DIO1 and the clock, for the driver.
    public var radioLines: RadioLines { ControlLines(reset: reset, dio0: dio0, dio1: dio1, clock: clock) }

    /// Pulses NRESET (SX1276 datasheet §7.2.2: low for more than 100 µs, then
    /// 5 ms before the chip is ready). Without a reset line nothing happens.
    public mutating func resetRadio() throws(LinuxBoardError) {
        guard reset.isWired else { return }
        try reset.setHigh(false)
        clock.sleep(micros: 200)
        try reset.setHigh(true)
        clock.sleep(micros: 5_000)
    }
}
