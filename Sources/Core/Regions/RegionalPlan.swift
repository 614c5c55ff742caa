import LoRaPHY

/// How the RX1 downlink frequency follows the uplink (RP002 "<region> Receive Windows").
public enum RX1FrequencyRule: Sendable, Equatable {
    /// RX1 on the uplink frequency (EU868, AS923, IN865, KR920, EU433, RU864).
    case sameAsUplink
    /// RX1 on downlink channel (uplink channel index mod `count`), channel k
    /// at `firstHz + k × stepHz` (US915/AU915: 923.3 MHz + k × 600 kHz, k = ch mod 8;
    /// CN470: 500.3 MHz + k × 200 kHz, k = ch mod 48).
    case downlinkChannels(firstHz: UInt32, stepHz: UInt32, count: Int)
}

/// Where and how fast RX1 answers an uplink.
public struct RX1Window: Sendable, Equatable {
    public var frequencyHz: UInt32
    public var dataRate: Int

    public init(frequencyHz: UInt32, dataRate: Int) {
        self.frequencyHz = frequencyHz
        self.dataRate = dataRate
    }
}

/// Why a plan could not answer (bad DR, offset or uplink frequency).
public struct RegionError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// One region's LoRaWAN frequency plan: the facts a gateway needs from
/// LoRaWAN Regional Parameters RP002-1.0.4 (section cited in each region's file).
public struct RegionalPlan: Sendable, Equatable {
    public var id: RegionID
    /// RP002's band name: "EU863-870".
    public var displayName: String
    /// Which part of RP002 the values come from.
    public var source: String
    public var dataRates: [DataRate]
    public var uplinkChannels: UplinkChannelPlan
    public var rx1Frequency: RX1FrequencyRule
    /// Allowed RX1DROffset values are 0..<rx1DataRateTable[dr].count;
    /// rx1DataRateTable[uplinkDR][offset] = RX1 DR; an empty row: no RX1 for that DR.
    public var rx1DataRateTable: [[Int]]
    /// The table when DownlinkDwellTime = 1 (AS923 only; nil elsewhere).
    public var rx1DataRateTableDownlinkDwell: [[Int]]?
    public var rx2FrequencyHz: UInt32
    public var rx2DataRate: Int
    public var receiveDelay1Seconds: Int
    public var receiveDelay2Seconds: Int
    public var joinAcceptDelay1Seconds: Int
    public var joinAcceptDelay2Seconds: Int
    /// Default Max EIRP of end devices (RP002 "<region> TXPower"), dBm.
    public var maxEIRPdBm: Double
    /// A gateway's default conducted downlink power: Max EIRP less a 2 dBi
    /// antenna, rounded down, at most the SX1276's +20 dBm (PA_BOOST). Board
    /// profiles override it with their own antenna gain and PA limit.
    public var defaultTxPowerDBm: Int
    /// Frequencies a downlink may use (a forwarder refuses others: TX_FREQ).
    public var txFrequencyRanges: [FrequencyRange]
    /// Regulatory duty-cycle sub-bands; empty when the region has none.
    public var dutyCycleBands: [DutyCycleBand]
    /// Dwell-time limits; empty when the region has none.
    public var dwellTimeLimits: [DwellTimeLimit]
    /// Listen-before-talk required before transmitting (KR920; AS923 in Japan).
    public var listenBeforeTalk: String?
    /// Where a single-channel gateway listens and what end devices must be told.
    public var singleChannel: SingleChannelSetup
    /// True when `txFrequencyRanges` and `dutyCycleBands` are band edges that
    /// the whole occupied channel must fit in (EU868); false when they list
    /// channel centres (see `transmitChannelProblem`).
    public var txRangesAreBandEdges = false

    /// Uplink DR for a LoRa SF/BW (`direction` .downlink for US915 DR8-13), nil if none.
    public func dataRateIndex(
        spreadingFactor: SpreadingFactor, bandwidth: Bandwidth, direction: LinkDirection = .uplink
    ) -> Int? {
        for rate in dataRates where rate.modulation == .lora(spreadingFactor, bandwidth) {
            if direction == .uplink ? rate.uplink : rate.downlink { return rate.index }
        }
        return nil
    }

    /// The table row for `index`, nil if the region does not define it (RFU).
    public func dataRate(index: Int) -> DataRate? {
        for rate in dataRates where rate.index == index { return rate }
        return nil
    }

    /// Every uplink channel: the defaults of a dynamic plan, the whole grid of a fixed one.
    public var defaultUplinkChannelList: [Channel] {
        switch uplinkChannels {
        case .dynamic(let defaults, _): return defaults
        case .fixed(let blocks):
            var list: [Channel] = []
            for block in blocks { list += block.channels }
            return list
        }
    }

    /// The uplink channel centred on `frequencyHz`: a default channel of a
    /// dynamic plan or a grid channel of a fixed plan; nil otherwise.
    public func uplinkChannel(frequencyHz: UInt32) -> Channel? {
        switch uplinkChannels {
        case .dynamic(let defaults, _):
            for channel in defaults where channel.frequencyHz == frequencyHz { return channel }
            return nil
        case .fixed(let blocks):
            for block in blocks {
                if let channel = block.channel(frequencyHz: frequencyHz) { return channel }
            }
            return nil
        }
    }

