import Foundation
import Testing

/// `lorikeet station-conf`, run as a process: output and exit status.
@Suite("lorikeet station-conf")
struct StationConfCLITests {
    @Test func checkValidFilesExitsZero() throws {
        let run = try CLI.run(["station-conf", "check", "examples/station-conf/station.conf", "examples/station-conf/slave-0.conf"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("board 0: device /dev/spidev0.0 (from \"/dev/spidev?.0\"), master, PPS yes"))
        #expect(run.stdout.contains("antenna: single antenna (RF-0)"))
        #expect(run.stdout.contains("chan_LoRa_std   868.300000 MHz  SF7               250 kHz"))
        #expect(run.stdout.contains("antenna: full duplex (RX on RF-0, TX on RF-1)"))
        #expect(run.stdout.contains("antenna: sectorization"))
    }

    @Test func checkInvalidFileListsEveryErrorAndExitsOne() throws {
        let run = try CLI.run(["station-conf", "check", "examples/station-conf/invalid.conf"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("INVALID: 13 errors"))
        #expect(run.stdout.contains("error: radio_conf[0].SX1301_conf[0].chan_multiSF_3.spread_factor: \"7-12\" is not allowed"))
    }

    @Test func checkUnreadableFileExitsTwo() throws {
        let run = try CLI.run(["station-conf", "check", "examples/station-conf/no-such.conf"])
        #expect(run.status == 2)
        #expect(run.stderr == "lorikeet station-conf check: examples/station-conf/no-such.conf: no such file\n")
    }

    @Test func ppsAcrossStationAndSlaveFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lorikeet-pps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let board = #"{"pps": true, "rf_chain_conf": [{"rx_enable": true, "tx_enable": true}]}"#
        for name in ["station.conf", "slave-1.conf"] {
            try Data("{\"radio_conf\": [\(board)]}".utf8).write(to: folder.appendingPathComponent(name))
        }
        let run = try CLI.run(["station-conf", "check", folder.appendingPathComponent("station.conf").path,
                                folder.appendingPathComponent("slave-1.conf").path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("slave-1.conf: radio_conf[0].pps: true, but"))
    }

    @Test func mergePrintsTheMergedConfiguration() throws {
        let run = try CLI.run(["station-conf", "merge", "examples/station-conf/station-two-chip.conf",
                                "--router-config", "examples/station-conf/router_config.json"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("{\n  \"station_conf\": {"))
        #expect(run.stdout.contains("\"chip_center_freq\": 867950000"))
        #expect(run.stderr.contains("single-chip plan duplicated for full antenna diversity"))
    }

    @Test func mergeFailures() throws {
        let tooBig = try CLI.run(["station-conf", "merge", "examples/station-conf/station.conf",
                                   "--router-config", "examples/station-conf/router_config-two-chip.json"])
        #expect(tooBig.status == 1)
        #expect(tooBig.stdout.isEmpty)
        let missing = try CLI.run(["station-conf", "merge", "examples/station-conf/station.conf", "--router-config", "none.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "lorikeet station-conf merge: --router-config none.json: no such file\n")
        let usage = try CLI.run(["station-conf", "merge", "examples/station-conf/station.conf"])
        #expect(usage.status == 2)
    }
}
