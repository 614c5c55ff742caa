import BoardProfile
import Forwarder
import Foundation
import GatewayProgram
import JSON
import LoRaPHY
import StationConf
import Testing

/// Issue 12, "Done when": every number-taking key of every file the
/// gateway reads, given hostile numbers, is either accepted or refused with
/// one line naming the problem — never a trap. Each file's own keys are
/// fuzzed (every leaf of the shipped examples) plus the optional numeric
/// keys its loader knows that the examples leave out.
@Suite struct HostileFileTests {
    static func document(_ relativePath: String) throws -> JSONValue {
        let url = CLI.packageRoot.appendingPathComponent(relativePath)
        return try JSONParser.parse([UInt8](try Data(contentsOf: url)))
    }

    /// Runs `load` on the document with each path replaced by each value;
    /// returns how many were tried. `load` gives nil (accepted) or the error.
    static func fuzz(_ document: JSONValue, paths: [[String]], seed: UInt64, seeded: Int = 12,
                     load: (String) -> String?) -> Int {
        var numbers = HostileNumbers(seed: seed)
        var tried = 0
        for path in paths {
            for raw in numbers.values(HostileNumbers.jsonEdges, seeded: seeded) {
                let text = replacing(path, with: raw, in: document)
                if let message = load(text) {
                    #expect(isOneLine(message), "\(path.joined(separator: ".")) = \(raw): \(message)")
                }
                tried += 1
            }
        }
        return tried
    }

    @Test func globalConfKeys() throws {
        let document = try Self.document("examples/global_conf.json")
        let optional = [
            "ref_latitude", "ref_longitude", "ref_altitude", "radio_silence_s", "tx_max_advance_s", "tx_prepare_us",
            "tx_start_latency_us", "uplink_queue_max_age_s", "uplink_queue_size", "watchdog_stall_s",
        ].map { ["gateway_conf", $0] } + ["antenna_gain", "max_tx_power", "sync_word", "coding_rate"].map { ["radio", $0] }
        let tried = Self.fuzz(document, paths: leafPaths(document) + optional, seed: 12) { text in
            do throws(ConfigurationError) {
                _ = try ConfigurationFile.load(
                    global: .init(name: "global_conf.json", text: Array(text.utf8)), defaultEUI: GatewayEUI(hex: "0102030405060708"))
                return nil
            } catch {
                return error.message
            }
        }
        #expect(tried > 500)
    }

    @Test func localConfOverridesTheSameWay() throws {
        let global = try Self.document("examples/global_conf.json")
        let empty = JSONValue.object(JSONObject())
        let paths = leafPaths(global).filter { $0.first == "gateway_conf" }
        let tried = Self.fuzz(empty, paths: paths, seed: 13, seeded: 4) { text in
            do throws(ConfigurationError) {
                _ = try ConfigurationFile.load(
                    global: .init(name: "global_conf.json", text: Array(JSONSerializer.compact(global).utf8)),
                    local: .init(name: "local_conf.json", text: Array(text.utf8)), defaultEUI: nil)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(tried > 100)
    }

    @Test func boardProfileKeys() throws {
        let optional = ["frequency-hz", "spi-speed-hz", "reset-gpio", "dio0-gpio", "dio1-gpio", "dio2-gpio", "cs-gpio",
                        "channel", "max-tx-power-dbm", "antenna-gain-dbi"].map { [$0] }
        var tried = 0
        for name in ["mock", "adafruit-rfm9x-bonnet", "dragino-lora-gps-hat", "uputronics-lora-hat-ce1"] {
            let document = try Self.document("boards/\(name).json")
            tried += Self.fuzz(document, paths: leafPaths(document) + optional, seed: 14, seeded: 4) { text in
                do throws(BoardProfileError) {
                    _ = try BoardProfileLoader.load(text, file: "\(name).json")
                    return nil
                } catch {
                    return error.message
                }
            }
        }
        #expect(tried > 1_000)
    }

    @Test func stationConfKeys() throws {
        var tried = 0
        for name in ["station.conf", "slave-0.conf", "station-two-chip.conf"] {
            let document = try Self.document("examples/station-conf/\(name)")
            tried += Self.fuzz(document, paths: leafPaths(document), seed: 15, seeded: 2) { text in
                do throws(StationConfError) {
                    _ = try StationConfFile.read(Array(text.utf8), fileName: name)
                    return nil
                } catch {
                    return error.message
                }
            }
        }
        #expect(tried > 300)
    }

    @Test func devicesFileKeys() throws {
        let document = try Self.document("examples/mock-devices.json")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lorikeet-devices-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("devices.json").path
        // The first ABP and the OTAA device, every key, plus the optional data_rate.
        let paths = leafPaths(document).filter { $0.count == 3 && ($0[1] == "#0" || $0[1] == "#3") }
            + [["devices", "#0", "data_rate"], ["devices", "#3", "period_s"]]
        let tried = Self.fuzz(document, paths: paths, seed: 16, seeded: 2) { text in
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            do throws(MockDeviceFile.Failure) {
                _ = try MockDeviceFile.load(path, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(tried > 300)
    }
}
