import LoRaPHY
import Regions
import Testing

/// US902-928 and AU915-928 against RP002-1.0.4.
@Suite struct US915Tests {
    let plan = RegionID.us915.plan

    @Test func uplinkChannelGrid() {
        let channels = plan.defaultUplinkChannelList
        #expect(channels.count == 72)
        #expect(channels[0].frequencyHz == 902_300_000)
        #expect(channels[1].frequencyHz == 902_500_000)
        #expect(channels[8].frequencyHz == 903_900_000)
        #expect(channels[63].frequencyHz == 914_900_000)
        #expect(channels[64].frequencyHz == 903_000_000)
        #expect(channels[71].frequencyHz == 914_200_000)
        #expect(channels[0].maxDataRate == 3)
        #expect(channels[64].minDataRate == 4 && channels[64].maxDataRate == 4)
        #expect(plan.uplinkChannel(frequencyHz: 903_900_000)?.index == 8)
        #expect(plan.uplinkChannel(frequencyHz: 904_000_000) == nil)
        #expect(plan.uplinkChannel(index: 65)?.frequencyHz == 904_600_000)
    }

    @Test func dataRates() {
        #expect(plan.dataRate(index: 0)?.modulation == .lora(.sf10, .khz125))
        #expect(plan.dataRate(index: 3)?.modulation == .lora(.sf7, .khz125))
        #expect(plan.dataRate(index: 4)?.modulation == .lora(.sf8, .khz500))
        #expect(plan.dataRate(index: 8)?.modulation == .lora(.sf12, .khz500))
        #expect(plan.dataRate(index: 13)?.modulation == .lora(.sf7, .khz500))
        #expect(plan.dataRate(index: 7) == nil)
        #expect(plan.dataRate(index: 14) == nil)
        #expect(plan.dataRateIndex(spreadingFactor: .sf7, bandwidth: .khz125) == 3)
        #expect(plan.dataRateIndex(spreadingFactor: .sf8, bandwidth: .khz500) == 4)
        #expect(plan.dataRateIndex(spreadingFactor: .sf8, bandwidth: .khz500, direction: .downlink) == 12)
        #expect(plan.dataRateIndex(spreadingFactor: .sf12, bandwidth: .khz125) == nil)
        #expect(plan.dataRateIndex(spreadingFactor: .sf7, bandwidth: .khz500) == nil)
        let m = [0, 1, 2, 3, 4, 8, 9, 10, 13].map { plan.dataRate(index: $0)?.maxMACPayloadBytes }
        #expect(m == [19, 61, 133, 250, 250, 61, 137, 250, 250])
    }

    @Test(arguments: [
        // (uplink MHz in Hz, RX1 Hz): 923.3 + (channel mod 8) × 0.6 MHz
        (UInt32(902_300_000), UInt32(923_300_000)), (902_500_000, 923_900_000), (903_700_000, 927_500_000),
        (903_900_000, 923_300_000), (904_100_000, 923_900_000), (914_900_000, 927_500_000),
        (903_000_000, 923_300_000), (904_600_000, 923_900_000), (914_200_000, 927_500_000),
    ])
    func rx1Frequency(uplinkHz: UInt32, rx1Hz: UInt32) throws {
        #expect(try plan.rx1(uplinkFrequencyHz: uplinkHz, uplinkDataRate: 0).frequencyHz == rx1Hz)
    }

    @Test func rx1DataRateTable() throws {
        let rows: [[Int]] = [[10, 9, 8, 8], [11, 10, 9, 8], [12, 11, 10, 9], [13, 12, 11, 10], [13, 13, 12, 11]]
        for (dr, row) in rows.enumerated() {
            for (offset, expected) in row.enumerated() {
                let frequency: UInt32 = dr == 4 ? 903_000_000 : 902_300_000
                let window = try plan.rx1(uplinkFrequencyHz: frequency, uplinkDataRate: dr, rx1DROffset: offset)
                #expect(window.dataRate == expected, "DR\(dr) offset \(offset)")
            }
        }
        #expect(plan.rx1DROffsetRange == 0...3)
        #expect(throws: RegionError.self) { try plan.rx1(uplinkFrequencyHz: 902_300_000, uplinkDataRate: 3, rx1DROffset: 4) }
        #expect(throws: RegionError.self) { try plan.rx1(uplinkFrequencyHz: 902_300_000, uplinkDataRate: 8) }
    }

    @Test func rx1NeedsAKnownUplinkChannel() {
        do {
            _ = try plan.rx1(uplinkFrequencyHz: 868_100_000, uplinkDataRate: 3)
            Issue.record("868.1 MHz is not a US915 channel")
        } catch {
            #expect(error.message == "868.1 MHz is not a US915 uplink channel")
        }
    }

    @Test func rx2DelaysPowerAndDwell() {
        #expect(plan.rx2FrequencyHz == 923_300_000)
        #expect(plan.rx2DataRate == 8)
        #expect(plan.joinAcceptDelay1Seconds == 5 && plan.joinAcceptDelay2Seconds == 6)
        #expect(plan.maxEIRPdBm == 30)
        #expect(plan.defaultUplinkDwellLimitMillis == 400)
        #expect(!plan.defaultDownlinkDwellTime)
        #expect(plan.dutyCycleBands.isEmpty)
        #expect(plan.dutyCycleBand(frequencyHz: 923_300_000) == nil)
        #expect(plan.isAllowedTransmit(frequencyHz: 923_300_000))
        #expect(plan.isAllowedTransmit(frequencyHz: 927_500_000))
        #expect(plan.isAllowedTransmit(frequencyHz: 902_000_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 928_000_001))
        #expect(!plan.isAllowedTransmit(frequencyHz: 868_100_000))
    }
}

