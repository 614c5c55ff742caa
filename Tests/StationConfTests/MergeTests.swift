import JSON
import StationConf
import Testing

@Suite("Merging an LNS channel plan")
struct MergeTests {
    private func plan(_ name: String) throws -> ChannelPlan {
        var d = Diagnostics()
        let plan = ChannelPlan.read(routerConfig: try JSONParser.parse(try Fixture.exampleBytes(name)), &d)
        #expect(!d.hasErrors, "\(d.errors.map { $0.message })")
        return plan
    }

    @Test func readsTheRouterConfigPlan() throws {
        let plan = try plan("router_config.json")
        #expect(plan.chips.count == 1)
        let chip = plan.chips[0]
        #expect(chip.radioFrequencyHz == [867_500_000, 868_500_000])
        #expect(chip.frequencyHz(.multiSF(0)) == 868_100_000)
        #expect(chip.frequencyHz(.multiSF(7)) == 867_900_000)
        #expect(chip.frequencyHz(.loraStandard) == 868_300_000)  // written "chan_Lora_std" as the LNS does
        #expect(chip.loraStandard?.spreadFactor == 7)
        #expect(chip.loraStandard?.bandwidthHz == 250_000)
        #expect(chip.frequencyHz(.fsk) == 868_800_000)
    }

