import HAL

/// The chip's SPI port as a HAL `SPIDevice`: each transfer is one CS-low frame.
public struct EmulatedSPIDevice: SPIDevice {
    public typealias Failure = NoFailure
    public let chip: SX1276Chip

    public init(chip: SX1276Chip) { self.chip = chip }

    public mutating func transfer(_ frame: inout MutableSpan<UInt8>) throws(NoFailure) {
        chip.transfer(&frame)
    }
}

/// The chip's NRESET, DIO0 and DIO1 on the virtual clock, as one HAL type.
public typealias EmulatedControlLines = ControlLines<EmulatedResetPin, EmulatedInterruptLine, EmulatedInterruptLine, VirtualClock>

extension SX1276Chip {
    /// The SPI port a driver talks to.
    public var spiDevice: EmulatedSPIDevice { EmulatedSPIDevice(chip: self) }

    /// NRESET, DIO0, DIO1 and the chip's clock.
    public var controlLines: EmulatedControlLines {
        ControlLines(reset: EmulatedResetPin(chip: self), dio0: EmulatedInterruptLine(chip: self, index: 0),
                     dio1: EmulatedInterruptLine(chip: self, index: 1), clock: clock)
    }
}

/// NRESET as a HAL `OutputPin`.
public struct EmulatedResetPin: OutputPin {
    public typealias Failure = NoFailure
    public let chip: SX1276Chip

    public init(chip: SX1276Chip) { self.chip = chip }

    public mutating func setHigh(_ high: Bool) throws(NoFailure) {
        chip.setNReset(high: high)
    }
}

/// DIOn as a HAL `InterruptLine`, edges stamped on the virtual clock when the
/// chip raised them. Waiting advances the virtual clock (running the chip).
public struct EmulatedInterruptLine: InterruptLine {
    public typealias Failure = NoFailure
    public let chip: SX1276Chip
    public let index: Int

    public init(chip: SX1276Chip, index: Int) {
        self.chip = chip
        self.index = index
    }

    public mutating func takeEdge() throws(NoFailure) -> Edge? {
        chip.takeEdge(dio: index).map { Edge(timestampMicros: $0) }
    }

    public mutating func waitForEdge(timeoutMicros: UInt64) throws(NoFailure) -> Edge? {
        let clock = chip.clock
        let deadline = clock.now + timeoutMicros
        while true {
            if let micros = chip.takeEdge(dio: index) { return Edge(timestampMicros: micros) }
            guard let next = clock.nextDeadline, next <= deadline else {
                clock.advance(to: deadline)
                return chip.takeEdge(dio: index).map { Edge(timestampMicros: $0) }
            }
            clock.advance(to: max(next, clock.now))
        }
    }

    public mutating func isHigh() throws(NoFailure) -> Bool { chip.dioLevel(index) }
}
