import LoRaPHY
import Regions
import Testing

/// AS923, IN865, KR920, EU433 and RU864 against RP002-1.0.4.
@Suite struct AS923Tests {
    @Test(arguments: [
        (RegionID.as923_1, UInt32(923_200_000), UInt32(923_400_000), UInt32(915_000_000), UInt32(928_000_000)),
        (.as923_2, 921_400_000, 921_600_000, 920_000_000, 923_000_000),
        (.as923_3, 916_600_000, 916_800_000, 915_000_000, 921_000_000),
        (.as923_4, 917_300_000, 917_500_000, 917_000_000, 920_000_000),
    ])
    func groupsShiftByFrequencyOffset(id: RegionID, ch0: UInt32, ch1: UInt32, lower: UInt32, upper: UInt32) {
        let plan = id.plan
        #expect(plan.defaultUplinkChannelList.map(\.frequencyHz) == [ch0, ch1])
        #expect(plan.rx2FrequencyHz == ch0)
        #expect(plan.rx2DataRate == 2)
        #expect(plan.txFrequencyRanges == [FrequencyRange(lowerHz: lower, upperHz: upper)])
        #expect(plan.singleChannel.frequencyHz == ch0)
        #expect(plan.maxEIRPdBm == 16)
        #expect(plan.isAllowedTransmit(frequencyHz: ch0))
        #expect(!plan.isAllowedTransmit(frequencyHz: upper + 1))
    }

    @Test func dataRatesAndDwellPayload() {
        let plan = RegionID.as923_1.plan
        #expect(plan.dataRate(index: 6)?.modulation == .lora(.sf7, .khz250))
        #expect(plan.dataRate(index: 7)?.modulation == .fsk(bitsPerSecond: 50_000))
        let m = (0...7).map { plan.dataRate(index: $0)?.maxMACPayloadBytes }
        #expect(m == [59, 59, 123, 123, 250, 250, 250, 250])
        let dwell = (0...5).map { plan.dataRate(index: $0)?.dwellLimitedMaxMACPayloadBytes }
        #expect(dwell == [nil, nil, 19, 61, 133, 250])
        #expect(plan.defaultUplinkDwellLimitMillis == 400)
        #expect(plan.defaultDownlinkDwellTime)
    }

    @Test func rx1OffsetsIncludingUpwardOnes() throws {
        let plan = RegionID.as923_1.plan
        func dr(_ up: Int, _ offset: Int, dwell: Bool) throws -> Int {
            try plan.rx1(uplinkFrequencyHz: 923_200_000, uplinkDataRate: up, rx1DROffset: offset, downlinkDwellTime: dwell).dataRate
        }
        // DownlinkDwellTime = 0
        #expect(try dr(5, 0, dwell: false) == 5)
        #expect(try dr(5, 5, dwell: false) == 0)
        #expect(try dr(2, 6, dwell: false) == 3)
        #expect(try dr(2, 7, dwell: false) == 4)
        #expect(try dr(5, 6, dwell: false) == 6)
        #expect(try dr(7, 7, dwell: false) == 7)
        // DownlinkDwellTime = 1: never below DR2
        #expect(try dr(5, 3, dwell: true) == 2)
        #expect(try dr(5, 5, dwell: true) == 2)
        #expect(try dr(0, 0, dwell: true) == 2)
        #expect(try dr(1, 7, dwell: true) == 3)
        #expect(plan.rx1DROffsetRange == 0...7)
        // Default follows the region's default dwell (on).
        #expect(try plan.rx1(uplinkFrequencyHz: 923_200_000, uplinkDataRate: 5, rx1DROffset: 5).dataRate == 2)
    }
}

@Suite struct IN865Tests {
    let plan = RegionID.in865.plan

    @Test func channelsRX2Power() {
        #expect(plan.defaultUplinkChannelList.map(\.frequencyHz) == [865_062_500, 865_402_500, 865_985_000])
        #expect(plan.rx2FrequencyHz == 866_550_000 && plan.rx2DataRate == 2)
        #expect(plan.maxEIRPdBm == 30)
        #expect(plan.dutyCycleBands.isEmpty)
        #expect(plan.dwellTimeLimits.isEmpty)
        #expect(plan.isAllowedTransmit(frequencyHz: 865_000_000))
        #expect(plan.isAllowedTransmit(frequencyHz: 867_000_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 867_000_001))
        #expect(plan.dataRate(index: 6) == nil)
        #expect(plan.dataRate(index: 7)?.modulation == .fsk(bitsPerSecond: 50_000))
    }

