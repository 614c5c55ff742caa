import BoardProfile
import LoRaPHY
import Regions
import Testing
@testable import Forwarder

/// Issue 12 #1: the board profile's plan is the default; the file's `radio` and the flags override it.
@Suite struct RadioPlanMergeTests {
    /// boards/adafruit-rfm9x-bonnet.json: RFM95W, US915 channel 8, SF7BW125.
    let bonnet = BoardProfile(kind: .linux, name: "Adafruit LoRa Radio Bonnet (RFM95W)", description: "", radio: .rfm95,
                              wiring: nil, paOutput: .paBoost, maxTxPowerDBm: 20, antennaGainDBi: 3, region: .us915,
                              channel: 8, dataRate: DataRateName("SF7BW125"))
    let name = "boards/adafruit-rfm9x-bonnet.json"

    func configuration(_ radio: String = "") throws -> ForwarderConfiguration {
        try ConfigurationFile.load(global: .init(name: "global_conf.json", text: Array("{\"radio\": {\(radio)}}".utf8)),
                                   defaultEUI: GatewayEUI(hex: "0000000000000001"))
    }

    @Test func theProfilesPlanIsTheDefault() throws {
        var c = try configuration()
        try RadioPlanMerge.apply(profile: bonnet, profileName: name, to: &c)
        #expect(c.radio.region == .us915)
        #expect(c.radio.frequencyHz == 903_900_000)  // US915 channel 8
        #expect(c.radio.dataRate.text == "SF7BW125")
        #expect(c.radio.antennaGainDBi == 3)
        #expect(c.radio.transmitBandHz == 862_000_000...1_020_000_000)
    }

    @Test func theFileAndTheFlagsOverride() throws {
        var c = try configuration(#""frequency": 904100000, "datarate": "SF9BW125", "antenna_gain": 1"#)
        try RadioPlanMerge.apply(profile: bonnet, profileName: name, to: &c)
        #expect(c.radio.frequencyHz == 904_100_000 && c.radio.dataRate.text == "SF9BW125" && c.radio.antennaGainDBi == 1)
        try RadioPlanMerge.apply(profile: bonnet, profileName: name,
                                 flags: .init(frequencyHz: 904_300_000, dataRate: DataRateName("SF8BW125")), to: &c)
        #expect(c.radio.frequencyHz == 904_300_000 && c.radio.dataRate.text == "SF8BW125")
    }

    @Test func conflictsNameBothSources() throws {
        // The file says EU868 (its default channel 868.1 MHz) on a 915 MHz bonnet: fine for the chip (HF port) — allowed.
        var eu = try configuration(#""region": "EU868""#)
        try RadioPlanMerge.apply(profile: bonnet, profileName: name, to: &eu)
        #expect(eu.radio.region == .eu868 && eu.radio.frequencyHz == 868_100_000)
        // EU433 on an RFM95 (HF only): outside the chip, named with the file's key and the profile.
        var low = try configuration(#""region": "EU433""#)
        do {
            try RadioPlanMerge.apply(profile: bonnet, profileName: name, to: &low)
            Issue.record("433 MHz accepted on an RFM95")
        } catch {
            #expect(error.message == "global_conf.json: radio.region (its default channel): 433.175 MHz is outside the rfm95's range 862-1020 MHz (boards/adafruit-rfm9x-bonnet.json (Adafruit LoRa Radio Bonnet (RFM95W)))")
        }
        // A flag frequency outside the profile's region.
        var c = try configuration()
        do {
            try RadioPlanMerge.apply(profile: bonnet, profileName: name, flags: .init(frequencyHz: 868_100_000), to: &c)
            Issue.record("868.1 MHz accepted in US915")
        } catch {
            #expect(error.message == "--frequency: 868.1 MHz is not a US915 frequency (region from boards/adafruit-rfm9x-bonnet.json (Adafruit LoRa Radio Bonnet (RFM95W)) region)")
        }
    }
}
