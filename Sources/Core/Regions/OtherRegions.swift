import LoRaPHY

extension RegionalPlan {
    /// IN865-867 (RP002-1.0.4 "IN865-867MHz ISM Band").
    static func in865() -> RegionalPlan {
        // "IN865-867 Data Rate and End-device Output Power Encoding": DR6 is RFU.
        var rates = DataRate.sf12to7at125([59, 59, 59, 123, 250, 250])
        rates.append(DataRate(index: 7, modulation: .fsk(bitsPerSecond: 50_000), maxMACPayloadBytes: 250))
        var plan = RegionalPlan(
            id: .in865, displayName: "IN865-867", source: "RP002-1.0.4, IN865-867MHz ISM Band",
            dataRates: rates,
            uplinkChannels: .dynamic(
                defaults: [
                    Channel(index: 0, frequencyHz: 865_062_500, minDataRate: 0, maxDataRate: 5),
                    Channel(index: 1, frequencyHz: 865_402_500, minDataRate: 0, maxDataRate: 5),
                    Channel(index: 2, frequencyHz: 865_985_000, minDataRate: 0, maxDataRate: 5),
                ], maxChannels: 16),
            rx1Frequency: .sameAsUplink,
            rx1DataRateTable: RegionalPlan.in865RX1Table(),
            rx1DataRateTableDownlinkDwell: nil,
            rx2FrequencyHz: 866_550_000, rx2DataRate: 2,
            receiveDelay1Seconds: 1, receiveDelay2Seconds: 2, joinAcceptDelay1Seconds: 5, joinAcceptDelay2Seconds: 6,
            // "IN865-867 TXPower": Max EIRP 30 dBm (RP002-1.0.5 lowers the default to 29.2 dBm).
            maxEIRPdBm: 30, defaultTxPowerDBm: 20,
            txFrequencyRanges: [FrequencyRange(lowerHz: 865_000_000, upperHz: 867_000_000)],
            dutyCycleBands: [], dwellTimeLimits: [], listenBeforeTalk: nil,
            singleChannel: .placeholder)
        // Seed 000's config.py IN865 setting: 865.0625 MHz, SF7BW125 (DR5).
        plan.setSingleChannel(
            frequencyHz: 865_062_500, dataRate: 5,
            rationale: "865.0625 MHz is default channel 0 (seed 000's IN865 setting).")
        return plan
    }

    /// "IN865-867 downlink RX1 data rate mapping", offsets 0-7 (6/7 = one/two DRs up).
    /// DR6 is RFU, so a result of DR6 becomes DR5 (e.g. DR7 with offset 1 → DR5).
    static func in865RX1Table() -> [[Int]] {
        var table: [[Int]] = []
        for dr in 0...7 {
            guard dr != 6 else {
                table.append([])
                continue
            }
            var row: [Int] = []
            for effective in RX1Tables.effectiveOffsets {
                let value = min(7, max(0, dr - effective))
                row.append(value == 6 ? 5 : value)
            }
            table.append(row)
        }
        return table
    }

    /// KR920-923 (RP002-1.0.4 "KR920-923MHz ISM Band").
    static func kr920() -> RegionalPlan {
        var plan = RegionalPlan(
            id: .kr920, displayName: "KR920-923", source: "RP002-1.0.4, KR920-923MHz ISM Band",
            dataRates: DataRate.sf12to7at125([59, 59, 59, 123, 250, 250]),
            uplinkChannels: .dynamic(
                defaults: [
                    Channel(index: 0, frequencyHz: 922_100_000, minDataRate: 0, maxDataRate: 5),
                    Channel(index: 1, frequencyHz: 922_300_000, minDataRate: 0, maxDataRate: 5),
                    Channel(index: 2, frequencyHz: 922_500_000, minDataRate: 0, maxDataRate: 5),
                ], maxChannels: 16),
            rx1Frequency: .sameAsUplink,
            rx1DataRateTable: RX1Tables.subtractive(uplinkDataRates: [0, 1, 2, 3, 4, 5], offsets: 6),
            rx1DataRateTableDownlinkDwell: nil,
            rx2FrequencyHz: 921_900_000, rx2DataRate: 0,
            receiveDelay1Seconds: 1, receiveDelay2Seconds: 2, joinAcceptDelay1Seconds: 5, joinAcceptDelay2Seconds: 6,
            // "KR920-923 TXPower": Max EIRP 14 dBm by default.
            maxEIRPdBm: 14, defaultTxPowerDBm: 12,
            txFrequencyRanges: [FrequencyRange(lowerHz: 920_900_000, upperHz: 923_300_000)],
            dutyCycleBands: [], dwellTimeLimits: [],
            listenBeforeTalk: "required by Korean regulation before every transmission",
            singleChannel: .placeholder)
        plan.setSingleChannel(
            frequencyHz: 922_100_000, dataRate: 5,
            rationale: "922.1 MHz is default channel 0, which every KR920 device has from power-up.")
        return plan
    }

