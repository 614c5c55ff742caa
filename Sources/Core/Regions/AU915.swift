import LoRaPHY

extension RegionalPlan {
    /// AU915-928 (RP002-1.0.4 "AU915-928MHz ISM Band").
    static func au915() -> RegionalPlan {
        // "AU915-928 Data Rate and End-device Output Power Encoding"; M from
        // "AU915-928 Maximum Payload Size" (not repeater compatible), with the
        // UplinkDwellTime = 1 column (DR0/DR1 unusable then).
        var rates = DataRate.sf12to7at125([59, 59, 59, 123, 250, 250], dwell: [nil, nil, 19, 61, 133, 250])
        rates.append(DataRate(index: 6, modulation: .lora(.sf8, .khz500), downlink: false, maxMACPayloadBytes: 250, dwellLimitedMaxMACPayloadBytes: 250))
        rates.append(DataRate(index: 7, modulation: .lrFHSS(codingRate: "1/3", occupiedChannelWidthHz: 1_523_000), downlink: false, maxMACPayloadBytes: 58))
        let downlinkM = [61, 137, 250, 250, 250, 250]
        let factors: [SpreadingFactor] = [.sf12, .sf11, .sf10, .sf9, .sf8, .sf7]
        for offset in 0..<6 {
            // Devices enforce only the no-dwell downlink sizes ("AU915-928 Maximum Payload Size").
            rates.append(DataRate(
                index: 8 + offset, modulation: .lora(factors[offset], .khz500), uplink: false,
                maxMACPayloadBytes: downlinkM[offset], dwellLimitedMaxMACPayloadBytes: downlinkM[offset]))
        }
        var plan = RegionalPlan(
            id: .au915, displayName: "AU915-928", source: "RP002-1.0.4, AU915-928MHz ISM Band",
            dataRates: rates,
            // "AU915-928 Channel Frequencies": 64 × 125 kHz from 915.2 MHz by 200 kHz
            // (DR0-5), 8 × 500 kHz from 915.9 MHz by 1.6 MHz (DR6).
            uplinkChannels: .fixed([
                ChannelBlock(firstIndex: 0, count: 64, firstFrequencyHz: 915_200_000, stepHz: 200_000, minDataRate: 0, maxDataRate: 5, bandwidthLabel: "125 kHz"),
                ChannelBlock(firstIndex: 64, count: 8, firstFrequencyHz: 915_900_000, stepHz: 1_600_000, minDataRate: 6, maxDataRate: 6, bandwidthLabel: "500 kHz"),
            ]),
            // "AU915-928 Receive Windows": like US915, 923.3 MHz + (ch mod 8) × 600 kHz.
            rx1Frequency: .downlinkChannels(firstHz: 923_300_000, stepHz: 600_000, count: 8),
            // "AU915-928 downlink RX1 data rate mapping", RX1DROffset 0-5.
            rx1DataRateTable: [
                [8, 8, 8, 8, 8, 8],
                [9, 8, 8, 8, 8, 8],
                [10, 9, 8, 8, 8, 8],
                [11, 10, 9, 8, 8, 8],
                [12, 11, 10, 9, 8, 8],
                [13, 12, 11, 10, 9, 8],
                [13, 13, 12, 11, 10, 9],
                [9, 8, 8, 8, 8, 8],
            ],
            rx1DataRateTableDownlinkDwell: nil,
            rx2FrequencyHz: 923_300_000, rx2DataRate: 8,
            receiveDelay1Seconds: 1, receiveDelay2Seconds: 2, joinAcceptDelay1Seconds: 5, joinAcceptDelay2Seconds: 6,
            // "AU915-928 TXPower": Max EIRP 30 dBm by default.
            maxEIRPdBm: 30, defaultTxPowerDBm: 20,
            txFrequencyRanges: [FrequencyRange(lowerHz: 915_000_000, upperHz: 928_000_000)],
            dutyCycleBands: [],
            dwellTimeLimits: [
                DwellTimeLimit(limitMillis: 400, uplink: true, downlink: false, enabledByDefault: false,
                               note: "only when the network sets UplinkDwellTime = 1 with TxParamSetupReq"),
            ],
            listenBeforeTalk: nil,
            singleChannel: .placeholder)
        // Channel 8 = 916.8 MHz, first channel of sub-band 2 (channels 8-15), the
        // sub-band The Things Network uses in Australia; DR5 = SF7BW125.
        plan.setSingleChannel(
            frequencyHz: 916_800_000, dataRate: 5,
            rationale: "916.8 MHz is channel 8, the first channel of sub-band 2 (channels 8-15), "
                + "the sub-band The Things Network uses in Australia.")
        return plan
    }
}