    @Test func rx1Table() throws {
        let rows: [Int: [Int]] = [
            0: [0, 0, 0, 0, 0, 0, 1, 2], 1: [1, 0, 0, 0, 0, 0, 2, 3], 2: [2, 1, 0, 0, 0, 0, 3, 4],
            3: [3, 2, 1, 0, 0, 0, 4, 5], 4: [4, 3, 2, 1, 0, 0, 5, 5], 5: [5, 4, 3, 2, 1, 0, 5, 7],
            7: [7, 5, 5, 4, 3, 2, 7, 7],
        ]
        for (dr, row) in rows {
            for (offset, expected) in row.enumerated() {
                #expect(try plan.rx1(uplinkFrequencyHz: 865_062_500, uplinkDataRate: dr, rx1DROffset: offset).dataRate == expected)
            }
        }
        #expect(throws: RegionError.self) { try plan.rx1(uplinkFrequencyHz: 865_062_500, uplinkDataRate: 6) }
    }
}

@Suite struct SmallerRegionTests {
    @Test func kr920() throws {
        let plan = RegionID.kr920.plan
        #expect(plan.defaultUplinkChannelList.map(\.frequencyHz) == [922_100_000, 922_300_000, 922_500_000])
        #expect(plan.rx2FrequencyHz == 921_900_000 && plan.rx2DataRate == 0)
        #expect(plan.maxEIRPdBm == 14)
        #expect(plan.listenBeforeTalk != nil)
        #expect(plan.isAllowedTransmit(frequencyHz: 920_900_000))
        #expect(plan.isAllowedTransmit(frequencyHz: 923_300_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 923_300_001))
        #expect(plan.dataRate(index: 6) == nil)
        #expect(try plan.rx1(uplinkFrequencyHz: 922_300_000, uplinkDataRate: 4, rx1DROffset: 3) == RX1Window(frequencyHz: 922_300_000, dataRate: 1))
    }

    @Test func eu433() {
        let plan = RegionID.eu433.plan
        #expect(plan.defaultUplinkChannelList.map(\.frequencyHz) == [433_175_000, 433_375_000, 433_575_000])
        #expect(plan.rx2FrequencyHz == 434_665_000 && plan.rx2DataRate == 0)
        #expect(plan.maxEIRPdBm == 12.15)
        #expect(plan.isAllowedTransmit(frequencyHz: 434_665_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 434_665_001))
        #expect(!plan.isAllowedTransmit(frequencyHz: 433_100_000))
        #expect(plan.dataRate(index: 6)?.modulation == .lora(.sf7, .khz250))
    }

    @Test func ru864() {
        let plan = RegionID.ru864.plan
        #expect(plan.defaultUplinkChannelList.map(\.frequencyHz) == [868_900_000, 869_100_000])
        #expect(plan.rx2FrequencyHz == 869_100_000 && plan.rx2DataRate == 0)
        #expect(plan.maxEIRPdBm == 16)
        #expect(plan.isAllowedTransmit(frequencyHz: 864_000_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 863_900_000))
    }

    @Test func everyRegionHasTheClassADelays() {
        for region in RegionID.allCases {
            let plan = region.plan
            #expect(plan.receiveDelay1Seconds == 1)
            #expect(plan.receiveDelay2Seconds == plan.receiveDelay1Seconds + 1)
            #expect(plan.joinAcceptDelay1Seconds == 5)
            #expect(plan.joinAcceptDelay2Seconds == 6)
        }
    }

    @Test func everyRegionCanTransmitItsRX2AndDefaultChannels() throws {
        for region in RegionID.allCases {
            let plan = region.plan
            #expect(plan.isAllowedTransmit(frequencyHz: plan.rx2FrequencyHz), "\(region.rawValue) RX2")
            #expect(plan.dataRate(index: plan.rx2DataRate)?.downlink == true, "\(region.rawValue) RX2 DR")
            let rx1 = try plan.rx1(uplinkFrequencyHz: plan.singleChannel.frequencyHz, uplinkDataRate: plan.singleChannel.dataRate)
            #expect(plan.isAllowedTransmit(frequencyHz: rx1.frequencyHz), "\(region.rawValue) RX1")
        }
    }
}

@Suite struct TxPowerDefaultTests {
    @Test func defaultTxPowerIsMaxEIRPLessTwoDBiCappedAt20() {
        let expected: [RegionID: Int] = [
            .eu868: 14, .us915: 20, .in865: 20, .as923_1: 14, .as923_2: 14, .as923_3: 14, .as923_4: 14, .au915: 20,
            .kr920: 12, .cn470: 17, .eu433: 10, .ru864: 14,
        ]
        for region in RegionID.allCases {
            #expect(region.plan.defaultTxPowerDBm == expected[region], "\(region.rawValue)")
        }
    }
}
