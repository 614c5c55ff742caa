import HAL

/// NRESET where a board may not wire it (Uputronics): driving an unwired
/// line does nothing, so the radio keeps its power-on state.
public struct OptionalOutputLine: OutputPin {
    public typealias Failure = LinuxBoardError
    public var line: GPIOOutputLine?

    public init(_ line: GPIOOutputLine?) { self.line = line }

    public var isWired: Bool { line != nil }

    public mutating func setHigh(_ high: Bool) throws(LinuxBoardError) {
        try line?.setHigh(high)
    }
}

/// A DIO line a board may not wire (DIO1/DIO2 on LoRasPi, Uputronics): an
/// unwired line never has an edge; waiting on it just lets the time pass.
public struct OptionalEventLine: InterruptLine {
    public typealias Failure = LinuxBoardError
    public var line: GPIOEventLine?

    public init(_ line: GPIOEventLine?) { self.line = line }

    public var isWired: Bool { line != nil }

    /// The event descriptor to poll(), nil when unwired.
    public var fileDescriptor: Int32? { line?.fileDescriptor }

    public mutating func takeEdge() throws(LinuxBoardError) -> Edge? {
        guard line != nil else { return nil }
        return try line!.takeEdge()
    }

    public mutating func waitForEdge(timeoutMicros: UInt64) throws(LinuxBoardError) -> Edge? {
        guard line != nil else {
            var clock = LinuxClock()
            clock.sleep(micros: timeoutMicros)
            return nil
        }
        return try line!.waitForEdge(timeoutMicros: timeoutMicros)
    }

    public mutating func isHigh() throws(LinuxBoardError) -> Bool {
        guard line != nil else { return false }
        return try line!.isHigh()
    }
}