@Suite struct AU915Tests {
    let plan = RegionID.au915.plan

    @Test func uplinkChannelGrid() {
        let channels = plan.defaultUplinkChannelList
        #expect(channels.count == 72)
        #expect(channels[0].frequencyHz == 915_200_000)
        #expect(channels[8].frequencyHz == 916_800_000)
        #expect(channels[63].frequencyHz == 927_800_000)
        #expect(channels[64].frequencyHz == 915_900_000)
        #expect(channels[71].frequencyHz == 927_100_000)
        #expect(channels[0].maxDataRate == 5)
        #expect(channels[64].minDataRate == 6)
    }

    @Test func dataRates() {
        #expect(plan.dataRate(index: 0)?.modulation == .lora(.sf12, .khz125))
        #expect(plan.dataRate(index: 5)?.modulation == .lora(.sf7, .khz125))
        #expect(plan.dataRate(index: 6)?.modulation == .lora(.sf8, .khz500))
        #expect(plan.dataRate(index: 8)?.modulation == .lora(.sf12, .khz500))
        #expect(plan.dataRate(index: 13)?.modulation == .lora(.sf7, .khz500))
        #expect(plan.dataRateIndex(spreadingFactor: .sf7, bandwidth: .khz125) == 5)
        // 400 ms dwell: DR0/DR1 cannot be used, DR2 carries 19 bytes.
        #expect(plan.dataRate(index: 0)?.dwellLimitedMaxMACPayloadBytes == nil)
        #expect(plan.dataRate(index: 2)?.dwellLimitedMaxMACPayloadBytes == 19)
        #expect(plan.dataRate(index: 2)?.maxMACPayloadBytes == 59)
    }

    @Test func rx1Table() throws {
        let rows: [[Int]] = [
            [8, 8, 8, 8, 8, 8], [9, 8, 8, 8, 8, 8], [10, 9, 8, 8, 8, 8], [11, 10, 9, 8, 8, 8],
            [12, 11, 10, 9, 8, 8], [13, 12, 11, 10, 9, 8], [13, 13, 12, 11, 10, 9],
        ]
        for (dr, row) in rows.enumerated() {
            for (offset, expected) in row.enumerated() {
                let frequency: UInt32 = dr == 6 ? 915_900_000 : 916_800_000
                #expect(try plan.rx1(uplinkFrequencyHz: frequency, uplinkDataRate: dr, rx1DROffset: offset).dataRate == expected)
            }
        }
        #expect(try plan.rx1(uplinkFrequencyHz: 916_800_000, uplinkDataRate: 5).frequencyHz == 923_300_000)
        #expect(try plan.rx1(uplinkFrequencyHz: 917_000_000, uplinkDataRate: 5).frequencyHz == 923_900_000)
        #expect(try plan.rx1(uplinkFrequencyHz: 917_500_000, uplinkDataRate: 6).frequencyHz == 923_900_000)
    }

    @Test func rx2PowerRange() {
        #expect(plan.rx2FrequencyHz == 923_300_000 && plan.rx2DataRate == 8)
        #expect(plan.maxEIRPdBm == 30)
        #expect(plan.isAllowedTransmit(frequencyHz: 915_000_000))
        #expect(plan.isAllowedTransmit(frequencyHz: 928_000_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 914_900_000))
        #expect(plan.defaultUplinkDwellLimitMillis == nil)
        #expect(plan.dwellTimeLimits.first?.limitMillis == 400)
    }
}

@Suite struct CN470Tests {
    let plan = RegionID.cn470.plan

    @Test func channelsAndRX1() throws {
        let channels = plan.defaultUplinkChannelList
        #expect(channels.count == 96)
        #expect(channels[0].frequencyHz == 470_300_000)
        #expect(channels[95].frequencyHz == 489_300_000)
        #expect(try plan.rx1(uplinkFrequencyHz: 470_300_000, uplinkDataRate: 5) == RX1Window(frequencyHz: 500_300_000, dataRate: 5))
        // Channel 47 (479.7 MHz) answers on downlink channel 47, 509.7 MHz.
        #expect(try plan.rx1(uplinkFrequencyHz: 479_700_000, uplinkDataRate: 3, rx1DROffset: 1) == RX1Window(frequencyHz: 509_700_000, dataRate: 2))
        // Channel 48 (479.9 MHz) wraps to downlink channel 0.
        #expect(try plan.rx1(uplinkFrequencyHz: 479_900_000, uplinkDataRate: 2, rx1DROffset: 3) == RX1Window(frequencyHz: 500_300_000, dataRate: 0))
        #expect(plan.rx2FrequencyHz == 505_300_000 && plan.rx2DataRate == 0)
        #expect(plan.maxEIRPdBm == 19.15)
        #expect(plan.isAllowedTransmit(frequencyHz: 500_300_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 510_000_001))
    }
}
