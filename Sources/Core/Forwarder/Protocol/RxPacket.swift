import JSON
import LoRaPHY
import SX1276

/// One `rxpk` object of PUSH_DATA (PROTOCOL.TXT §4), written directly as
/// JSON text: one string per uplink, no intermediate tree.
public struct RxPacket: Equatable, Sendable {
    /// UTC time of the end of reception, µs precision.
    public var utcMicros: Int64
    /// Internal 32-bit µs counter when RxDone rose (DIO0 edge); wraps every ~71.6 min.
    public var tmst: UInt32
    public var channel: Int
    public var rfChain: Int
    public var frequencyHz: UInt32
    /// 1 CRC OK, -1 CRC bad, 0 no CRC.
    public var crcStatus: Int
    public var dataRate: DataRateName
    public var codingRate: CodingRate
    public var rssiDBm: Double
    public var snrDB: Double
    public var payload: [UInt8]

    public init(utcMicros: Int64, tmst: UInt32, channel: Int = 0, rfChain: Int = 0, frequencyHz: UInt32,
                crcStatus: Int, dataRate: DataRateName, codingRate: CodingRate, rssiDBm: Double, snrDB: Double,
                payload: [UInt8]) {
        self.utcMicros = utcMicros
        self.tmst = tmst
        self.channel = channel
        self.rfChain = rfChain
        self.frequencyHz = frequencyHz
        self.crcStatus = crcStatus
        self.dataRate = dataRate
        self.codingRate = codingRate
        self.rssiDBm = rssiDBm
        self.snrDB = snrDB
        self.payload = payload
    }

    /// From a packet the SX1276 driver read out; `utcMicros` is the wall
    /// clock at the DIO0 edge.
    public init(packet: ReceivedPacket, utcMicros: Int64, defaultCodingRate: CodingRate) {
        let crc: Int
        switch packet.crc {
        case .ok: crc = 1
        case .bad: crc = -1
        case .absent: crc = 0
        }
        self.init(utcMicros: utcMicros, tmst: UInt32(truncatingIfNeeded: packet.timestampMicros),
                  frequencyHz: packet.frequencyHz, crcStatus: crc,
                  dataRate: DataRateName(spreadingFactor: packet.spreadingFactor, bandwidth: packet.bandwidth),
                  codingRate: packet.codingRate ?? defaultCodingRate, rssiDBm: packet.rssiDBm, snrDB: packet.snrDB,
                  payload: packet.payload)
    }

    /// `{"time":…,"tmst":…,…,"data":"…"}`, written into one buffer reserved
    /// up front: every piece appended is a literal or a small string, so the
    /// object costs one allocation (issue 10: heap churn per uplink).
    public var json: String {
        var text = ""
        text.reserveCapacity(224 + Base64.encodedCount(payload.count))
        text += "{\"time\":\""
        TimeText.appendISO8601(utcMicros: utcMicros, to: &text)
        text += "\",\"tmst\":"
        text += String(tmst)
        text += ",\"chan\":"
        text += String(channel)
        text += ",\"rfch\":"
        text += String(rfChain)
        text += ",\"freq\":"
        text += NumberText.megahertz(frequencyHz)
        text += ",\"stat\":"
        text += String(crcStatus)
        text += ",\"modu\":\"LORA\",\"datr\":\""
        text += dataRate.text
        text += "\",\"codr\":\""
        text += codingRate.label
        text += "\",\"rssi\":"
        text += NumberText.fixed(rssiDBm, decimals: 0)
        text += ",\"lsnr\":"
        text += NumberText.fixed(snrDB, decimals: 1)
        text += ",\"size\":"
        text += String(payload.count)
        text += ",\"data\":\""
        Base64.append(payload, to: &text)
        text += "\"}"
        return text
    }
}

/// The `stat` object (PROTOCOL.TXT §4), built fresh for every report (seed
/// 000 mutated one global dictionary).
public struct StatReport: Equatable, Sendable {
    public var utcMicros: Int64
    public var latitude: Double?
    public var longitude: Double?
    public var altitudeMeters: Int?
    public var rxnb: UInt64
    public var rxok: UInt64
    public var rxfw: UInt64
    /// Percentage of upstream datagrams acknowledged in the interval.
    public var ackr: Double
    public var dwnb: UInt64
    public var txnb: UInt64

    public init(utcMicros: Int64, latitude: Double? = nil, longitude: Double? = nil, altitudeMeters: Int? = nil,
                rxnb: UInt64, rxok: UInt64, rxfw: UInt64, ackr: Double, dwnb: UInt64, txnb: UInt64) {
        self.utcMicros = utcMicros
        self.latitude = latitude
        self.longitude = longitude
        self.altitudeMeters = altitudeMeters
        self.rxnb = rxnb
        self.rxok = rxok
        self.rxfw = rxfw
        self.ackr = ackr
        self.dwnb = dwnb
        self.txnb = txnb
    }

    public var json: String {
        var text = "{\"stat\":{\"time\":\"" + TimeText.expanded(utcMicros: utcMicros) + "\""
        if let latitude, let longitude {
            text += ",\"lati\":" + NumberText.fixed(latitude, decimals: 5) + ",\"long\":" + NumberText.fixed(longitude, decimals: 5)
            text += ",\"alti\":\(altitudeMeters ?? 0)"
        }
        text += ",\"rxnb\":\(rxnb),\"rxok\":\(rxok),\"rxfw\":\(rxfw),\"ackr\":" + NumberText.fixed(ackr, decimals: 1)
        text += ",\"dwnb\":\(dwnb),\"txnb\":\(txnb)}}"
        return text
    }
}
