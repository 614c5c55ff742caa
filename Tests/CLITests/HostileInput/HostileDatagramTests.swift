import Forwarder
import JSON
import Testing
@testable import lorikeet

/// Issue 12, "Done when": every number of a datagram, hostile, is refused
/// with one line (a counted drop) or accepted — never a trap. The gateway's
/// side parses PULL_RESP `txpk`; `lorikeet serve` parses PUSH_DATA `rxpk`.
@Suite struct HostileDatagramTests {
    static let txpk = JSONValue.object(JSONObject(pairs: [
        ("imme", .bool(false)), ("tmst", .number(3_512_348_611)), ("freq", .number(869.525)), ("rfch", .number(0)),
        ("powe", .number(14)), ("modu", .string("LORA")), ("datr", .string("SF12BW125")), ("codr", .string("4/5")),
        ("ipol", .bool(true)), ("prea", .number(8)), ("size", .number(4)), ("data", .string("AQIDBA==")),
        ("ncrc", .bool(true)),
    ]))

    @Test func gatewayTxpkFields() {
        var numbers = HostileNumbers(seed: 21)
        var tried = 0
        for key in Self.txpk.objectValue!.keys + ["tmms", "fdev", "brd", "ant"] {
            for raw in numbers.values(HostileNumbers.jsonEdges, seeded: 24) {
                let text = "{\"txpk\": " + replacing([key], with: raw, in: Self.txpk) + "}"
                if case .failure(let why) = TxPacket.parse(json: Array(text.utf8)[...]) {
                    #expect(isOneLine(why.message), "txpk.\(key) = \(raw): \(why.message)")
                }
                tried += 1
            }
        }
        #expect(tried > 600)
    }

    static let rxpk = JSONValue.object(JSONObject(pairs: [
        ("time", .string("2026-12-01T21:00:00.000000Z")), ("tmst", .number(3_512_348_611)), ("chan", .number(0)),
        ("rfch", .number(0)), ("freq", .number(868.1)), ("stat", .number(1)), ("modu", .string("LORA")),
        ("datr", .string("SF7BW125")), ("codr", .string("4/5")), ("rssi", .number(-35)), ("lsnr", .number(5.1)),
        ("size", .number(4)), ("data", .string("AQIDBA==")),
    ]))

    @Test func serveRxpkFields() throws {
        var numbers = HostileNumbers(seed: 22)
        var tried = 0
        var refused = 0
        for key in Self.rxpk.objectValue!.keys {
            for raw in numbers.values(HostileNumbers.jsonEdges, seeded: 24) {
                let value = try JSONParser.parse(Array(replacing([key], with: raw, in: Self.rxpk).utf8))
                do throws(ServeUplink.Refusal) {
                    let uplink = try ServeUplink(value, at: "rxpk[0]")
                    // Accepted: every number shown and every downlink built from it stays in range.
                    #expect(isOneLine(uplink.describe(gateway: "AA555A0000000001")))
                    _ = uplink.answer([0x20], delayMicros: 5_000_000)
                } catch {
                    refused += 1
                    #expect(isOneLine(error.message) && error.message.hasPrefix("rxpk[0].\(key)"), "\(key) = \(raw): \(error.message)")
                }
                tried += 1
            }
        }
        #expect(tried > 400 && refused > 100)
    }

    @Test func theReportedDatagramsAreRefusedByName() throws {
        for (key, raw, message) in [
            ("freq", "1e300", "rxpk[0].freq: expected MHz in 0..4294.967295, got 1e+300"),
            ("rssi", "-1e300", "rxpk[0].rssi: expected dBm in -300..100, got -1e+300"),
            ("lsnr", "1e300", "rxpk[0].lsnr: expected dB in -100..100, got 1e+300"),
            ("freq", "1e999", "rxpk[0].freq: expected MHz in 0..4294.967295, got inf"),
            ("tmst", "4294967296", "rxpk[0].tmst: expected an integer 0-4294967295, got 4294967296.0"),
        ] {
            let value = try JSONParser.parse(Array(replacing([key], with: raw, in: Self.rxpk).utf8))
            do throws(ServeUplink.Refusal) {
                _ = try ServeUplink(value, at: "rxpk[0]")
                Issue.record("\(key) = \(raw) accepted")
            } catch {
                #expect(error.message == message)
            }
        }
    }
}
