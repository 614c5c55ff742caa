import StationConf
import Testing

@Suite("examples/station-conf")
struct ExampleFileTests {
    @Test(arguments: ["station.conf", "station-two-chip.conf", "slave-0.conf"])
    func examplesAreValid(name: String) throws {
        let file = try Fixture.example(name)
        #expect(file.diagnostics.all.isEmpty, "\(file.diagnostics.all.map { $0.message })")
    }

    @Test func singleBoardExample() throws {
        let file = try Fixture.example("station.conf")
        #expect(file.kind == .station)
        #expect(file.document["station_conf"] != nil)
        let board = file.radioConf.boards[0]
        #expect(board.resolvedDevice(boardIndex: 0) == "/dev/spidev0.0")
        #expect(board.antennaConfiguration == .singleAntenna(rfChain: 0))
        #expect(board.rfChains?[0].txLUT.count == 3)
        #expect(board.chips[0].channels.count == 5)
    }

    @Test func twoChipExampleIsFullDiversity() throws {
        let board = try Fixture.example("station-two-chip.conf").radioConf.boards[0]
        #expect(board.chips.count == 2)
        #expect(board.antennaConfiguration == .fullDiversity)
        #expect(board.rfChains?.map { $0.txpowAdjustDB } == [3, 5])  // txpow_adjust and antenna_gain
    }

    @Test func slaveExample() throws {
        let file = try Fixture.example("slave-0.conf")
        #expect(file.kind == .slave(0))
        let boards = file.radioConf.boards
        #expect(boards.map { $0.antennaConfiguration } == [.fullDuplex(rxChain: 0, txChain: 1), .sectorization])
        #expect(boards[1].resolvedDevice(boardIndex: 1) == "/dev/spidev1.0")
    }

    @Test func invalidExampleReportsEveryError() throws {
        let file = try Fixture.example("invalid.conf")
        #expect(file.errorPaths == [
            "radio_conf[0].board_type",
            "radio_conf[0].FSK_sync",
            "radio_conf[0].aes_key",
            "radio_conf[0].rf_chain_conf[0].antenna_gain",
            "radio_conf[0].SX1301_conf[0].chan_multiSF_3.spread_factor",
            "radio_conf[0].SX1301_conf[0].chan_LoRa_std.bandwidth",
            "radio_conf[0].SX1301_conf[0].chan_LoRa_std.spread_factor",
            "radio_conf[0].SX1301_conf[0].chan_FSK.spread_factor",
            "radio_conf[0].lbt_conf.rssi_target",
            "radio_conf[0].lbt_conf.chan_cfg",
            "radio_conf[0].rf_chain_conf",
            "radio_conf[1].SX1301_conf[0].chan_multiSF_0.bit_rate",
            "radio_conf[1].pps",
        ])
    }
}
