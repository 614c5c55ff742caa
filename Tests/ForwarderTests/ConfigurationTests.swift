import Regions
import Testing
@testable import Forwarder

@Suite struct ConfigurationTests {
    func source(_ name: String, _ text: String) -> ConfigurationFile.Source { .init(name: name, text: Array(text.utf8)) }

    @Test func semtechKeysAndRadioObject() throws {
        let global = source("global_conf.json", """
        {"SX1301_conf": {"lorawan_public": true},
         "gateway_conf": {"gateway_ID": "AA555A0000000000", "server_address": "router.eu.thethings.network",
           "serv_port_up": 1700, "serv_port_down": 1701, "keepalive_interval": 10, "stat_interval": 30,
           "push_timeout_ms": 100, "forward_crc_valid": true, "forward_crc_error": false, "forward_crc_disabled": false,
           "ref_latitude": 52.37, "ref_longitude": 4.89, "ref_altitude": 5, "unknown_key": 1},
         "radio": {"board": "boards/dragino.json", "region": "EU868", "frequency": 868100000, "datarate": "SF9BW125",
           "antenna_gain": 2}}
        """)
        let c = try ConfigurationFile.load(global: global, defaultEUI: nil)
        #expect(c.gatewayEUI.hex == "AA555A0000000000")
        #expect(c.serverAddress == "router.eu.thethings.network")
        #expect(c.serverPortUp == 1700 && c.serverPortDown == 1701)
        #expect(c.keepaliveMicros == 10_000_000 && c.statMicros == 30_000_000 && c.pushTimeoutMicros == 100_000)
        #expect(c.referenceLatitude == 52.37 && c.referenceAltitude == 5)
        #expect(c.radio.boardPath == "boards/dragino.json")
        #expect(c.radio.frequencyHz == 868_100_000 && c.radio.dataRate.text == "SF9BW125")
        #expect(c.radio.antennaGainDBi == 2)
    }

    @Test func localConfOverridesKeyByKey() throws {
        let global = source("global_conf.json", #"{"gateway_conf": {"gateway_ID": "AA555A0000000000", "server_address": "a.example", "stat_interval": 30}}"#)
        let local = source("local_conf.json", #"{"gateway_conf": {"gateway_ID": "0102030405060708"}}"#)
        let c = try ConfigurationFile.load(global: global, local: local, defaultEUI: nil)
        #expect(c.gatewayEUI.hex == "0102030405060708")
        #expect(c.serverAddress == "a.example")
        #expect(c.statMicros == 30_000_000)
    }

    @Test func defaultsComeFromTheRegionAndTheMAC() throws {
        let mac = GatewayEUI(mac: [2, 0, 0, 0, 0, 1])!
        let c = try ConfigurationFile.load(global: source("g.json", "{}"), defaultEUI: mac)
        #expect(c.gatewayEUI == mac)
        #expect(c.keepaliveMicros == 10_000_000)
        #expect(c.radio.region == .eu868)
        #expect(c.radio.frequencyHz == RegionID.eu868.plan.singleChannel.frequencyHz)
    }

    @Test func errorsNameFileAndKey() {
        let cases: [(String, String, String)] = [
            ("g.json", #"{"gateway_conf": {"serv_port_up": "1700"}}"#, "g.json: gateway_conf.serv_port_up: expected an integer 1-65535"),
            ("g.json", #"{"gateway_conf": {"gateway_ID": "xyz"}}"#, "g.json: gateway_conf.gateway_ID: expected 16 hex digits"),
            ("g.json", #"{"radio": {"region": "EU869"}}"#, "g.json: radio.region: expected a region name"),
            ("g.json", #"{"radio": {"region": "EU868", "frequency": 915000000}}"#, "g.json: radio.frequency: 915000000 Hz is not a EU868 frequency"),
            ("g.json", #"{"radio": {"datarate": "SF7"}}"#, "g.json: radio.datarate: expected a LoRa data rate"),
            ("g.json", #"{"gateway_conf": {"forward_crc_error": 1}}"#, "g.json: gateway_conf.forward_crc_error: expected true or false"),
            ("g.json", #"{"gateway_conf": [1]}"#, "g.json: gateway_conf: expected an object"),
            ("g.json", #"{"gateway_conf": {"#, "g.json: invalid JSON at line 1"),
        ]
        for (name, text, expected) in cases {
            do {
                _ = try ConfigurationFile.load(global: source(name, text), defaultEUI: GatewayEUI(hex: "0000000000000001"))
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.message.hasPrefix(expected), "\(error.message)")
            }
        }
    }
}
