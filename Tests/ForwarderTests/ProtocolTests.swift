import JSON
import LoRaPHY
import Testing
@testable import Forwarder

@Suite struct Base64Tests {
    @Test func rfc4648Vectors() {
        let vectors: [(String, String)] = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                                           ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func paddingIsOptionalOnInput() {
        #expect(Base64.decode("Zg") == Array("f".utf8))
        #expect(Base64.decode("Zm8") == Array("fo".utf8))
    }

    @Test func rejectsWhatIsNotBase64() {
        for bad in ["Z", "Zm9v!", "Zm=v", "Zg===", "Zh==", "Zm9vYg=", "====", "Zm 9v", "Zm9v\n"] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
    }

    @Test func roundTripsEveryLength() {
        var state: UInt32 = 12_345
        for length in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 1_664_525 &+ 1_013_904_223
                bytes.append(UInt8(truncatingIfNeeded: state >> 24))
            }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
    }
}

@Suite struct TimeTextTests {
    @Test func isoAndExpandedForms() {
        // 2013-03-31T16:21:17.528002Z, the example of PROTOCOL.TXT.
        let micros: Int64 = 1_364_746_877_528_002
        #expect(TimeText.iso8601(utcMicros: micros) == "2013-03-31T16:21:17.528002Z")
        #expect(TimeText.expanded(utcMicros: 1_389_517_168_000_000) == "2014-01-12 08:59:28 GMT")
        #expect(TimeText.iso8601(utcMicros: 0) == "1970-01-01T00:00:00.000000Z")
        #expect(TimeText.iso8601(utcMicros: 951_782_400_000_001) == "2000-02-29T00:00:00.000001Z")
    }

    @Test func fixedPointNumbers() {
        #expect(NumberText.fixed(868.1, decimals: 6) == "868.100000")
        #expect(NumberText.fixed(-7.25, decimals: 1) == "-7.3")
        #expect(NumberText.fixed(-0.04, decimals: 1) == "0.0")
        #expect(NumberText.fixed(9.5, decimals: 0) == "10")
        #expect(NumberText.fixed(-57, decimals: 0) == "-57")
        #expect(NumberText.megahertz(869_525_000) == "869.525000")
    }
}

@Suite struct DatagramTests {
    let eui = GatewayEUI(hex: "B827EBFFFE123456")!

    @Test func euiForms() {
        #expect(eui.hex == "B827EBFFFE123456")
        #expect(GatewayEUI(hex: "b8:27:eb:ff:fe:12:34:56") == eui)
        #expect(GatewayEUI(mac: [0xB8, 0x27, 0xEB, 0x12, 0x34, 0x56]) == eui)
        #expect(GatewayEUI(hex: "B827EB") == nil)
        #expect(GatewayEUI(hex: "B827EBFFFE12345G") == nil)
    }

    @Test func pushDataAndPullDataLayout() {
        let push = SemtechDatagram.encode(.pushData, token: 0xABCD, eui: eui, json: "{}")
        #expect(push == [2, 0xAB, 0xCD, 0, 0xB8, 0x27, 0xEB, 0xFF, 0xFE, 0x12, 0x34, 0x56, 0x7B, 0x7D])
        #expect(SemtechDatagram.pullData(token: 1, eui: eui) == [2, 0, 1, 2, 0xB8, 0x27, 0xEB, 0xFF, 0xFE, 0x12, 0x34, 0x56])
    }

    @Test func txAckIsIdentifierFiveEchoingTheToken() {
        let ack = SemtechDatagram.encode(.txAck, token: 0x1234, eui: eui, json: TxAck(error: .tooLate).json)
        #expect(Array(ack[0..<4]) == [2, 0x12, 0x34, 5])
        #expect(String(decoding: ack[12...], as: UTF8.self) == "{\"txpk_ack\":{\"error\":\"TOO_LATE\"}}")
        #expect(TxAck(error: .none, powerWarningDBm: 14).json == "{\"txpk_ack\":{\"error\":\"NONE\",\"warn\":\"TX_POWER\",\"value\":14}}")
    }

    @Test func headerValidation() {
        #expect(SemtechDatagram.header([2, 0, 1][...]) == .failure(.truncated))
        #expect(SemtechDatagram.header([3, 0, 1, 1][...]) == .failure(.wrongVersion))
        #expect(SemtechDatagram.header([2, 0, 1, 9][...]) == .failure(.unknownIdentifier))
        #expect(SemtechDatagram.header([2, 0x12, 0x34, 1][...])
            == .success(.init(version: 2, token: 0x1234, identifier: .pushAck)))
    }
}

