import LoRaPHY

extension RegionalPlan {
    /// AS923 groups 1-4 (RP002-1.0.4 "AS923MHz ISM Band"): one plan shifted by
    /// AS923_FREQ_OFFSET per group; each group's country band bounds its TX range.
    static func as923(group: Int) -> RegionalPlan {
        // "AS923 Channel Frequencies": AS923_FREQ_OFFSET per group, and the band each covers.
        let offsetHz: UInt32
        let range: FrequencyRange
        let id: RegionID
        switch group {
        case 2:
            (id, offsetHz, range) = (.as923_2, 1_800_000, FrequencyRange(lowerHz: 920_000_000, upperHz: 923_000_000))
        case 3:
            (id, offsetHz, range) = (.as923_3, 6_600_000, FrequencyRange(lowerHz: 915_000_000, upperHz: 921_000_000))
        case 4:
            (id, offsetHz, range) = (.as923_4, 5_900_000, FrequencyRange(lowerHz: 917_000_000, upperHz: 920_000_000))
        default:
            (id, offsetHz, range) = (.as923_1, 0, FrequencyRange(lowerHz: 915_000_000, upperHz: 928_000_000))
        }
        let channel0 = 923_200_000 - offsetHz
        let channel1 = 923_400_000 - offsetHz
        // "AS923 Data Rate and End-device Output Power Encoding"; M from "AS923
        // Maximum Payload Size" (not repeater compatible) with the 400 ms column.
        var rates = DataRate.sf12to7at125([59, 59, 123, 123, 250, 250], dwell: [nil, nil, 19, 61, 133, 250])
        rates.append(DataRate(index: 6, modulation: .lora(.sf7, .khz250), maxMACPayloadBytes: 250, dwellLimitedMaxMACPayloadBytes: 250))
        rates.append(DataRate(index: 7, modulation: .fsk(bitsPerSecond: 50_000), maxMACPayloadBytes: 250, dwellLimitedMaxMACPayloadBytes: 250))
        var plan = RegionalPlan(
            id: id, displayName: "AS923-\(group)", source: "RP002-1.0.4, AS923MHz ISM Band (group \(group))",
            dataRates: rates,
            uplinkChannels: .dynamic(
                defaults: [
                    Channel(index: 0, frequencyHz: channel0, minDataRate: 0, maxDataRate: 5),
                    Channel(index: 1, frequencyHz: channel1, minDataRate: 0, maxDataRate: 5),
                ], maxChannels: 16),
            rx1Frequency: .sameAsUplink,
            rx1DataRateTable: RegionalPlan.as923RX1Table(minimum: 0),
            rx1DataRateTableDownlinkDwell: RegionalPlan.as923RX1Table(minimum: 2),
            // "AS923 Receive Windows": RX2 923.2 MHz − offset at DR2 (DR2 fits the dwell limit).
            rx2FrequencyHz: channel0, rx2DataRate: 2,
            receiveDelay1Seconds: 1, receiveDelay2Seconds: 2, joinAcceptDelay1Seconds: 5, joinAcceptDelay2Seconds: 6,
            // "AS923 TXPower": Max EIRP 16 dBm by default.
            maxEIRPdBm: 16, defaultTxPowerDBm: 14,
            txFrequencyRanges: [range],
            dutyCycleBands: [],
            // "AS923 ... TxParamSetupReq": devices start with the 400 ms limits on
            // (join at DR2 or faster) until the network lifts them where local rules allow.
            dwellTimeLimits: [
                DwellTimeLimit(limitMillis: 400, uplink: true, downlink: true, enabledByDefault: true,
                               note: "on until TxParamSetupReq clears UplinkDwellTime/DownlinkDwellTime (required in Japan)"),
            ],
            listenBeforeTalk: group == 1 ? "required in Japan (ARIB STD-T108) on AS923-1 channels" : nil,
            singleChannel: .placeholder)
        plan.setSingleChannel(
            frequencyHz: channel0, dataRate: 5,
            rationale: "\(FrequencyText.megahertz(channel0)) MHz is default channel 0 of AS923-\(group), "
                + "which every device has from power-up.")
        return plan
    }

    /// "AS923 downlink RX1 data rate mapping": min(7, max(minimum, DR − Effective_RX1DROffset))
    /// with offsets 6/7 meaning one/two DRs up; minimum DR2 when DownlinkDwellTime = 1
    /// (RP002-1.0.5 §3.10.7: DR5 with offset 6 answers at DR6).
    static func as923RX1Table(minimum: Int) -> [[Int]] {
        var table: [[Int]] = []
        for dr in 0...7 {
            var row: [Int] = []
            for effective in RX1Tables.effectiveOffsets { row.append(min(7, max(minimum, dr - effective))) }
            table.append(row)
        }
        return table
    }
}
