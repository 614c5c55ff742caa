import StationConf
import Testing

@Suite("SX1301CONF and CHANCONF")
struct ChannelTests {
    @Test func readsAChip() throws {
        let file = try Fixture.conf(Fixture.board(#"""
            "SX1301_conf": [{"chip_enable": true, "chip_center_freq": 868000000, "chip_rf_chain": 0,
              "chan_multiSF_7": {"chan_rx_freq": 868100000, "bandwidth": 125000, "spread_factor": 9},
              "chan_LoRa_std": {"chan_rx_freq": 868300000, "bandwidth": 250000, "spread_factor": "7-9"},
              "chan_FSK": {"chan_rx_freq": 868800000, "bandwidth": 125000, "bit_rate": 50000}}]
            """#))
        #expect(file.isValid)
        let chip = try #require(file.radioConf.boards.first?.chips.first)
        #expect(chip.isEnabled)
        #expect(chip.centerFrequencyHz == 868_000_000)
        #expect(chip.rfChain == 0)
        #expect(chip.multiSF[7] == ChannelConf(rxFrequencyHz: 868_100_000, bandwidthHz: 125_000,
                                               spreadingFactors: SpreadingFactorRange(lowest: 9, highest: 9)))
        #expect(chip.loraStandard?.spreadingFactors == SpreadingFactorRange(lowest: 7, highest: 9))
        #expect(chip.fsk?.bitRate == 50_000)
        #expect(chip.channels.map { $0.slot } == [.multiSF(7), .loraStandard, .fsk])
    }

    @Test func multiSFSpreadFactorIsAnIntegerSevenToTwelve() throws {
        for sf in 7...12 {
            #expect(try Fixture.channel("chan_multiSF_3", "{\"spread_factor\": \(sf)}").isValid)
        }
        for bad in ["6", "13", "\"7-12\"", "\"9\"", "9.5"] {
            let file = try Fixture.channel("chan_multiSF_3", "{\"spread_factor\": \(bad)}")
            let error = file.error(at: "radio_conf[0].SX1301_conf[0].chan_multiSF_3.spread_factor")
            #expect(error?.detail == "\(bad) is not allowed; spread_factor under chan_multiSF_X must be an integer 7..12")
        }
    }

    @Test func loraStdSpreadFactorIsARangeString() throws {
        for good in ["7-7", "7-12", "9-10", "12-12"] {
            #expect(try Fixture.channel("chan_LoRa_std", "{\"spread_factor\": \"\(good)\"}").isValid, "\(good)")
        }
        for bad in ["7", "\"10-9\"", "\"6-7\"", "\"7-13\"", "\"7 - 9\"", "\"7-\"", "\"SF7\""] {
            let file = try Fixture.channel("chan_LoRa_std", "{\"spread_factor\": \(bad)}")
            let error = file.error(at: "radio_conf[0].SX1301_conf[0].chan_LoRa_std.spread_factor")
            #expect(error?.detail.hasSuffix("spread_factor under chan_LoRa_std must be a string \"N-M\" with 7 <= N <= M <= 12") == true, "\(bad)")
        }
    }

    @Test func fskHasNoSpreadFactor() throws {
        #expect(try Fixture.channel("chan_FSK", #"{"chan_rx_freq": 868800000, "bit_rate": 50000}"#).isValid)
        let file = try Fixture.channel("chan_FSK", #"{"spread_factor": 7}"#)
        #expect(file.error(at: "radio_conf[0].SX1301_conf[0].chan_FSK.spread_factor")?.detail
                == "7 is not allowed; spread_factor must be absent under chan_FSK")
    }

    @Test func bitRateOnlyUnderFSK() throws {
        #expect(try Fixture.channel("chan_FSK", #"{"bit_rate": 50000}"#).isValid)
        for slot in ["chan_multiSF_0", "chan_LoRa_std"] {
            let file = try Fixture.channel(slot, #"{"bit_rate": 50000}"#)
            #expect(file.error(at: "radio_conf[0].SX1301_conf[0].\(slot).bit_rate")?.detail
                    == "50000 is not allowed; bit_rate is valid only under chan_FSK")
        }
    }

    @Test func bandwidthIs125250Or500kHz() throws {
        for bw in [125_000, 250_000, 500_000] {
            #expect(try Fixture.channel("chan_multiSF_0", "{\"bandwidth\": \(bw)}").isValid)
        }
        // The seed's table says 50000 where it means 500000: 50 kHz is refused.
        for bad in ["50000", "125", "200000", "\"125000\""] {
            let file = try Fixture.channel("chan_LoRa_std", "{\"bandwidth\": \(bad)}")
            #expect(file.error(at: "radio_conf[0].SX1301_conf[0].chan_LoRa_std.bandwidth")?.detail
                    == "\(bad) is not allowed; bandwidth must be 125000, 250000 or 500000 (Hz)")
        }
    }

    @Test func chipFieldsAndRanges() throws {
        let file = try Fixture.conf(Fixture.board(
            #""SX1301_conf": [{"chip_enable": 1, "chip_center_freq": "868", "chip_rf_chain": 2, "chan_multiSF_8": {}, "chan_FSK": {"enable": true}}]"#))
        let base = "radio_conf[0].SX1301_conf[0]"
        #expect(file.error(at: "\(base).chip_enable") != nil)
        #expect(file.error(at: "\(base).chip_center_freq") != nil)
        #expect(file.error(at: "\(base).chip_rf_chain")?.detail == "2 is out of range; allowed: 0..1")
        #expect(file.error(at: "\(base).chan_multiSF_8")?.detail.hasPrefix("is not a field of SX1301CONF; allowed: chip_enable") == true)
        #expect(file.error(at: "\(base).chan_FSK.enable")?.detail
                == "is not a field of CHANCONF; allowed: chan_rx_freq, bandwidth, spread_factor, bit_rate")
    }

    @Test func everyErrorIsCollectedNotJustTheFirst() throws {
        let file = try Fixture.conf(Fixture.board(#"""
            "SX1301_conf": [{"chip_enable": true,
              "chan_multiSF_0": {"spread_factor": 13, "bandwidth": 1},
              "chan_multiSF_3": {"spread_factor": 5}}]
            """#), Fixture.board(#""SX1301_conf": [{}, {"chan_FSK": {"spread_factor": 7}}]"#))
        #expect(file.errorPaths == [
            "radio_conf[0].SX1301_conf[0].chan_multiSF_0.spread_factor",
            "radio_conf[0].SX1301_conf[0].chan_multiSF_0.bandwidth",
            "radio_conf[0].SX1301_conf[0].chan_multiSF_3.spread_factor",
            "radio_conf[1].SX1301_conf[1].chan_FSK.spread_factor",
        ])
    }

    @Test func spreadingFactorRangeText() {
        #expect(SpreadingFactorRange(text: "8-11") == SpreadingFactorRange(lowest: 8, highest: 11))
        #expect(SpreadingFactorRange(text: "11-8") == nil)
        #expect(SpreadingFactorRange(lowest: 7, highest: 12)?.text == "7-12")
        #expect(SpreadingFactorRange(lowest: 9, highest: 9)?.label == "SF9")
    }

    @Test func channelSlotNames() {
        #expect(ChannelSlot(fieldName: "chan_multiSF_0") == .multiSF(0))
        #expect(ChannelSlot(fieldName: "chan_multiSF_7") == .multiSF(7))
        #expect(ChannelSlot(fieldName: "chan_multiSF_8") == nil)
        #expect(ChannelSlot(fieldName: "chan_LoRa_std") == .loraStandard)
        #expect(ChannelSlot.fsk.fieldName == "chan_FSK")
    }
}
