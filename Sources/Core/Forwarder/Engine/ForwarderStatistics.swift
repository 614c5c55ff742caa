/// Counters kept by the forwarder (the `stat` report's and more).
public struct ForwarderStatistics: Sendable, Equatable {
    /// Radio packets received / with CRC OK / CRC bad / without CRC.
    public var rxnb: UInt64 = 0
    public var rxok: UInt64 = 0
    public var rxBadCRC: UInt64 = 0
    public var rxNoCRC: UInt64 = 0
    /// Uplinks queued for the server.
    public var rxfw: UInt64 = 0
    /// Uplinks delivered (PUSH_ACK received for their datagram).
    public var uplinksAcknowledged: UInt64 = 0
    /// Uplinks dropped because the queue was full or they grew too old.
    public var uplinksDroppedFull: UInt64 = 0
    public var uplinksDroppedAge: UInt64 = 0
    /// PUSH_DATA datagrams sent (uplinks and stat), resends among them, acknowledged.
    public var pushSent: UInt64 = 0
    public var pushResent: UInt64 = 0
    public var pushAcknowledged: UInt64 = 0
    public var statsSent: UInt64 = 0
    public var pullSent: UInt64 = 0
    public var pullAcknowledged: UInt64 = 0
    /// PULL_RESP datagrams received.
    public var dwnb: UInt64 = 0
    /// Downlinks emitted (TxDone seen).
    public var txnb: UInt64 = 0
    /// TX_ACK answers sent, by error.
    public var txAcks: [String: UInt64] = [:]
    public var txPowerLowered: UInt64 = 0
    /// Datagrams dropped: malformed, or from an address other than the server's.
    public var malformed: UInt64 = 0
    public var foreign: UInt64 = 0
    public var sendFailures: UInt64 = 0
    public var resolveFailures: UInt64 = 0
    public var radioErrors: UInt64 = 0
    /// Re-initialisation attempts, and how many of them failed.
    public var radioRestarts: UInt64 = 0
    public var radioRestartFailures: UInt64 = 0
    /// Downlinks refused (any TX_ACK error).
    public var downlinksRefused: UInt64 = 0
    /// Downlinks that went on air without a TxDone (slot freed by timeout).
    public var txTimeouts: UInt64 = 0
    /// Downlinks aborted because their start would miss the receive window.
    public var txLate: UInt64 = 0
    /// Downlinks dropped at prepare time because the radio was down.
    public var txDroppedRadioDown: UInt64 = 0
    public var loopStalls: UInt64 = 0

    public init() {}

    public func txAckCount(_ error: TxAckError) -> UInt64 { txAcks[error.rawValue] ?? 0 }

    /// One line for logs.
    public var summary: String {
        var text = "rxnb \(rxnb) rxok \(rxok) rxfw \(rxfw) acked \(uplinksAcknowledged) dwnb \(dwnb) txnb \(txnb)"
        text += " push \(pushSent)/\(pushAcknowledged) pull \(pullSent)/\(pullAcknowledged)"
        text += " dropped \(uplinksDroppedFull + uplinksDroppedAge) malformed \(malformed) foreign \(foreign)"
        if radioRestarts > 0 { text += " radio-restarts \(radioRestarts) (\(radioRestartFailures) failed)" }
        if txTimeouts > 0 { text += " tx-timeouts \(txTimeouts)" }
        if txLate > 0 { text += " tx-late \(txLate)" }
        return text
    }
}
