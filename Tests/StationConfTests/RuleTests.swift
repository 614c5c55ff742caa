import JSON
import StationConf
import Testing

@Suite("station.conf rules")
struct RuleTests {
    @Test func deviceQuestionMarkIsTheBoardIndex() throws {
        let file = try Fixture.conf(Fixture.board(#""device": "/dev/spidev?.0""#), Fixture.board(#""device": "/dev/spidev?.0""#))
        #expect(file.radioConf.boards[0].resolvedDevice(boardIndex: 0) == "/dev/spidev0.0")
        #expect(file.radioConf.boards[1].resolvedDevice(boardIndex: 1) == "/dev/spidev1.0")
        #expect(file.radioConf.boards[1].resolvedDevice(boardIndex: 12) == "/dev/spidev12.0")
        #expect(file.radioConf.boards[0].device == "/dev/spidev?.0")  // kept as written
        #expect(BoardConf().resolvedDevice(boardIndex: 0) == nil)
    }

    @Test func atMostOneBoardHasPPS() throws {
        #expect(try Fixture.conf(Fixture.board(#""pps": true"#), Fixture.board(#""pps": false"#)).isValid)
        #expect(try Fixture.conf(Fixture.board(#""pps": false"#), Fixture.board()).isValid)  // no PPS at all
        let two = try Fixture.conf(Fixture.board(#""pps": true"#), Fixture.board(), Fixture.board(#""pps": true"#))
        #expect(two.errorPaths == ["radio_conf[2].pps"])
        #expect(two.error(at: "radio_conf[2].pps")?.detail
                == "true, but radio_conf[0].pps is already true; one and only one board may have pps: true")
    }

    @Test func ppsAcrossStationAndSlaveFiles() throws {
        let station = try Fixture.conf(Fixture.board(#""pps": true"#))
        let slave = try Fixture.read("{\"radio_conf\": [\(Fixture.board(#""pps": true"#))]}", fileName: "slave-1.conf")
        let quiet = try Fixture.read("{\"radio_conf\": [\(Fixture.board())]}", fileName: "slave-2.conf")
        #expect(!StationConfFile.checkPPS(across: [("station.conf", station), ("slave-2.conf", quiet)]).hasErrors)
        let d = StationConfFile.checkPPS(across: [("station.conf", station), ("slave-1.conf", slave)])
        #expect(d.errors.map { $0.path } == ["slave-1.conf: radio_conf[0].pps"])
    }

    @Test func radioConfSitsNextToOtherFields() throws {
        let file = try Fixture.read(
            "{\"station_conf\": {\"routerid\": \"1\"}, \"radio_conf\": [\(Fixture.board())], \"SX1301_conf\": {}}")
        #expect(file.isValid)
        #expect(file.radioConf.boards.count == 1)
        #expect(file.diagnostics.warnings.map { $0.path } == ["SX1301_conf"])
        // Output keeps the other members in their places.
        #expect(file.json().objectValue?.keys == ["station_conf", "radio_conf", "SX1301_conf"])
    }

    @Test func fileKinds() {
        #expect(StationConfFile.Kind(fileName: "station.conf") == .station)
        #expect(StationConfFile.Kind(fileName: "/etc/station/slave-0.conf") == .slave(0))
        #expect(StationConfFile.Kind(fileName: "slave-12.conf") == .slave(12))
        #expect(StationConfFile.Kind(fileName: "slave-x.conf") == .station)
    }

    @Test func missingOrMalformedRadioConf() throws {
        #expect(try Fixture.read(#"{"station_conf": {}}"#).errorPaths == ["radio_conf"])
        #expect(try Fixture.read(#"{"radio_conf": {}}"#).error(at: "radio_conf")?.detail == "{} is not allowed; expected an array")
        #expect(try Fixture.read(#"{"radio_conf": []}"#).errorPaths == ["radio_conf"])
        #expect(try Fixture.read(#"{"radio_conf": [3]}"#).errorPaths == ["radio_conf[0]"])
    }

    @Test func notJSONOrNotAnObjectIsThrown() {
        #expect(throws: StationConfError.self) { try Fixture.read("{\"radio_conf\": [") }
        do {
            _ = try Fixture.read("[1, 2]")
            Issue.record("expected an error")
        } catch let error as StationConfError {
            #expect(error.message == "the file holds a JSON array, expected an object with a \"radio_conf\" member")
        } catch {
            Issue.record("unexpected error")
        }
    }

    @Test func chipMustUseAConfiguredRFChain() throws {
        let file = try Fixture.conf(Fixture.board(#""SX1301_conf": [{"chip_enable": true, "chip_rf_chain": 1}]"#))
        #expect(file.isValid)  // rf chain 1 exists but does not receive: a warning
        #expect(file.diagnostics.warnings.map { $0.path } == ["radio_conf[0].SX1301_conf[0].chip_rf_chain"])
        let missing = try Fixture.conf(
            #"{"rf_chain_conf": [{"rx_enable": true, "tx_enable": true}], "SX1301_conf": [{"chip_enable": true, "chip_rf_chain": 1}]}"#)
        #expect(missing.errorPaths == ["radio_conf[0].SX1301_conf[0].chip_rf_chain"])
    }

    @Test func diagnosticMessageHasPathAndDetail() throws {
        let file = try Fixture.channel("chan_multiSF_3", #"{"spread_factor": 13}"#)
        #expect(file.diagnostics.errors.first?.message
                == "radio_conf[0].SX1301_conf[0].chan_multiSF_3.spread_factor: 13 is not allowed; spread_factor under chan_multiSF_X must be an integer 7..12")
    }
}
