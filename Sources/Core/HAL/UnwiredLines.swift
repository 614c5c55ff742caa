/// A control line the board does not wire (a HAT without NRESET or DIO1):
/// driving it does nothing.
public struct UnwiredOutputPin: OutputPin {
    public typealias Failure = NoFailure
    public init() {}
    public mutating func setHigh(_ high: Bool) throws(NoFailure) {}
}

/// An interrupt line the board does not wire: it never has an edge, and
/// waiting for one returns nil at once (it has no clock to let time pass).
public struct UnwiredInterruptLine: InterruptLine {
    public typealias Failure = NoFailure
    public init() {}
    public mutating func takeEdge() throws(NoFailure) -> Edge? { nil }
    public mutating func waitForEdge(timeoutMicros: UInt64) throws(NoFailure) -> Edge? { nil }
    public mutating func isHigh() throws(NoFailure) -> Bool { false }
}
