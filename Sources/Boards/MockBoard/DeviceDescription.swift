import LoRaPHY
import LoRaWAN

/// A simulated LoRaWAN 1.0.x Class A end device, activated by personalisation
/// (ABP: `devAddr` and `keys`) or over the air (OTAA: `otaa`, the device
/// joins first): what it sends, how often, and where it listens afterwards. No region tables here: RX1 and
/// RX2 are given explicitly (defaults: RX1 on the uplink channel and data
/// rate, RX1DROffset 0; RX2 869.525 MHz SF12BW125, the EU868 default).
public struct DeviceDescription: Sendable {
    public var name: String
    /// ABP: the device address and session keys (unused with `otaa`).
    public var devAddr: DevAddr?
    public var keys: SessionKeys?
    /// OTAA: the device sends JoinRequests until a JoinAccept arrives, then
    /// data frames with the address and keys the join gave it.
    public var otaa: OTAACredentials?
    /// First wait before a JoinRequest is sent again when no JoinAccept came;
    /// it doubles with each attempt up to `joinRetryMaximumMicros`, plus a
    /// random 0…half of it (each attempt with a fresh DevNonce).
    public var joinRetryMicros: UInt64
    public var joinRetryMaximumMicros: UInt64
    public var uplinkFrequencyHz: UInt32
    public var uplinkParameters: LoRaParameters
    /// FRMPayload bytes of each uplink (random content from the board's seed).
    public var payloadBytes: Int
    public var fPort: UInt8
    public var confirmed: Bool
    /// Time between uplink starts, plus a uniform random 0…jitter.
    public var periodMicros: UInt64
    public var jitterMicros: UInt64
    /// First uplink; nil: random within the first period.
    public var firstUplinkMicros: UInt64?
    /// Stop after this many uplinks (nil: never).
    public var maximumUplinks: Int?
    public var txPowerDBm: Double
    /// Path loss to the gateway (nil: the air's default).
    public var pathLossDB: Double?
    public var syncWord: UInt8
    /// RX1 channel; nil: the uplink's.
    public var rx1FrequencyHz: UInt32?
    /// RX1 data rate; nil: the uplink's (RX1DROffset 0).
    public var rx1Parameters: LoRaParameters?
    public var rx2FrequencyHz: UInt32
    public var rx2Parameters: LoRaParameters
    /// RECEIVE_DELAY1 (LoRaWAN 1.0.x default 1 s); RX2 opens 1 s later.
    public var receiveDelay1Micros: UInt64

    public init(
        name: String, devAddr: DevAddr? = nil, keys: SessionKeys? = nil, otaa: OTAACredentials? = nil,
        joinRetryMicros: UInt64 = 10_000_000, joinRetryMaximumMicros: UInt64 = 600_000_000, uplinkFrequencyHz: UInt32 = 868_100_000,
        uplinkParameters: LoRaParameters = LoRaParameters(spreadingFactor: .sf7), payloadBytes: Int = 12,
        fPort: UInt8 = 1, confirmed: Bool = false, periodMicros: UInt64 = 60_000_000, jitterMicros: UInt64 = 0,
        firstUplinkMicros: UInt64? = nil, maximumUplinks: Int? = nil, txPowerDBm: Double = 14,
        pathLossDB: Double? = nil, syncWord: UInt8 = 0x34, rx1FrequencyHz: UInt32? = nil,
        rx1Parameters: LoRaParameters? = nil, rx2FrequencyHz: UInt32 = 869_525_000,
        rx2Parameters: LoRaParameters = LoRaParameters(spreadingFactor: .sf12, crcOn: false),
        receiveDelay1Micros: UInt64 = 1_000_000
    ) {
        self.name = name
        self.devAddr = devAddr
        self.keys = keys
        self.otaa = otaa
        self.joinRetryMicros = joinRetryMicros
        self.joinRetryMaximumMicros = joinRetryMaximumMicros
        self.uplinkFrequencyHz = uplinkFrequencyHz
        self.uplinkParameters = uplinkParameters
        self.payloadBytes = payloadBytes
        self.fPort = fPort
        self.confirmed = confirmed
        self.periodMicros = periodMicros
        self.jitterMicros = jitterMicros
        self.firstUplinkMicros = firstUplinkMicros
        self.maximumUplinks = maximumUplinks
        self.txPowerDBm = txPowerDBm
        self.pathLossDB = pathLossDB
        self.syncWord = syncWord
        self.rx1FrequencyHz = rx1FrequencyHz
        self.rx1Parameters = rx1Parameters
        self.rx2FrequencyHz = rx2FrequencyHz
        self.rx2Parameters = rx2Parameters
        self.receiveDelay1Micros = receiveDelay1Micros
    }

    /// RX1 as used: the uplink channel/data rate unless given; downlinks carry no CRC.
    public var effectiveRX1FrequencyHz: UInt32 { rx1FrequencyHz ?? uplinkFrequencyHz }
    public var effectiveRX1Parameters: LoRaParameters {
        var p = rx1Parameters ?? uplinkParameters
        p.crcOn = false
        return p
    }
}
