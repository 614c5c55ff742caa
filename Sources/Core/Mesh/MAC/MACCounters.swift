/// What the MAC did and dropped, by cause (OpenThread's `otMacCounters`
/// in spirit). Every refused frame lands in exactly one drop counter.
public struct MACCounters: Equatable, Sendable {
    public var transmitted = 0
    public var transmitRetries = 0
    public var acknowledged = 0
    public var noAck = 0
    public var channelAccessFailures = 0
    public var channelBusy = 0
    public var dutyCycleDeferrals = 0
    public var queueFull = 0
    public var received = 0
    public var acksSent = 0
    /// Bad FCS, truncated, reserved fields.
    public var droppedMalformed = 0
    /// MIC failed (wrong key) or an unknown key index.
    public var droppedSecurity = 0
    /// Frame counter older than the last one accepted from that sender.
    public var droppedReplay = 0
    /// A retransmission already delivered (same counter / sequence).
    public var droppedDuplicate = 0
    /// Another PAN or another node's address.
    public var droppedNotForUs = 0
    /// Secured frame from a short address with no known extended address.
    public var droppedUnknownNeighbor = 0

    public init() {}
}
