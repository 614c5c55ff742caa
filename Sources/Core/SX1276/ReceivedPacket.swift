import LoRaPHY

/// What the payload CRC said (RegHopChannel CrcOnPayload and the
/// PayloadCrcError flag, datasheet §4.1.6.2).
public enum CRCStatus: Sendable, Equatable {
    case ok, bad, absent
}

/// One received LoRa frame, as read out of the chip after RxDone.
public struct ReceivedPacket: Sendable, Equatable {
    public var payload: [UInt8]
    public var rssiDBm: Double
    public var snrDB: Double
    public var crc: CRCStatus
    public var frequencyErrorHz: Double
    /// From RegModemStat RxCodingRate (the header's rate); nil if it reads 0.
    public var codingRate: CodingRate?
    /// When RxDone rose (the DIO0 edge), on the board clock's time base.
    public var timestampMicros: UInt64
    /// The channel the receiver was set to.
    public var frequencyHz: UInt32
    public var spreadingFactor: SpreadingFactor
    public var bandwidth: Bandwidth

    public init(
        payload: [UInt8], rssiDBm: Double, snrDB: Double, crc: CRCStatus, frequencyErrorHz: Double,
        codingRate: CodingRate?, timestampMicros: UInt64, frequencyHz: UInt32,
        spreadingFactor: SpreadingFactor, bandwidth: Bandwidth
    ) {
        self.payload = payload
        self.rssiDBm = rssiDBm
        self.snrDB = snrDB
        self.crc = crc
        self.frequencyErrorHz = frequencyErrorHz
        self.codingRate = codingRate
        self.timestampMicros = timestampMicros
        self.frequencyHz = frequencyHz
        self.spreadingFactor = spreadingFactor
        self.bandwidth = bandwidth
    }
}

/// What a DIO edge meant.
public enum RadioEvent: Sendable, Equatable {
    case received(ReceivedPacket)
    /// TxDone, stamped with the DIO0 edge.
    case transmitted(timestampMicros: UInt64)
    /// CadDone; `detected` from CadDetected.
    case channelActivity(detected: Bool, timestampMicros: UInt64)
    /// RxTimeout of RX single (DIO1).
    case receiveTimeout(timestampMicros: UInt64)
}
