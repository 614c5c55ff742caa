/// The `txpk_ack.error` values of PROTOCOL.md §6 (v1.5 moved TX_POWER to
/// `warn`; it stays here for servers of older revisions).
public enum TxAckError: String, Sendable, Equatable, CaseIterable {
    case none = "NONE"
    case tooLate = "TOO_LATE"
    case tooEarly = "TOO_EARLY"
    case collisionPacket = "COLLISION_PACKET"
    case collisionBeacon = "COLLISION_BEACON"
    case txFrequency = "TX_FREQ"
    case txPower = "TX_POWER"
    case gpsUnlocked = "GPS_UNLOCKED"
    /// ChirpStack's gateway API status name; The Things Stack maps it to
    /// UNKNOWN_ERROR (see docs/gateway.md "Duty cycle").
    case dutyCycleOverflow = "DUTY_CYCLE_OVERFLOW"
}

/// The JSON of a TX_ACK datagram: always an object, `error` NONE when
/// accepted (ChirpStack and The Things Stack both read that as success),
/// `warn`/`value` when the power was lowered.
public struct TxAck: Equatable, Sendable {
    public var error: TxAckError
    /// The power actually used, when it differs from the request.
    public var powerWarningDBm: Int?

    public init(error: TxAckError, powerWarningDBm: Int? = nil) {
        self.error = error
        self.powerWarningDBm = powerWarningDBm
    }

    public var json: String {
        var text = "{\"txpk_ack\":{\"error\":\"" + error.rawValue + "\""
        if let power = powerWarningDBm, error == .none { text += ",\"warn\":\"TX_POWER\",\"value\":\(power)" }
        return text + "}}"
    }
}
