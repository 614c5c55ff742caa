import StationConf
import Testing

@Suite("RFCONF, TXLUT and LBTCONF")
struct RFChainTests {
    private func chains(_ chains: String) throws -> StationConfFile {
        try Fixture.conf("{\"rf_chain_conf\": [\(chains)]}")
    }

    @Test func absentFieldsReadAsFalseOrZero() throws {
        let file = try chains("{}, {}")
        let chain = try #require(file.radioConf.boards.first?.rfChains?.first)
        #expect(chain.rxEnable == false)
        #expect(chain.txEnable == false)
        #expect(chain.rssiOffset == 0)
        #expect(chain.rssiOffsetCoeffA == 0)
        #expect(chain.rssiOffsetCoeffB == 0)
        #expect(chain.txFrequencyMinHz == 0)
        #expect(chain.txFrequencyMaxHz == 0)
        #expect(chain.txLUT.isEmpty)
        #expect(chain.txpowAdjustDB == 0)
        #expect(chain.antennaType == nil)  // undefined, not a default
    }

    @Test func readsEveryField() throws {
        let file = try chains(#"""
            {"rx_enable": true, "tx_enable": true, "rssi_offset": -166.5, "rssi_offset_coeff_a": 20,
             "rssi_offset_coeff_b": -2162, "tx_freq_min": 863000000, "tx_freq_max": 870000000,
             "tx_lut": [{"rf_power": 14, "fpga_dig_gain": 1, "ad9361_atten": 1400, "ad9361_auxdac_vref": 2,
                         "ad9361_auxdac_word": 376, "ad9361_tcomp_coeff_a": -3, "ad9361_tcomp_coeff_b": 4}],
             "txpow_adjust": 2.15, "antenna_type": "sector", "type": "SX1257"}
            """#)
        #expect(file.isValid)
        let chain = try #require(file.radioConf.boards.first?.rfChains?.first)
        #expect(chain.rxEnable && chain.txEnable)
        #expect(chain.rssiOffset == -166.5)
        #expect(chain.rssiOffsetCoeffA == 20)
        #expect(chain.rssiOffsetCoeffB == -2162)
        #expect(chain.txFrequencyMinHz == 863_000_000)
        #expect(chain.txFrequencyMaxHz == 870_000_000)
        #expect(chain.txpowAdjustDB == 2.15)
        #expect(chain.antennaType == .sector)
        #expect(chain.radioType == "SX1257")
        let row = try #require(chain.txLUT.first)
        #expect(row.rfPower == 14)
        #expect(row.fpgaDigitalGain == 1)
        #expect(row.ad9361Attenuation == 1400)
        #expect(row.ad9361AuxDACVref == 2)
        #expect(row.ad9361AuxDACWord == 376)
        #expect(row.ad9361TcompCoeffA == -3)
        #expect(row.ad9361TcompCoeffB == 4)
    }

    @Test func antennaGainIsAnAliasOfTxpowAdjust() throws {
        let gain = try chains(#"{"rx_enable": true, "tx_enable": true, "antenna_gain": 3}"#)
        #expect(gain.isValid)
        #expect(gain.radioConf.boards[0].rfChains?[0].txpowAdjustDB == 3)
        let both = try chains(#"{"rx_enable": true, "tx_enable": true, "txpow_adjust": 3, "antenna_gain": 3}"#)
        #expect(both.error(at: "radio_conf[0].rf_chain_conf[0].antenna_gain")?.detail
                == "antenna_gain is an alias of txpow_adjust, which is already given; give only one")
    }

    @Test func antennaTypeIsOmniOrSector() throws {
        #expect(try chains(#"{"rx_enable": true, "tx_enable": true, "antenna_type": "omni"}"#).isValid)
        let bad = try chains(#"{"rx_enable": true, "tx_enable": true, "antenna_type": "yagi"}"#)
        #expect(bad.error(at: "radio_conf[0].rf_chain_conf[0].antenna_type")?.detail
                == "\"yagi\" is not allowed; antenna_type must be \"omni\" or \"sector\"")
    }

    @Test(arguments: [
        ("rf_power", -128, 127), ("fpga_dig_gain", 0, 255), ("ad9361_atten", 0, 65535),
        ("ad9361_auxdac_vref", 0, 255), ("ad9361_auxdac_word", 0, 65535),
        ("ad9361_tcomp_coeff_a", -32768, 32767), ("ad9361_tcomp_coeff_b", -32768, 32767),
    ])
    func txLUTRanges(field: String, low: Int, high: Int) throws {
        let good = try chains("{\"rx_enable\": true, \"tx_enable\": true, \"tx_lut\": [{\"\(field)\": \(low)}, {\"\(field)\": \(high)}]}")
        #expect(good.isValid)
        let bad = try chains("{\"rx_enable\": true, \"tx_enable\": true, \"tx_lut\": [{\"\(field)\": \(low)}, {\"\(field)\": \(high + 1)}]}")
        #expect(bad.error(at: "radio_conf[0].rf_chain_conf[0].tx_lut[1].\(field)")?.detail
                == "\(high + 1) is out of range; allowed: \(low)..\(high)")
    }

    @Test func rfChainFieldErrors() throws {
        let file = try chains(#"{"rx_enable": "on", "rssi_offset_coeff_a": 40000, "tx_freq_min": 870000000, "tx_freq_max": 863000000, "gain": 1}"#)
        let base = "radio_conf[0].rf_chain_conf[0]"
        #expect(file.error(at: "\(base).rx_enable") != nil)
        #expect(file.error(at: "\(base).rssi_offset_coeff_a")?.detail == "40000 is out of range; allowed: -32768..32767")
        #expect(file.error(at: "\(base).tx_freq_min") != nil)
        #expect(file.error(at: "\(base).gain")?.detail.hasPrefix("is not a field of RFCONF") == true)
    }

    @Test func atMostTwoRFChains() throws {
        let file = try chains(#"{"rx_enable": true, "tx_enable": true}, {}, {}"#)
        #expect(file.error(at: "radio_conf[0].rf_chain_conf")?.detail.hasPrefix("has 3 entries; a board has at most 2 RF chains") == true)
    }

    @Test func lbtRangesAndChanCfgForbidden() throws {
        #expect(try Fixture.conf(Fixture.board(#""lbt_conf": {"enable": true, "rssi_target": -128, "rssi_shift": 255}"#)).isValid)
        let bad = try Fixture.conf(Fixture.board(#""lbt_conf": {"rssi_target": 128, "rssi_shift": -1}"#))
        #expect(bad.errorPaths == ["radio_conf[0].lbt_conf.rssi_target", "radio_conf[0].lbt_conf.rssi_shift"])
        let chanCfg = try Fixture.conf(Fixture.board(#""lbt_conf": {"enable": true, "chan_cfg": [{"freq_hz": 868100000}]}"#))
        #expect(chanCfg.error(at: "radio_conf[0].lbt_conf.chan_cfg")?.detail
                == "must not be specified in a station.conf; it is generated from the channel plan the LNS submits")
    }
}