    /// CN470-510, the classic 96-channel plan (LoRaWAN Regional Parameters
    /// v1.0.3revA §2.7; RP002-1.0.1 replaced it with four 20/26 MHz variants,
    /// which Lorikeet does not model).
    static func cn470() -> RegionalPlan {
        var plan = RegionalPlan(
            id: .cn470, displayName: "CN470-510", source: "LoRaWAN Regional Parameters v1.0.3revA §2.7 (CN470-510, 96 channels)",
            dataRates: DataRate.sf12to7at125([59, 59, 59, 123, 250, 250]),
            // §2.7.2: 96 uplink channels from 470.3 MHz by 200 kHz, DR0-5.
            uplinkChannels: .fixed([
                ChannelBlock(firstIndex: 0, count: 96, firstFrequencyHz: 470_300_000, stepHz: 200_000, minDataRate: 0, maxDataRate: 5, bandwidthLabel: "125 kHz"),
            ]),
            // §2.7.7: RX1 on downlink channel (uplink channel mod 48), 500.3 MHz + k × 200 kHz.
            rx1Frequency: .downlinkChannels(firstHz: 500_300_000, stepHz: 200_000, count: 48),
            rx1DataRateTable: RX1Tables.subtractive(uplinkDataRates: [0, 1, 2, 3, 4, 5], offsets: 6),
            rx1DataRateTableDownlinkDwell: nil,
            rx2FrequencyHz: 505_300_000, rx2DataRate: 0,
            receiveDelay1Seconds: 1, receiveDelay2Seconds: 2, joinAcceptDelay1Seconds: 5, joinAcceptDelay2Seconds: 6,
            // §2.7.3: Max EIRP 19.15 dBm by default.
            maxEIRPdBm: 19.15, defaultTxPowerDBm: 17,
            txFrequencyRanges: [FrequencyRange(lowerHz: 470_000_000, upperHz: 510_000_000)],
            dutyCycleBands: [], dwellTimeLimits: [], listenBeforeTalk: nil,
            singleChannel: .placeholder)
        plan.setSingleChannel(
            frequencyHz: 470_300_000, dataRate: 5,
            rationale: "470.3 MHz is channel 0; RX1 answers on downlink channel 0, 500.3 MHz.")
        return plan
    }

    /// EU433 (RP002-1.0.4 "EU433MHz ISM Band").
    static func eu433() -> RegionalPlan {
        var plan = RegionalPlan.euStyle(
            id: .eu433, displayName: "EU433", source: "RP002-1.0.4, EU433MHz ISM Band",
            defaults: [433_175_000, 433_375_000, 433_575_000],
            rx2FrequencyHz: 434_665_000, maxEIRPdBm: 12.15, defaultTxPowerDBm: 10,
            range: FrequencyRange(lowerHz: 433_175_000, upperHz: 434_665_000))
        // RP002 leaves the limit to ETSI; LoRaMac-node's RegionEU433 applies 1 % to the band.
        plan.dutyCycleBands = [DutyCycleBand(name: "EU433", range: plan.txFrequencyRanges[0], dutyCyclePPM: 10_000)]
        plan.setSingleChannel(
            frequencyHz: 433_175_000, dataRate: 5,
            rationale: "433.175 MHz is default channel 0, which every EU433 device has from power-up.")
        return plan
    }

    /// RU864-870 (RP002-1.0.4 "RU864-870MHz ISM Band").
    static func ru864() -> RegionalPlan {
        var plan = RegionalPlan.euStyle(
            id: .ru864, displayName: "RU864-870", source: "RP002-1.0.4, RU864-870MHz ISM Band",
            defaults: [868_900_000, 869_100_000],
            rx2FrequencyHz: 869_100_000, maxEIRPdBm: 16, defaultTxPowerDBm: 14,
            range: FrequencyRange(lowerHz: 864_000_000, upperHz: 870_000_000))
        // RP002 leaves the limit to Russian regulation; LoRaMac-node's RegionRU864 applies 1 %.
        plan.dutyCycleBands = [DutyCycleBand(name: "RU864", range: plan.txFrequencyRanges[0], dutyCyclePPM: 10_000)]
        plan.setSingleChannel(
            frequencyHz: 868_900_000, dataRate: 5,
            rationale: "868.9 MHz is default channel 0, which every RU864 device has from power-up.")
        return plan
    }

    /// The EU868 pattern (DR0-5 SF12-7/125, DR6 SF7/250, DR7 FSK, RX2 at DR0,
    /// RX1 DR = max(0, DR − offset) with offsets 0-5) that EU433 and RU864 share.
    static func euStyle(
        id: RegionID, displayName: String, source: String, defaults: [UInt32], rx2FrequencyHz: UInt32,
        maxEIRPdBm: Double, defaultTxPowerDBm: Int, range: FrequencyRange
    ) -> RegionalPlan {
        var rates = DataRate.sf12to7at125([59, 59, 59, 123, 250, 250])
        rates.append(DataRate(index: 6, modulation: .lora(.sf7, .khz250), maxMACPayloadBytes: 250))
        rates.append(DataRate(index: 7, modulation: .fsk(bitsPerSecond: 50_000), maxMACPayloadBytes: 250))
        var channels: [Channel] = []
        for (index, frequency) in defaults.enumerated() {
            channels.append(Channel(index: index, frequencyHz: frequency, minDataRate: 0, maxDataRate: 5))
        }
        return RegionalPlan(
            id: id, displayName: displayName, source: source, dataRates: rates,
            uplinkChannels: .dynamic(defaults: channels, maxChannels: 16),
            rx1Frequency: .sameAsUplink,
            rx1DataRateTable: RX1Tables.subtractive(uplinkDataRates: [0, 1, 2, 3, 4, 5, 6, 7], offsets: 6),
            rx1DataRateTableDownlinkDwell: nil,
            rx2FrequencyHz: rx2FrequencyHz, rx2DataRate: 0,
            receiveDelay1Seconds: 1, receiveDelay2Seconds: 2, joinAcceptDelay1Seconds: 5, joinAcceptDelay2Seconds: 6,
            maxEIRPdBm: maxEIRPdBm, defaultTxPowerDBm: defaultTxPowerDBm,
            txFrequencyRanges: [range], dutyCycleBands: [], dwellTimeLimits: [], listenBeforeTalk: nil,
            singleChannel: .placeholder)
    }
}
