import LoRaPHY
import Regions
import Testing

/// EU863-870 against RP002-1.0.4 "EU863-870MHz ISM Band".
@Suite struct EU868Tests {
    let plan = RegionID.eu868.plan

    @Test func defaultChannels() {
        #expect(plan.defaultUplinkChannelList.map(\.frequencyHz) == [868_100_000, 868_300_000, 868_500_000])
        for channel in plan.defaultUplinkChannelList {
            #expect(channel.minDataRate == 0 && channel.maxDataRate == 5)
        }
        guard case .dynamic(_, let maxChannels) = plan.uplinkChannels else {
            Issue.record("EU868 is a dynamic plan")
            return
        }
        #expect(maxChannels == 16)
    }

    @Test(arguments: [
        (0, SpreadingFactor.sf12, Bandwidth.khz125), (1, .sf11, .khz125), (2, .sf10, .khz125), (3, .sf9, .khz125),
        (4, .sf8, .khz125), (5, .sf7, .khz125), (6, .sf7, .khz250),
    ])
    func loRaDataRates(index: Int, sf: SpreadingFactor, bw: Bandwidth) {
        #expect(plan.dataRate(index: index)?.modulation == .lora(sf, bw))
        #expect(plan.dataRateIndex(spreadingFactor: sf, bandwidth: bw) == index)
    }

    @Test func fskAndLRFHSSAndRFU() {
        #expect(plan.dataRate(index: 7)?.modulation == .fsk(bitsPerSecond: 50_000))
        #expect(plan.dataRate(index: 8)?.downlink == false)
        #expect(plan.dataRate(index: 12) == nil)
        #expect(plan.dataRate(index: 15) == nil)
        #expect(plan.dataRateIndex(spreadingFactor: .sf7, bandwidth: .khz500) == nil)
    }

    @Test func maximumPayloadNotRepeaterCompatible() {
        let m = (0...7).map { plan.dataRate(index: $0)?.maxMACPayloadBytes }
        #expect(m == [59, 59, 59, 123, 250, 250, 250, 250])
        #expect(plan.dataRate(index: 0)?.maxFRMPayloadBytes == 51)
        #expect(plan.dataRate(index: 5)?.maxFRMPayloadBytes == 242)
    }

    @Test func rx1SameFrequencyAndOffsets() throws {
        let a = try plan.rx1(uplinkFrequencyHz: 868_300_000, uplinkDataRate: 5)
        #expect(a == RX1Window(frequencyHz: 868_300_000, dataRate: 5))
        // Any frequency (CFList channels such as 867.1 MHz) answers on itself.
        #expect(try plan.rx1(uplinkFrequencyHz: 867_100_000, uplinkDataRate: 5, rx1DROffset: 2).dataRate == 3)
        #expect(try plan.rx1(uplinkFrequencyHz: 868_100_000, uplinkDataRate: 2, rx1DROffset: 5).dataRate == 0)
        #expect(try plan.rx1(uplinkFrequencyHz: 868_100_000, uplinkDataRate: 7, rx1DROffset: 1).dataRate == 6)
        #expect(plan.rx1DROffsetRange == 0...5)
    }

    @Test func rx1RejectsBadOffsetAndDataRate() {
        #expect(throws: RegionError.self) { try plan.rx1(uplinkFrequencyHz: 868_100_000, uplinkDataRate: 5, rx1DROffset: 6) }
        do {
            _ = try plan.rx1(uplinkFrequencyHz: 868_100_000, uplinkDataRate: 9)
            Issue.record("DR9 (LR-FHSS) has no RX1 mapping here")
        } catch {
            #expect(error.message.contains("DR9"))
        }
    }

    @Test func rx2DelaysAndPower() {
        #expect(plan.rx2FrequencyHz == 869_525_000)
        #expect(plan.rx2DataRate == 0)
        #expect(plan.receiveDelay1Seconds == 1)
        #expect(plan.receiveDelay2Seconds == 2)
        #expect(plan.joinAcceptDelay1Seconds == 5)
        #expect(plan.joinAcceptDelay2Seconds == 6)
        #expect(plan.maxEIRPdBm == 16)
        #expect(plan.defaultTxPowerDBm == 14)
        #expect(plan.dwellTimeLimits.isEmpty)
    }

    @Test func transmitRange() {
        #expect(plan.isAllowedTransmit(frequencyHz: 868_100_000))
        #expect(plan.isAllowedTransmit(frequencyHz: 869_525_000))
        #expect(plan.isAllowedTransmit(frequencyHz: 863_000_000))
        #expect(plan.isAllowedTransmit(frequencyHz: 870_000_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 862_999_999))
        #expect(!plan.isAllowedTransmit(frequencyHz: 870_000_001))
        #expect(!plan.isAllowedTransmit(frequencyHz: 915_000_000))
        // Gaps between the ETSI sub-bands are not LoRaWAN spectrum.
        #expect(!plan.isAllowedTransmit(frequencyHz: 868_650_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 869_300_000))
        #expect(!plan.isAllowedTransmit(frequencyHz: 869_675_000))
    }

    @Test(arguments: [
        (UInt32(863_000_000), "g0", 1_000), (864_999_999, "g0", 1_000), (865_000_000, "g", 10_000),
        (867_100_000, "g", 10_000), (868_000_000, "g", 10_000), (868_100_000, "g1", 10_000),
        (868_500_000, "g1", 10_000), (868_600_000, "g1", 10_000), (868_700_000, "g2", 1_000),
        (869_200_000, "g2", 1_000), (869_400_000, "g3", 100_000), (869_525_000, "g3", 100_000),
        (869_650_000, "g3", 100_000), (869_700_000, "g4", 10_000), (870_000_000, "g4", 10_000),
    ])
    func dutyCycleBandBoundaries(frequencyHz: UInt32, name: String, ppm: Int) {
        let band = plan.dutyCycleBand(frequencyHz: frequencyHz)
        #expect(band?.name == name)
        #expect(band?.dutyCyclePPM == ppm)
    }

    @Test func dutyCycleGapsHaveNoBand() {
        #expect(plan.dutyCycleBand(frequencyHz: 868_600_001) == nil)
        #expect(plan.dutyCycleBand(frequencyHz: 868_699_999) == nil)
        #expect(plan.dutyCycleBand(frequencyHz: 869_300_000) == nil)
        #expect(plan.dutyCycleBand(frequencyHz: 869_660_000) == nil)
        #expect(plan.dutyCycleBand(frequencyHz: 862_000_000) == nil)
    }

    @Test func dutyCycleLabelsAndOffTime() {
        let g1 = plan.dutyCycleBand(frequencyHz: 868_100_000)!
        let g2 = plan.dutyCycleBand(frequencyHz: 868_900_000)!
        let g3 = plan.dutyCycleBand(frequencyHz: 869_525_000)!
        #expect(g1.percentLabel == "1 %")
        #expect(g2.percentLabel == "0.1 %")
        #expect(g3.percentLabel == "10 %")
        // 1 %: 100 ms on air, then 9.9 s off.
        #expect(g1.offTimeMicros(afterAirtimeMicros: 100_000) == 9_900_000)
        #expect(g3.offTimeMicros(afterAirtimeMicros: 100_000) == 900_000)
    }
}
