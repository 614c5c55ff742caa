import Testing
import LoRaPHY

struct ModulationTests {
    @Test func bandwidthsByKilohertzAndHertz() {
        #expect(Bandwidth(kilohertz: 7.8) == .khz7_8)
        #expect(Bandwidth(kilohertz: 7.8125) == .khz7_8)
        #expect(Bandwidth(kilohertz: 41.7) == .khz41_7)
        #expect(Bandwidth(kilohertz: 125) == .khz125)
        #expect(Bandwidth(kilohertz: 62) == nil)
        #expect(Bandwidth(kilohertz: 1000) == nil)
        #expect(Bandwidth(hertz: 125_000) == .khz125)
        #expect(Bandwidth(hertz: 7812) == .khz7_8)
        #expect(Bandwidth(hertz: 10_400) == .khz10_4)
        #expect(Bandwidth(hertz: 126_000) == nil)
        #expect(Bandwidth.khz500.rawValue == 9)  // RegModemConfig1 Bw = 1001
    }

    @Test func dataRateNames() {
        #expect(DataRateName("SF7BW125") == DataRateName(spreadingFactor: .sf7, bandwidth: .khz125))
        #expect(DataRateName("SF12BW500")?.spreadingFactor == .sf12)
        #expect(DataRateName("SF9BW62.5")?.bandwidth == .khz62_5)
        #expect(DataRateName(spreadingFactor: .sf10, bandwidth: .khz250).text == "SF10BW250")
        for bad in ["", "SF", "SF13BW125", "SF7BW126", "sf7bw125", "SF7", "BW125", "SF7BW", "SFxBW125", "SF0007BW125x"] {
            #expect(DataRateName(bad) == nil, "\(bad)")
        }
    }

    @Test func codingRateLabels() {
        #expect(CodingRate(label: "4/5") == .cr4_5)
        #expect(CodingRate(label: "4/8") == .cr4_8)
        #expect(CodingRate(label: "4/9") == nil)
        #expect(CodingRate.cr4_7.label == "4/7")
    }
}
