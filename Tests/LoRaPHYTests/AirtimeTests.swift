import Testing
import LoRaPHY

/// Airtime properties the gateway relies on, with values from the SX1276
/// datasheet example and the LoRaWAN tables people know by heart.
struct AirtimeTests {
    @Test func lorawanUplinkSF7() {
        // 13-byte PHY payload (empty MAC payload + 8 bytes FHDR), SF7BW125, CR 4/5: 46.336 ms.
        let a = Airtime(payloadBytes: 13, parameters: LoRaParameters(spreadingFactor: .sf7))
        #expect(a.totalMicros == 46_336)
        #expect(a.symbolMicros == 1024)
        #expect(!a.lowDataRateOptimizeEnabled)
    }

    @Test func autoLDROStartsAtSixteenMilliseconds() {
        // SF11BW125: 16.384 ms symbols, LDRO on; SF10BW125: 8.192 ms, off; SF12BW250: 16.384 ms, on.
        #expect(LoRaParameters(spreadingFactor: .sf11).lowDataRateOptimizeEnabled)
        #expect(!LoRaParameters(spreadingFactor: .sf10).lowDataRateOptimizeEnabled)
        #expect(LoRaParameters(spreadingFactor: .sf12, bandwidth: .khz250).lowDataRateOptimizeEnabled)
        #expect(!LoRaParameters(spreadingFactor: .sf11, bandwidth: .khz250).lowDataRateOptimizeEnabled)
    }

    @Test func forcedLDROOverridesTheRule() {
        let on = Airtime(payloadBytes: 20, parameters: LoRaParameters(spreadingFactor: .sf7, lowDataRateOptimize: .on))
        let off = Airtime(payloadBytes: 20, parameters: LoRaParameters(spreadingFactor: .sf12, lowDataRateOptimize: .off))
        #expect(on.lowDataRateOptimizeEnabled)
        #expect(!off.lowDataRateOptimizeEnabled)
        #expect(on.payloadSymbols > Airtime(payloadBytes: 20, parameters: LoRaParameters(spreadingFactor: .sf7)).payloadSymbols)
    }

    @Test func airtimeNeverDecreasesWithSize() {
        for sf in SpreadingFactor.allCases {
            var previous = 0.0
            for size in 0...255 {
                let t = Airtime(payloadBytes: size, parameters: LoRaParameters(spreadingFactor: sf)).totalMillis
                #expect(t >= previous, "SF\(sf.rawValue) size \(size)")
                previous = t
            }
        }
    }

    @Test func macAndPHYSizes() {
        #expect(PayloadSize.phyBytes(macPayload: 51) == 56)
        #expect(PayloadSize.macBytes(phyPayload: 56) == 51)
    }

    @Test func largestPayloadFittingAnAirtime() {
        let sf12 = LoRaParameters(spreadingFactor: .sf12)
        let largest = PayloadSize.largestPHYPayload(fittingMillis: 2000, parameters: sf12)!
        #expect(Airtime(payloadBytes: largest, parameters: sf12).totalMillis <= 2000)
        #expect(Airtime(payloadBytes: largest + 1, parameters: sf12).totalMillis > 2000)
        // A limit below the empty frame fits nothing; a huge one fits 255 bytes.
        #expect(PayloadSize.largestPHYPayload(fittingMillis: 1, parameters: sf12) == nil)
        #expect(PayloadSize.largestPHYPayload(fittingMillis: 1e9, parameters: sf12) == 255)
        // AS923/US915 dwell time: 400 ms at SF10BW125 allows 11 bytes of MAC payload (16 PHY bytes)?
        // The Regional Parameters give N = 11 for DR2 with dwell time; the PHY payload is 11 + 13 = 24.
        let sf10 = LoRaParameters(spreadingFactor: .sf10)
        #expect(PayloadSize.largestPHYPayload(fittingMillis: 400, parameters: sf10)! >= 24)
    }
}
