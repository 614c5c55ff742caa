import Forwarder
import Testing
@testable import GatewayProgram

/// global_conf.json + local_conf.json + flags, as lora_pkt_fwd reads them;
/// every problem is one line naming the file and key, exit code 2.
@Suite struct GatewayConfigurationTests {
    static let eui = "--gateway-id"
    func options(config: String?) -> GatewayOptions {
        var o = GatewayOptions()
        o.configPath = config
        o.gatewayID = "0102030405060708"
        return o
    }

    @Test func localConfOverridesTheGlobalFileKeyByKey() throws {
        let scratch = Scratch("local")
        let global = scratch.file("global_conf.json", #"{"gateway_conf": {"serv_port_up": 1700, "server_address": "a.example"}}"#)
        _ = scratch.file("local_conf.json", #"{"gateway_conf": {"server_address": "b.example", "realtime": true}}"#)
        let loaded = try GatewayConfiguration.load(options(config: global))
        #expect(loaded.forwarder.serverAddress == "b.example")
        #expect(loaded.forwarder.serverPortUp == 1700)
        #expect(loaded.realTime == RealTimeSetting(enabled: true, priority: 50))
        #expect(loaded.sources.count == 2)
    }

    @Test func aLocalConfThatIsADirectoryIsAnError() throws {
        let scratch = Scratch("localdir")
        let global = scratch.file("global_conf.json", "{}")
        let local = scratch.directory("local_conf.json")
        do {
            _ = try GatewayConfiguration.load(options(config: global))
            Issue.record("ran without the local overrides")
        } catch {
            #expect(error == GatewayFailure("\(local): is a directory, expected a file", exitCode: 2))
        }
    }

    @Test func aMissingOrOversizedConfigIsOneLine() throws {
        do {
            _ = try GatewayConfiguration.load(options(config: "/nonexistent/global_conf.json"))
            Issue.record("read a missing file")
        } catch {
            #expect(error == GatewayFailure("--config: cannot read /nonexistent/global_conf.json", exitCode: 2))
        }
        let scratch = Scratch("big")
        let big = scratch.file("global_conf.json", "")
        _ = shell("head -c 1048577 /dev/zero | tr '\\\\0' ' ' > '\(big)'")
        do {
            _ = try GatewayConfiguration.load(options(config: big))
            Issue.record("read a file over the limit")
        } catch {
            #expect(error.message == "--config: \(big): larger than 1048576 bytes")
        }
    }

    @Test func withoutConfigTheDefaultsRun() throws {
        let loaded = try GatewayConfiguration.load(options(config: nil))
        #expect(loaded.forwarder.serverAddress == "127.0.0.1")
        #expect(loaded.forwarder.gatewayEUI.hex == "0102030405060708")
    }

    @Test func flagsOverrideAndAreChecked() throws {
        var o = options(config: nil)
        o.server = "[::1]:1800"
        let loaded = try GatewayConfiguration.load(o)
        #expect(loaded.forwarder.serverAddress == "::1")
        #expect(loaded.forwarder.serverPortDown == 1800)
        for (flag, bad) in [("--server", "localhost"), ("--server", ":1700"), ("--frequency", "1e300"), ("--datarate", "SF99"),
                            ("--gateway-id", "xyz")] {
            var o = options(config: nil)
            switch flag {
            case "--server": o.server = bad
            case "--frequency": o.frequency = bad
            case "--datarate": o.datarate = bad
            default: o.gatewayID = bad
            }
            do {
                _ = try GatewayConfiguration.load(o)
                Issue.record("accepted \(flag) \(bad)")
            } catch {
                #expect(error.exitCode == 2)
                #expect(error.message.hasPrefix("\(flag): expected"), "\(error.message)")
            }
        }
    }

    @Test func realtimeKeysAreChecked() throws {
        let scratch = Scratch("rt")
        let global = scratch.file("global_conf.json", #"{"gateway_conf": {"realtime": "yes"}}"#)
        #expect(throws: GatewayFailure("\(global): gateway_conf.realtime: expected true or false, found string", exitCode: 2)) {
            try GatewayConfiguration.load(options(config: global))
        }
        let priority = scratch.file("p/global_conf.json", #"{"gateway_conf": {"realtime": true, "realtime_priority": 1e300}}"#)
        #expect(throws: GatewayFailure("\(priority): gateway_conf.realtime_priority: expected an integer 1-99", exitCode: 2)) {
            try GatewayConfiguration.load(options(config: priority))
        }
    }

    @Test func backhaulThreadIsOnByDefaultAndCanBeTurnedOff() throws {
        let scratch = Scratch("backhaul")
        let plain = scratch.file("global_conf.json", "{}")
        #expect(try GatewayConfiguration.load(options(config: plain)).backhaul.thread)
        let off = scratch.file("off/global_conf.json", #"{"gateway_conf": {"backhaul_thread": false}}"#)
        #expect(try GatewayConfiguration.load(options(config: off)).backhaul.thread == false)
        let bad = scratch.file("bad/global_conf.json", #"{"gateway_conf": {"backhaul_thread": 1}}"#)
        #expect(throws: GatewayFailure("\(bad): gateway_conf.backhaul_thread: expected true or false, found number", exitCode: 2)) {
            try GatewayConfiguration.load(options(config: bad))
        }
    }
}