@Suite struct RxPacketTests {
    @Test func rxpkCarriesEveryField() throws {
        let rx = RxPacket(utcMicros: 1_364_746_877_528_002, tmst: 3_512_348_611, frequencyHz: 868_100_000, crcStatus: 1,
                          dataRate: DataRateName("SF7BW125")!, codingRate: .cr4_5, rssiDBm: -35.4, snrDB: 5.15,
                          payload: [0x40, 1, 2, 3])
        let value = try JSONParser.parse(rx.json)
        #expect(rx.json == "{\"time\":\"2013-03-31T16:21:17.528002Z\",\"tmst\":3512348611,\"chan\":0,\"rfch\":0,\"freq\":868.100000,\"stat\":1,\"modu\":\"LORA\",\"datr\":\"SF7BW125\",\"codr\":\"4/5\",\"rssi\":-35,\"lsnr\":5.2,\"size\":4,\"data\":\"QAECAw==\"}")
        #expect(value["tmst"]?.integerValue == 3_512_348_611)
        #expect(value["freq"]?.numberValue == 868.1)
    }

    @Test func statObjectIsFresh() throws {
        let stat = StatReport(utcMicros: 1_389_517_168_000_000, latitude: 46.24, longitude: 3.2523, altitudeMeters: 145,
                              rxnb: 2, rxok: 2, rxfw: 2, ackr: 100, dwnb: 2, txnb: 2)
        let value = try JSONParser.parse(stat.json)
        #expect(value["stat"]?["time"]?.stringValue == "2014-01-12 08:59:28 GMT")
        #expect(value["stat"]?["lati"]?.numberValue == 46.24)
        #expect(value["stat"]?["ackr"]?.numberValue == 100)
        let bare = StatReport(utcMicros: 0, rxnb: 0, rxok: 0, rxfw: 0, ackr: 0, dwnb: 0, txnb: 0)
        #expect(try JSONParser.parse(bare.json)["stat"]?["lati"] == nil)
    }
}

@Suite struct TxPacketTests {
    func parse(_ text: String) -> Result<TxPacket, MalformedDatagram> { TxPacket.parse(json: Array(text.utf8)[...]) }

    @Test func protocolExampleAndLeniency() throws {
        // PROTOCOL.TXT's example, plus unknown keys, nulls, escaped slashes and a float artefact.
        let text = #"{"txpk":{"imme":null,"tmst":4294967295,"freq":869.5249999999999,"rfch":0,"powe":27,"modu":"LORA","datr":"SF12BW125","codr":"4\/5","ipol":true,"size":4,"data":"QAECAw==","brd":0,"extra":{"x":[1,2]},"ncrc":null}}"#
        let txpk = try parse(text).get()
        #expect(txpk.timing == .counter(4_294_967_295))
        #expect(txpk.frequencyHz == 869_525_000)
        #expect(txpk.codingRate == .cr4_5)
        #expect(txpk.powerDBm == 27)
        #expect(txpk.invertPolarity)
        #expect(!txpk.noCRC)
        #expect(txpk.payload == [0x40, 1, 2, 3])
        #expect(txpk.preambleSymbols == 8)
    }

    @Test func immediateAndGPS() throws {
        #expect(try parse(#"{"txpk":{"imme":true,"freq":868.1,"datr":"SF9BW125","data":"AQ"}}"#).get().timing == .immediate)
        #expect(try parse(#"{"txpk":{"tmms":1234,"freq":868.1,"datr":"SF9BW125","data":"AQ=="}}"#).get().timing == .gps)
    }

    @Test func roundTripsItsOwnJSON() throws {
        let original = try parse(#"{"txpk":{"tmst":1000,"freq":868.3,"powe":14,"datr":"SF8BW125","codr":"4/6","ipol":true,"prea":10,"data":"AAEC","ncrc":true}}"#).get()
        #expect(try parse(original.json).get() == original)
    }

    @Test func malformedRequestsSayWhy() {
        let cases: [(String, String)] = [
            (#"{"nottxpk":{}}"#, "no \"txpk\" object"),
            (#"{"txpk":{"freq":868.1,"datr":"SF7BW125","data":"AQ=="}}"#, "none of"),
            (#"{"txpk":{"tmst":-1,"freq":868.1,"datr":"SF7BW125","data":"AQ=="}}"#, "\"tmst\""),
            (#"{"txpk":{"tmst":1e30,"freq":868.1,"datr":"SF7BW125","data":"AQ=="}}"#, "\"tmst\""),
            (#"{"txpk":{"tmst":1,"freq":"868.1","datr":"SF7BW125","data":"AQ=="}}"#, "\"freq\""),
            (#"{"txpk":{"tmst":1,"freq":868.1,"datr":"SF13BW125","data":"AQ=="}}"#, "\"datr\""),
            (#"{"txpk":{"tmst":1,"freq":868.1,"datr":"SF7BW125","data":"A"}}"#, "Base64"),
            (#"{"txpk":{"tmst":1,"freq":868.1,"datr":"SF7BW125","size":3,"data":"AQ=="}}"#, "differs"),
            (#"{"txpk":{"tmst":1,"freq":868.1,"modu":"FSK","datr":"SF7BW125","data":"AQ=="}}"#, "LORA only"),
        ]
        for (text, reason) in cases {
            guard case .failure(.badTxpk(let why)) = parse(text) else {
                Issue.record("accepted: \(text)")
                continue
            }
            #expect(why.contains(reason), "\(why)")
        }
        #expect(parse("{\"txpk\":") == .failure(.badJSON))
    }
}
