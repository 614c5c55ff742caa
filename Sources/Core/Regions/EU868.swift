import LoRaPHY

extension RegionalPlan {
    /// EU863-870 (RP002-1.0.4 "EU863-870MHz ISM Band"; subsections cited by title).
    static func eu868() -> RegionalPlan {
        // "EU863-870 Data Rate and End-device Output Power Encoding"; M from
        // "EU863-870 Maximum Payload Size" (not repeater compatible).
        var rates = DataRate.sf12to7at125([59, 59, 59, 123, 250, 250])
        rates.append(DataRate(index: 6, modulation: .lora(.sf7, .khz250), maxMACPayloadBytes: 250))
        rates.append(DataRate(index: 7, modulation: .fsk(bitsPerSecond: 50_000), maxMACPayloadBytes: 250))
        // DR8-11 LR-FHSS (RP002-1.0.1 on), uplink only.
        rates.append(DataRate(index: 8, modulation: .lrFHSS(codingRate: "1/3", occupiedChannelWidthHz: 137_000), downlink: false, maxMACPayloadBytes: 58))
        rates.append(DataRate(index: 9, modulation: .lrFHSS(codingRate: "2/3", occupiedChannelWidthHz: 137_000), downlink: false, maxMACPayloadBytes: 123))
        rates.append(DataRate(index: 10, modulation: .lrFHSS(codingRate: "1/3", occupiedChannelWidthHz: 336_000), downlink: false, maxMACPayloadBytes: 58))
        rates.append(DataRate(index: 11, modulation: .lrFHSS(codingRate: "2/3", occupiedChannelWidthHz: 336_000), downlink: false, maxMACPayloadBytes: 123))
        var plan = RegionalPlan(
            id: .eu868, displayName: "EU863-870", source: "RP002-1.0.4, EU863-870MHz ISM Band",
            dataRates: rates,
            // "EU863-870 Channel Frequencies": three default channels every device has, DR0-5; up to 16 in all.
            uplinkChannels: .dynamic(
                defaults: [
                    Channel(index: 0, frequencyHz: 868_100_000, minDataRate: 0, maxDataRate: 5),
                    Channel(index: 1, frequencyHz: 868_300_000, minDataRate: 0, maxDataRate: 5),
                    Channel(index: 2, frequencyHz: 868_500_000, minDataRate: 0, maxDataRate: 5),
                ], maxChannels: 16),
            // "EU863-870 Receive Windows": RX1 on the uplink channel, DR = max(0, DR − RX1DROffset), offsets 0-5.
            rx1Frequency: .sameAsUplink,
            rx1DataRateTable: RX1Tables.subtractive(uplinkDataRates: [0, 1, 2, 3, 4, 5, 6, 7], offsets: 6),
            rx1DataRateTableDownlinkDwell: nil,
            // "EU863-870 Receive Windows": RX2 869.525 MHz DR0.
            rx2FrequencyHz: 869_525_000, rx2DataRate: 0,
            // "EU863-870 Default Settings".
            receiveDelay1Seconds: 1, receiveDelay2Seconds: 2, joinAcceptDelay1Seconds: 5, joinAcceptDelay2Seconds: 6,
            // "EU863-870 TXPower": by default Max EIRP is +16 dBm.
            maxEIRPdBm: 16, defaultTxPowerDBm: 14,
            // "EU863-870 ISM Band": 863-870 MHz.
            txFrequencyRanges: [FrequencyRange(lowerHz: 863_000_000, upperHz: 870_000_000)],
            // ETSI EN 300 220-2 / ERC Rec 70-03 Annex 1 sub-bands LoRaWAN uses (RP002
            // defers to them); boundaries as LoRaMac-node's RegionEU868 applies them.
            // "g0" is the 863-865 MHz part of EN 300 220's band g, limited to 0.1 %.
            dutyCycleBands: [
                DutyCycleBand(name: "g0", range: FrequencyRange(lowerHz: 863_000_000, upperHz: 864_999_999), dutyCyclePPM: 1_000),
                DutyCycleBand(name: "g", range: FrequencyRange(lowerHz: 865_000_000, upperHz: 868_000_000), dutyCyclePPM: 10_000),
                DutyCycleBand(name: "g1", range: FrequencyRange(lowerHz: 868_000_001, upperHz: 868_600_000), dutyCyclePPM: 10_000),
                DutyCycleBand(name: "g2", range: FrequencyRange(lowerHz: 868_700_000, upperHz: 869_200_000), dutyCyclePPM: 1_000),
                DutyCycleBand(name: "g3", range: FrequencyRange(lowerHz: 869_400_000, upperHz: 869_650_000), dutyCyclePPM: 100_000),
                DutyCycleBand(name: "g4", range: FrequencyRange(lowerHz: 869_700_000, upperHz: 870_000_000), dutyCyclePPM: 10_000),
            ],
            dwellTimeLimits: [], listenBeforeTalk: nil,
            singleChannel: .placeholder)
        // Seed 000's config.py puts the gateway on 868.5 MHz but its node setup
        // pins devices to 868.1 MHz: they would never meet. 868.1 MHz (channel 0)
        // is the first default channel every EU868 device has from power-up, so
        // even an unconfigured device's join requests reach it.
        plan.setSingleChannel(
            frequencyHz: 868_100_000, dataRate: 5,
            rationale: "868.1 MHz is default channel 0, which every EU868 device has from power-up "
                + "(the seed's 868.5 MHz gateway did not match its own 868.1 MHz node setup).")
        // The 863-870 MHz range and the sub-bands are band edges (ETSI EN 300 220):
        // a downlink's whole occupied channel must lie inside them.
        plan.txRangesAreBandEdges = true
        return plan
    }
}

extension SingleChannelSetup {
    /// Filled in by `setSingleChannel` once the plan exists.
    static let placeholder = SingleChannelSetup(
        frequencyHz: 0, dataRate: 0, rationale: "",
        node: NodeChannelSetup(
            channelsToSet: [], channelsToDisable: [], dataRate: 0, adrEnabled: false,
            rx1: RX1Window(frequencyHz: 0, dataRate: 0), instructions: [], pycomExample: []))
}
