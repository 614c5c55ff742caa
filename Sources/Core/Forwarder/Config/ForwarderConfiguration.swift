import LoRaPHY
import Regions
import Runtime

/// Where the radio listens and what the region allows.
public struct RadioConfiguration: Sendable, Equatable {
    /// Board profile (boards/*.json) path; nil: the mock board.
    public var boardPath: String?
    public var region: RegionID
    public var frequencyHz: UInt32
    public var dataRate: DataRateName
    public var codingRate: CodingRate
    /// RegSyncWord: 0x34 for public LoRaWAN networks.
    public var syncWord: UInt8
    /// Antenna gain (dBi): conducted power is limited to max EIRP minus this.
    public var antennaGainDBi: Double
    /// The PA's own limit (PA_BOOST: 20 dBm) and its lowest setting (PA_BOOST: 2 dBm).
    public var maxConductedPowerDBm: Int
    public var minConductedPowerDBm = 2
    /// Where downlinks may go: the chip's range narrowed to the board's band
    /// (the profile's `frequency-port`); set by the composition from the profile.
    public var transmitBandHz: ClosedRange<UInt32> = ChipFrequencyRange.sx1276Hz

    public init(boardPath: String? = nil, region: RegionID = .eu868, frequencyHz: UInt32? = nil,
                dataRate: DataRateName? = nil, codingRate: CodingRate = .cr4_5, syncWord: UInt8 = 0x34,
                antennaGainDBi: Double = 0, maxConductedPowerDBm: Int = 20) {
        let plan = region.plan
        var defaultRate = DataRateName(spreadingFactor: .sf7, bandwidth: .khz125)
        if case .lora(let sf, let bw)? = plan.dataRate(index: plan.singleChannel.dataRate)?.modulation {
            defaultRate = DataRateName(spreadingFactor: sf, bandwidth: bw)
        }
        self.boardPath = boardPath
        self.region = region
        self.frequencyHz = frequencyHz ?? plan.singleChannel.frequencyHz
        self.dataRate = dataRate ?? defaultRate
        self.codingRate = codingRate
        self.syncWord = syncWord
        self.antennaGainDBi = antennaGainDBi
        self.maxConductedPowerDBm = maxConductedPowerDBm
    }
}

/// Everything the forwarder needs: lora_pkt_fwd's `gateway_conf` keys
/// plus Lorikeet's `radio` object and backhaul/JIT/watchdog tuning.
public struct ForwarderConfiguration: Sendable {
    public var gatewayEUI: GatewayEUI
    public var serverAddress: String = "127.0.0.1"
    public var serverPortUp: UInt16 = 1700
    public var serverPortDown: UInt16 = 1700
    /// PULL_DATA period: 10 s (servers drop the downlink route after ~15 s
    /// of silence; seed 000's 25 s was too long).
    public var keepaliveMicros: UInt64 = 10_000_000
    public var statMicros: UInt64 = 30_000_000
    /// How long to wait for PUSH_ACK before sending again.
    public var pushTimeoutMicros: UInt64 = 200_000
    public var forwardCRCValid = true
    public var forwardCRCError = false
    public var forwardCRCDisabled = false
    public var referenceLatitude: Double?
    public var referenceLongitude: Double?
    public var referenceAltitude: Int?
    /// Uplinks held while the server does not acknowledge.
    public var uplinkQueueLimit = 1_000
    public var uplinkMaxAgeMicros: UInt64 = 1_800_000_000
    /// PUSH_DATA datagrams that may await their PUSH_ACK at once.
    public var pushWindow = 4
    /// Longest wait between retries while the server stays silent.
    public var pushMaxBackoffMicros: UInt64 = 8_000_000
    /// The TX_ACK error for a downlink refused by the duty-cycle limit.
    public var dutyCycleError: TxAckError = .collisionPacket
    public var dutyCycleEnforced = true
    public var jit = JITTiming()
    public var watchdog = WatchdogPolicy()
    public var radio = RadioConfiguration()
    /// Which `radio` keys a file set, and where ("global_conf.json: radio.region"):
    /// those override the board profile (`RadioPlanMerge`); the rest come from it.
    public var radioKeySources: [String: String] = [:]

    public init(gatewayEUI: GatewayEUI) { self.gatewayEUI = gatewayEUI }
}
