import StationConf
import Testing

@Suite("BOARD fields")
struct BoardTests {
    @Test func readsEveryField() throws {
        let file = try Fixture.conf(Fixture.board(#"""
            "device": "/dev/spidev0.0", "pps": true, "loramac_public": false, "clksrc": 1,
            "board_rx_freq": 1500000000, "board_rx_bw": 50000000, "full_duplex": false, "board_type": "slave",
            "FSK_sync": "c194c1", "calibration_temperature_celsius_room": -5, "calibration_temperature_code_ad9361": 71,
            "dsp_stat_interval": 10, "nb_dsp": 1, "aes_key": "000102030405060708090a0b0c0d0e0f",
            "lbt_conf": {"enable": true, "rssi_target": -80, "rssi_shift": 3}
            """#))
        #expect(file.isValid)
        let board = try #require(file.radioConf.boards.first)
        #expect(board.device == "/dev/spidev0.0")
        #expect(board.pps == true)
        #expect(board.loramacPublic == false)
        #expect(board.clockSource == 1)
        #expect(board.boardRxFrequencyHz == 1_500_000_000)
        #expect(board.boardRxBandwidthHz == 50_000_000)
        #expect(board.fullDuplex == false)
        #expect(board.boardType == .slave)
        #expect(board.fskSync == [0xC1, 0x94, 0xC1])
        #expect(board.calibrationTemperatureCelsiusRoom == -5)
        #expect(board.calibrationTemperatureCodeAD9361 == 71)
        #expect(board.dspStatInterval == 10)
        #expect(board.dspCount == 1)
        #expect(board.aesKey == Array(0...15))
        #expect(board.lbt == LBTConf(enable: true, rssiTarget: -80, rssiShift: 3))
    }

    @Test func wrongTypesNameThePathAndTheValue() throws {
        let file = try Fixture.conf(Fixture.board(#""device": 7, "pps": "yes", "clksrc": 1.5, "board_rx_freq": -1"#))
        #expect(file.error(at: "radio_conf[0].device")?.detail == "7 is not allowed; expected a string")
        #expect(file.error(at: "radio_conf[0].pps")?.detail == "\"yes\" is not allowed; expected true or false")
        #expect(file.error(at: "radio_conf[0].clksrc")?.detail == "1.5 is not allowed; expected an integer")
        #expect(file.error(at: "radio_conf[0].board_rx_freq")?.detail == "-1 is out of range; allowed: 0..2147483647")
    }

    @Test(arguments: [
        ("calibration_temperature_celsius_room", -128, 127),
        ("calibration_temperature_code_ad9361", 0, 255),
        ("dsp_stat_interval", 0, 255),
    ])
    func rangesAreTheSeeds(field: String, low: Int, high: Int) throws {
        let inside = try Fixture.conf(Fixture.board("\"\(field)\": \(low)"), Fixture.board("\"\(field)\": \(high)"))
        #expect(inside.isValid)
        let below = try Fixture.conf(Fixture.board("\"\(field)\": \(low - 1)"))
        #expect(below.error(at: "radio_conf[0].\(field)")?.detail == "\(low - 1) is out of range; allowed: \(low)..\(high)")
        let above = try Fixture.conf(Fixture.board("\"\(field)\": \(high + 1)"))
        #expect(above.errorPaths == ["radio_conf[0].\(field)"])
    }

    @Test func boardTypeIsMasterOrSlave() throws {
        #expect(try Fixture.conf(Fixture.board(#""board_type": "master""#)).radioConf.boards[0].boardType == .master)
        // Station's own parser spells them in capitals; both are accepted.
        #expect(try Fixture.conf(Fixture.board(#""board_type": "SLAVE""#)).radioConf.boards[0].boardType == .slave)
        let bad = try Fixture.conf(Fixture.board(#""board_type": "primary""#))
        #expect(bad.error(at: "radio_conf[0].board_type")?.detail == "\"primary\" is not allowed; board_type must be \"master\" or \"slave\"")
    }

    @Test func fskSyncIsOneToEightBytesOfHex() throws {
        #expect(try Fixture.conf(Fixture.board(#""FSK_sync": "C1""#)).radioConf.boards[0].fskSync == [0xC1])
        #expect(try Fixture.conf(Fixture.board(#""FSK_sync": "0123456789abcdef""#)).isValid)
        for bad in ["\"\"", "\"C19\"", "\"C194XZ\"", "\"0123456789abcdef01\"", "194"] {
            let file = try Fixture.conf(Fixture.board("\"FSK_sync\": \(bad)"))
            #expect(file.errorPaths == ["radio_conf[0].FSK_sync"], "FSK_sync \(bad)")
        }
    }

    @Test func aesKeyIsExactlySixteenBytesOfHex() throws {
        #expect(try Fixture.conf(Fixture.board(#""aes_key": "ABCDEFABCDEFABCDEFABCDEFABCDEFAB""#)).isValid)
        let short = try Fixture.conf(Fixture.board(#""aes_key": "ABCDEF""#))
        #expect(short.error(at: "radio_conf[0].aes_key")?.detail
                == "\"ABCDEF\" is not allowed; expected hex digits encoding exactly 16 bytes (32 hex digits)")
        let long = try Fixture.conf(Fixture.board(#""aes_key": "ABCDEFABCDEFABCDEFABCDEFABCDEFABCD""#))
        #expect(long.errorPaths == ["radio_conf[0].aes_key"])
    }

    @Test func unknownBoardFieldsAreWarnedAndIgnoredAsStationDoes() throws {
        let file = try Fixture.conf(Fixture.board(#""fpga_flavor": "x""#))
        #expect(file.isValid)
        #expect(file.diagnostics.warnings.map { $0.path } == ["radio_conf[0].fpga_flavor"])
    }

    @Test func duplicateKeysAreErrors() throws {
        let file = try Fixture.conf(Fixture.board(#""pps": true, "pps": false"#))
        #expect(file.errorPaths == ["radio_conf[0].pps"])
    }

    @Test func jsonRoundTripKeepsTheBoard() throws {
        let file = try Fixture.example("station.conf")
        let again = try StationConfFile.read(file.json(), kind: .station)
        #expect(again.isValid)
        #expect(again.radioConf == file.radioConf)
    }
}
