import LoRaPHY

/// What a data-rate index means on air (RP002 "<region> Data Rate and End-device
/// Output Power Encoding" tables).
public enum DataRateModulation: Sendable, Equatable {
    case lora(SpreadingFactor, Bandwidth)
    /// GFSK at `bitsPerSecond` (50 kbps in every region that has it).
    case fsk(bitsPerSecond: Int)
    /// LR-FHSS (RP002-1.0.1 on): coding rate "1/3" or "2/3", occupied channel width.
    /// The SX1276 cannot receive it; listed so the tables stay complete.
    case lrFHSS(codingRate: String, occupiedChannelWidthHz: Int)

    /// "SF7BW125", "FSK50", "LR-FHSS CR1/3 OCW137".
    public var name: String {
        switch self {
        case .lora(let sf, let bw): return DataRateName(spreadingFactor: sf, bandwidth: bw).text
        case .fsk(let bps): return "FSK\(bps / 1000)"
        case .lrFHSS(let cr, let ocw): return "LR-FHSS CR\(cr) OCW\(ocw / 1000)"
        }
    }
}

/// Which way a data rate may be used.
public enum LinkDirection: Sendable, Equatable {
    case uplink, downlink
}

/// One row of a region's data-rate table.
public struct DataRate: Sendable, Equatable {
    /// DR index as carried in LinkADRReq / RXParamSetupReq (0-15).
    public var index: Int
    public var modulation: DataRateModulation
    public var uplink: Bool
    public var downlink: Bool
    /// Maximum MACPayload size M in bytes (RP002 "maximum payload size (not
    /// repeater compatible)"); FRMPayload N = M - 8 without FOpts. nil: not defined.
    public var maxMACPayloadBytes: Int?
    /// M when the 400 ms dwell-time limit applies (AS923, AU915 with
    /// UplinkDwellTime = 1); nil: the data rate may not be used then.
    public var dwellLimitedMaxMACPayloadBytes: Int?

    public init(
        index: Int, modulation: DataRateModulation, uplink: Bool = true, downlink: Bool = true,
        maxMACPayloadBytes: Int?, dwellLimitedMaxMACPayloadBytes: Int? = nil
    ) {
        self.index = index
        self.modulation = modulation
        self.uplink = uplink
        self.downlink = downlink
        self.maxMACPayloadBytes = maxMACPayloadBytes
        self.dwellLimitedMaxMACPayloadBytes = dwellLimitedMaxMACPayloadBytes
    }

    /// Maximum FRMPayload N (M minus the 8-byte FHDR+FPort without FOpts).
    public var maxFRMPayloadBytes: Int? { maxMACPayloadBytes.map { $0 - 8 } }

    /// "DR5".
    public var label: String { "DR\(index)" }

    /// LoRa spreading factor, nil for FSK / LR-FHSS.
    public var spreadingFactor: SpreadingFactor? {
        if case .lora(let sf, _) = modulation { return sf }
        return nil
    }

    /// LoRa bandwidth, nil for FSK / LR-FHSS.
    public var bandwidth: Bandwidth? {
        if case .lora(_, let bw) = modulation { return bw }
        return nil
    }

    /// LoRa parameters for this data rate (LoRaWAN: CR 4/5, explicit header,
    /// 8-symbol preamble); nil for FSK / LR-FHSS.
    public func loRaParameters(crcOn: Bool = true) -> LoRaParameters? {
        guard case .lora(let sf, let bw) = modulation else { return nil }
        return LoRaParameters(spreadingFactor: sf, bandwidth: bw, codingRate: .cr4_5, crcOn: crcOn)
    }
}

/// Table helpers: the standard LoRa rows most regions share.
extension DataRate {
    /// DR0-DR5 = SF12-SF7 at 125 kHz with the given M values.
    static func sf12to7at125(_ maxM: [Int?], dwell: [Int?]? = nil) -> [DataRate] {
        let factors: [SpreadingFactor] = [.sf12, .sf11, .sf10, .sf9, .sf8, .sf7]
        var rows: [DataRate] = []
        for index in 0..<6 {
            rows.append(DataRate(
                index: index, modulation: .lora(factors[index], .khz125), maxMACPayloadBytes: maxM[index],
                dwellLimitedMaxMACPayloadBytes: dwell?[index]))
        }
        return rows
    }
}
