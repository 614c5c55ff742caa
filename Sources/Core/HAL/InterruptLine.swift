/// A rising edge seen on an interrupt line, stamped when it happened (by the
/// kernel or the emulator), not when software noticed it: the stamp is what
/// a packet's `tmst` is made of.
public struct Edge: Sendable, Equatable {
    /// On the same time base as the board's `MonotonicClock`.
    public var timestampMicros: UInt64

    public init(timestampMicros: UInt64) { self.timestampMicros = timestampMicros }
}

/// A radio DIO line configured for rising-edge events.
public protocol InterruptLine {
    associatedtype Failure: HALError

    /// The oldest edge already seen and not yet taken, without waiting.
    mutating func takeEdge() throws(Failure) -> Edge?

    /// Waits at most `timeoutMicros` for an edge (0: do not wait); nil on timeout.
    mutating func waitForEdge(timeoutMicros: UInt64) throws(Failure) -> Edge?

    /// The line's current level (for checking DIO mapping; not for polling packets).
    mutating func isHigh() throws(Failure) -> Bool
}
