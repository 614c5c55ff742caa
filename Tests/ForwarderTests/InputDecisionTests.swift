import LoRaPHY
import Testing
@testable import Forwarder

/// Issue 12 #9 and #13: what the forwarder decided for edge-case input (docs/gateway.md "Edge cases decided").
@Suite struct InputDecisionTests {
    func parse(_ fields: String) -> Result<TxPacket, MalformedDatagram> {
        TxPacket.parse(json: Array((#"{"txpk":{"imme":true,"freq":869.525,"datr":"SF9BW125","data":"AQID""# + fields + "}}").utf8)[...])
    }

    @Test func codingRatesAsLoraPktFwdWritesThem() throws {
        #expect(try parse(#","codr":"2/3""#).get().codingRate == .cr4_6)
        #expect(try parse(#","codr":"1/2""#).get().codingRate == .cr4_8)
        #expect(try parse(#","codr":"4/7""#).get().codingRate == .cr4_7)
        #expect((try? parse(#","codr":"3/4""#).get()) == nil)
    }

    @Test func refusedAsMalformed() {
        #expect(parse(#","rfch":128"#) == .failure(.badTxpk("\"rfch\" must be an integer in 0-1")))
        #expect((try? parse(#","rfch":1"#).get())?.rfChain == 1)
        let padded = TxPacket.parse(json: Array(#"{"txpk":{"imme":true,"freq":869.525,"datr":"SF07BW125","data":"AQID"}}"#.utf8)[...])
        #expect(padded == .failure(.badTxpk("\"datr\" must be a LoRa data rate such as \"SF7BW125\"")))
        var withNUL = Array(#"{"txpk":{"imme":true,"freq":869.525,"datr":"SF9BW125","data":"AQID"}}"#.utf8)
        withNUL += [0] + Array(#"{"x":1}"#.utf8)
        #expect(TxPacket.parse(json: withNUL[...]) == .failure(.badTxpk("a NUL byte inside the JSON")))
        #expect(parse(#","x":"a\u0000b""#) == .failure(.badTxpk("a NUL byte inside the JSON")))
        #expect((try? parse(#","x":"a\\u0000b""#).get()) != nil)  // an escaped backslash, then text
    }

    @Test func configurationEdgeCases() throws {
        let name = "global_conf.json"
        func load(_ text: String) throws(ConfigurationError) -> ForwarderConfiguration {
            try ConfigurationFile.load(global: .init(name: name, text: Array(text.utf8)), defaultEUI: GatewayEUI(hex: "0000000000000001"))
        }
        do {
            _ = try load(#"{"gateway_conf": {"server_address": "ns.example\u0000evil.example"}}"#)
            Issue.record("a server name with a NUL was taken")
        } catch {
            #expect(error.message == #"global_conf.json: a NUL character (\u0000) inside the file; no key may contain one"#)
        }
        #expect(try load(#"{"gateway_conf": {"tx_late_margin_us": 50}}"#).jit.lateMarginMicros == 50)
        #expect(try load(#"{}"#).jit.lateMarginMicros == nil)
    }
}