    /// Uplink channel `index` (default channel or grid channel).
    public func uplinkChannel(index: Int) -> Channel? {
        switch uplinkChannels {
        case .dynamic(let defaults, _):
            for channel in defaults where channel.index == index { return channel }
            return nil
        case .fixed(let blocks):
            for block in blocks {
                if let channel = block.channel(index: index) { return channel }
            }
            return nil
        }
    }

    /// Valid RX1DROffset values for this region (0...5 in EU868, 0...3 in US915, 0...7 in AS923/IN865).
    public var rx1DROffsetRange: ClosedRange<Int> {
        var widest = 0
        for row in rx1DataRateTable where row.count > widest { widest = row.count }
        return 0...(widest > 0 ? widest - 1 : 0)
    }

    /// RX1 frequency and data rate for an uplink (RP002 "<region> Receive Windows").
    /// `downlinkDwellTime`: AS923's DownlinkDwellTime (1 = minimum RX1 DR2);
    /// nil takes the region's default.
    public func rx1(
        uplinkFrequencyHz: UInt32, uplinkDataRate: Int, rx1DROffset: Int = 0, downlinkDwellTime: Bool? = nil
    ) throws(RegionError) -> RX1Window {
        let dwell = downlinkDwellTime ?? defaultDownlinkDwellTime
        let table = dwell ? (rx1DataRateTableDownlinkDwell ?? rx1DataRateTable) : rx1DataRateTable
        guard uplinkDataRate >= 0, uplinkDataRate < table.count, !table[uplinkDataRate].isEmpty else {
            throw RegionError("DR\(uplinkDataRate) is not an uplink data rate with an RX1 mapping in \(id.rawValue)")
        }
        let row = table[uplinkDataRate]
        guard rx1DROffset >= 0, rx1DROffset < row.count else {
            throw RegionError(
                "RX1DROffset \(rx1DROffset) is out of range for \(id.rawValue) (allowed 0-\(row.count - 1))")
        }
        let dataRate = row[rx1DROffset]
        switch rx1Frequency {
        case .sameAsUplink:
            return RX1Window(frequencyHz: uplinkFrequencyHz, dataRate: dataRate)
        case .downlinkChannels(let firstHz, let stepHz, let count):
            guard let channel = uplinkChannel(frequencyHz: uplinkFrequencyHz) else {
                throw RegionError(
                    "\(FrequencyText.megahertz(uplinkFrequencyHz)) MHz is not a \(id.rawValue) uplink channel")
            }
            let k = channel.index % count
            return RX1Window(frequencyHz: firstHz + UInt32(k) * stepHz, dataRate: dataRate)
        }
    }

    /// Whether a downlink on `frequencyHz` is allowed: inside a TX range and,
    /// where the region has duty-cycle sub-bands, inside one of them (EU868's
    /// gaps such as 868.6-868.7 MHz are not LoRaWAN spectrum).
    public func isAllowedTransmit(frequencyHz: UInt32) -> Bool {
        var inRange = false
        for range in txFrequencyRanges where range.contains(frequencyHz) { inRange = true }
        guard inRange else { return false }
        return dutyCycleBands.isEmpty || dutyCycleBand(frequencyHz: frequencyHz) != nil
    }

    /// The duty-cycle sub-band containing `frequencyHz`, nil if none.
    public func dutyCycleBand(frequencyHz: UInt32) -> DutyCycleBand? {
        for band in dutyCycleBands where band.range.contains(frequencyHz) { return band }
        return nil
    }

    /// Whether devices start with a downlink dwell-time limit (AS923).
    public var defaultDownlinkDwellTime: Bool {
        for limit in dwellTimeLimits where limit.downlink && limit.enabledByDefault { return true }
        return false
    }

    /// The uplink dwell-time limit in force by default, if any.
    public var defaultUplinkDwellLimitMillis: Int? {
        for limit in dwellTimeLimits where limit.uplink && limit.enabledByDefault { return limit.limitMillis }
        return nil
    }
}

/// Frequency formatting without Foundation: the one MHz formatter.
public enum FrequencyText {
    /// "868.1", "865.0625", "923.3": megahertz with trailing zeros dropped.
    public static func megahertz(_ hertz: UInt32) -> String { text(hertz, minimumDecimals: 0) }

    /// "868.100000": Hz precision, six decimals (the Semtech protocol's `freq`).
    public static func megahertzSixDecimals(_ hertz: UInt32) -> String { text(hertz, minimumDecimals: 6) }

    static func text(_ hertz: UInt32, minimumDecimals: Int) -> String {
        var fraction = hertz % 1_000_000
        var decimals = 6
        while decimals > minimumDecimals && fraction % 10 == 0 {
            fraction /= 10
            decimals -= 1
        }
        guard decimals > 0 else { return "\(hertz / 1_000_000)" }
        var digits = "\(fraction)"
        while digits.utf8.count < decimals { digits = "0" + digits }
        return "\(hertz / 1_000_000)." + digits
    }
}