    @Test func singleChipPlanOnASingleChipBoard() throws {
        let local = try Fixture.example("station.conf")
        let result = ChannelPlanMerge.merge(local.radioConf, plan: try plan("router_config.json"))
        #expect(result.diagnostics.all.isEmpty)
        let board = result.radioConf.boards[0]
        let chip = board.chips[0]
        #expect(chip.isEnabled)
        #expect(chip.rfChain == 0)
        // Channels come from the plan (the file's three multi-SF channels are replaced).
        #expect(chip.channels.count == 10)
        #expect(chip.multiSF[3] == ChannelConf(rxFrequencyHz: 867_100_000, bandwidthHz: 125_000))
        #expect(chip.loraStandard == ChannelConf(rxFrequencyHz: 868_300_000, bandwidthHz: 250_000,
                                                  spreadingFactors: SpreadingFactorRange(lowest: 7, highest: 7)))
        #expect(chip.fsk == ChannelConf(rxFrequencyHz: 868_800_000, bitRate: 50_000))
        // Centre: midway between the lowest (867.1) and highest (868.8) channel.
        #expect(chip.centerFrequencyHz == 867_950_000)
        // Hardware fields come from the file.
        #expect(board.rfChains == local.radioConf.boards[0].rfChains)
        #expect(board.aesKey == local.radioConf.boards[0].aesKey)
        #expect(board.device == "/dev/spidev?.0")
    }

    @Test func singleChipPlanIsDuplicatedOnATwoChipBoard() throws {
        let local = try Fixture.example("station-two-chip.conf")
        let result = ChannelPlanMerge.merge(local.radioConf, plan: try plan("router_config.json"))
        #expect(!result.diagnostics.hasErrors)
        let chips = result.radioConf.boards[0].chips
        #expect(chips[0].rfChain == 0)
        #expect(chips[1].rfChain == 1)
        #expect(chips[1].isEnabled)
        #expect(chips[1].channels.map { $0.channel } == chips[0].channels.map { $0.channel })
        #expect(chips[1].centerFrequencyHz == chips[0].centerFrequencyHz)
        #expect(result.notes.contains { $0.contains("duplicated for full antenna diversity") })
    }

    @Test func noDuplicationWithoutASecondReceivingChain() throws {
        let local = try Fixture.conf(Fixture.board(#""SX1301_conf": [{"chip_enable": true}, {"chip_enable": false}]"#))
        let result = ChannelPlanMerge.merge(local.radioConf, plan: try plan("router_config.json"))
        #expect(!result.diagnostics.hasErrors)
        #expect(result.diagnostics.warnings.map { $0.path } == ["radio_conf[0].SX1301_conf[1]"])
        #expect(!result.radioConf.boards[0].chips[1].isEnabled)
        #expect(result.radioConf.boards[0].chips[1].channels.isEmpty)
    }

    @Test func twoChipPlanOnATwoChipBoard() throws {
        let local = try Fixture.example("station-two-chip.conf")
        let result = ChannelPlanMerge.merge(local.radioConf, plan: try plan("router_config-two-chip.json"))
        #expect(result.diagnostics.all.isEmpty)
        let chips = result.radioConf.boards[0].chips
        #expect(chips.map { $0.rfChain } == [0, 1])  // the file's chip_rf_chain values
        #expect(chips[0].multiSF[0]?.rxFrequencyHz == 902_300_000)
        #expect(chips[0].multiSF[7]?.rxFrequencyHz == 903_700_000)
        #expect(chips[0].loraStandard?.rxFrequencyHz == 903_000_000)
        #expect(chips[0].loraStandard?.bandwidthHz == 500_000)
        #expect(chips[0].fsk == nil)  // disabled in the plan
        #expect(chips[1].multiSF[0]?.rxFrequencyHz == 903_900_000)
        #expect(chips[1].multiSF[7]?.rxFrequencyHz == 905_300_000)
        #expect(chips[0].centerFrequencyHz == 903_000_000)
        #expect(chips[1].centerFrequencyHz == 904_600_000)
    }

    @Test func twoChipPlanDoesNotFitOneChip() throws {
        let local = try Fixture.example("station.conf")
        let result = ChannelPlanMerge.merge(local.radioConf, plan: try plan("router_config-two-chip.json"))
        #expect(result.diagnostics.errors.map { $0.message }
                == ["router_config.sx1301_conf: the plan needs 2 SX1301 chips but radio_conf has 1; it cannot be mapped onto this hardware"])
        #expect(result.radioConf == local.radioConf)
    }

    @Test func twoChipPlanAcrossTwoBoards() throws {
        let local = try Fixture.example("slave-0.conf")
        let result = ChannelPlanMerge.merge(local.radioConf, plan: try plan("router_config-two-chip.json"))
        #expect(!result.diagnostics.hasErrors)
        #expect(result.radioConf.boards[0].chips[0].multiSF[0]?.rxFrequencyHz == 902_300_000)
        #expect(result.radioConf.boards[1].chips[0].multiSF[0]?.rxFrequencyHz == 903_900_000)
        #expect(result.radioConf.boards[1].chips[0].rfChain == 1)
    }

    @Test func mergedConfigurationIsValidAndPrintable() throws {
        let local = try Fixture.example("station-two-chip.conf")
        var merged = local
        merged.radioConf = ChannelPlanMerge.merge(local.radioConf, plan: try plan("router_config.json")).radioConf
        let text = JSONSerializer.pretty(merged.json())
        let again = try Fixture.read(text)
        #expect(again.isValid, "\(again.diagnostics.all.map { $0.message })")
        #expect(again.radioConf == merged.radioConf)
        #expect(again.document["station_conf"] == local.document["station_conf"])
    }

    @Test func planErrorsNameTheirPath() throws {
        let text = #"""
            {"msgtype": "router_config", "sx1301_conf": [{
              "radio_0": {"enable": true, "freq": 867500000},
              "chan_multiSF_0": {"enable": true, "radio": 1, "if": -400000},
              "chan_multiSF_1": {"enable": true, "radio": 2, "if": 0},
              "chan_LoRa_std": {"enable": true, "radio": 0, "if": 0, "bandwidth": 200000, "spread_factor": 13},
              "chan_FSK": {"enable": true, "radio": 0, "if": 300000, "spread_factor": 7}}]}
            """#
        var d = Diagnostics()
        _ = ChannelPlan.read(routerConfig: try JSONParser.parse(text), &d)
        #expect(d.errors.map { $0.path } == [
            "router_config.sx1301_conf[0].chan_multiSF_1.radio",
            "router_config.sx1301_conf[0].chan_LoRa_std.bandwidth",
            "router_config.sx1301_conf[0].chan_LoRa_std.spread_factor",
            "router_config.sx1301_conf[0].chan_FSK.spread_factor",
            "router_config.sx1301_conf[0].chan_multiSF_0.radio",
        ])
        var missing = Diagnostics()
        _ = ChannelPlan.read(routerConfig: try JSONParser.parse(#"{"msgtype": "router_config"}"#), &missing)
        #expect(missing.errors.map { $0.path } == ["router_config.sx1301_conf"])
    }

    @Test func acceptsTheBareArray() throws {
        var d = Diagnostics()
        let plan = ChannelPlan.read(routerConfig: try JSONParser.parse(
            #"[{"radio_0": {"freq": 868000000}, "chan_multiSF_0": {"enable": true, "radio": 0, "if": 100000}}]"#), &d)
        #expect(!d.hasErrors)
        #expect(plan.chips.first?.frequencyHz(.multiSF(0)) == 868_100_000)
    }
}
