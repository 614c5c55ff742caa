import LoRaPHY

extension RegionalPlan {
    /// US902-928 (RP002-1.0.4 "US902-928MHz ISM Band").
    static func us915() -> RegionalPlan {
        // "US902-928 Data Rate and End-device Output Power Encoding" and
        // "US902-928 Maximum Payload Size" (not repeater compatible). DR0 M = 19
        // because of the 400 ms uplink dwell time. DR7 and DR14 are RFU.
        let rates: [DataRate] = [
            DataRate(index: 0, modulation: .lora(.sf10, .khz125), downlink: false, maxMACPayloadBytes: 19),
            DataRate(index: 1, modulation: .lora(.sf9, .khz125), downlink: false, maxMACPayloadBytes: 61),
            DataRate(index: 2, modulation: .lora(.sf8, .khz125), downlink: false, maxMACPayloadBytes: 133),
            DataRate(index: 3, modulation: .lora(.sf7, .khz125), downlink: false, maxMACPayloadBytes: 250),
            DataRate(index: 4, modulation: .lora(.sf8, .khz500), downlink: false, maxMACPayloadBytes: 250),
            DataRate(index: 5, modulation: .lrFHSS(codingRate: "1/3", occupiedChannelWidthHz: 1_523_000), downlink: false, maxMACPayloadBytes: 58),
            DataRate(index: 6, modulation: .lrFHSS(codingRate: "2/3", occupiedChannelWidthHz: 1_523_000), downlink: false, maxMACPayloadBytes: 133),
            DataRate(index: 8, modulation: .lora(.sf12, .khz500), uplink: false, maxMACPayloadBytes: 61),
            DataRate(index: 9, modulation: .lora(.sf11, .khz500), uplink: false, maxMACPayloadBytes: 137),
            DataRate(index: 10, modulation: .lora(.sf10, .khz500), uplink: false, maxMACPayloadBytes: 250),
            DataRate(index: 11, modulation: .lora(.sf9, .khz500), uplink: false, maxMACPayloadBytes: 250),
            DataRate(index: 12, modulation: .lora(.sf8, .khz500), uplink: false, maxMACPayloadBytes: 250),
            DataRate(index: 13, modulation: .lora(.sf7, .khz500), uplink: false, maxMACPayloadBytes: 250),
        ]
        var plan = RegionalPlan(
            id: .us915, displayName: "US902-928", source: "RP002-1.0.4, US902-928MHz ISM Band",
            dataRates: rates,
            // "US902-928 Channel Frequencies": 64 × 125 kHz from 902.3 MHz by 200 kHz
            // (DR0-3), 8 × 500 kHz from 903.0 MHz by 1.6 MHz (DR4).
            uplinkChannels: .fixed([
                ChannelBlock(firstIndex: 0, count: 64, firstFrequencyHz: 902_300_000, stepHz: 200_000, minDataRate: 0, maxDataRate: 3, bandwidthLabel: "125 kHz"),
                ChannelBlock(firstIndex: 64, count: 8, firstFrequencyHz: 903_000_000, stepHz: 1_600_000, minDataRate: 4, maxDataRate: 4, bandwidthLabel: "500 kHz"),
            ]),
            // "US902-928 Receive Windows": RX1 channel = uplink channel mod 8 on the
            // eight 500 kHz downlink channels 923.3 MHz + k × 600 kHz.
            rx1Frequency: .downlinkChannels(firstHz: 923_300_000, stepHz: 600_000, count: 8),
            // "US902-928 downlink RX1 data rate mapping", RX1DROffset 0-3
            // (DR5/DR6 LR-FHSS rows from RP002-1.0.1 on).
            rx1DataRateTable: [
                [10, 9, 8, 8],
                [11, 10, 9, 8],
                [12, 11, 10, 9],
                [13, 12, 11, 10],
                [13, 13, 12, 11],
                [10, 9, 8, 8],
                [11, 10, 9, 8],
            ],
            rx1DataRateTableDownlinkDwell: nil,
            rx2FrequencyHz: 923_300_000, rx2DataRate: 8,
            receiveDelay1Seconds: 1, receiveDelay2Seconds: 2, joinAcceptDelay1Seconds: 5, joinAcceptDelay2Seconds: 6,
            // "US902-928 TXPower": TXPower 0 = 30 dBm (conducted; FCC Part 15.247
            // allows 1 W with up to 6 dBi antenna gain).
            maxEIRPdBm: 30, defaultTxPowerDBm: 20,
            txFrequencyRanges: [FrequencyRange(lowerHz: 902_000_000, upperHz: 928_000_000)],
            dutyCycleBands: [],
            // "US902-928 Channel Frequencies": uplinks are limited to 400 ms (FCC
            // frequency-hopping rules); 500 kHz downlinks are digitally modulated
            // and not dwell-limited.
            dwellTimeLimits: [
                DwellTimeLimit(limitMillis: 400, uplink: true, downlink: false, enabledByDefault: true,
                               note: "FCC Part 15.247: every uplink at most 400 ms on air (why DR0 carries only 11 bytes)"),
            ],
            listenBeforeTalk: nil,
            singleChannel: .placeholder)
        // Channel 8 = 903.9 MHz, the first channel of sub-band 2 that The Things
        // Network and most US915 networks use; DR3 = SF7BW125 (seed 000's US915 setting).
        plan.setSingleChannel(
            frequencyHz: 903_900_000, dataRate: 3,
            rationale: "903.9 MHz is channel 8, the first channel of sub-band 2 (channels 8-15), "
                + "the sub-band The Things Network uses in the US.")
        return plan
    }
}
