import LoRaPHY
import Testing
@testable import Forwarder

/// Fuzz-style: thousands of malformed datagrams from the server's own
/// address (a seeded generator, so failures reproduce) must be counted and
/// ignored while uplinks keep flowing.
@Suite struct MalformedDatagramTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
    }

    static let validTxpk = #"{"txpk":{"imme":false,"tmst":123456,"freq":869.525,"rfch":0,"powe":14,"modu":"LORA","datr":"SF9BW125","codr":"4/5","ipol":true,"size":3,"data":"AQID"}}"#

    static func malformed(_ g: inout Generator) -> [UInt8] {
        let token = g.bytes(2)
        switch g.below(12) {
        case 0: return g.bytes(g.below(4))  // truncated
        case 1: return [UInt8(3 + g.below(250))] + token + [3] + Array(validTxpk.utf8)  // wrong version
        case 2: return [2] + token + [UInt8(6 + g.below(250))] + g.bytes(g.below(40))  // unknown identifier
        case 3: return [2] + token + [3] + g.bytes(g.below(300))  // garbage JSON
        case 4: return [2] + token + [3] + Array("{\"txpk\":{\"tmst\":1e308,\"freq\":-1e400,\"datr\":\"SF7BW125\",\"data\":\"AQID\"}}".utf8)
        case 5: return [2] + token + [3] + Array("{\"txpk\":{\"tmst\":-5,\"freq\":868.1,\"datr\":\"SF7BW125\",\"data\":\"AQID\"}}".utf8)
        case 6: return [2] + token + [3] + Array("{\"txpk\":{\"tmst\":5,\"freq\":868.1,\"datr\":\"SF7BW125\",\"data\":\"A!ID\"}}".utf8)
        case 7: return [2] + token + [3] + Array("{\"txpk\":{\"tmst\":5,\"freq\":868.1,\"datr\":\"SF7BW125\",\"size\":99,\"data\":\"AQID\"}}".utf8)
        case 8:  // a valid request cut short
            let full = Array(validTxpk.utf8)
            return [2] + token + [3] + Array(full[0..<g.below(full.count - 1)])
        case 9:  // bytes of a valid request flipped
            var full = [2] + token + [3] + Array(validTxpk.utf8)
            for _ in 0..<(1 + g.below(4)) { full[4 + g.below(full.count - 4)] = UInt8(truncatingIfNeeded: g.next()) }
            return full[3] == 3 ? full : [2] + token + [3] + [0x7B]
        case 10: return [2] + token + [3] + Array("[1,2,3]".utf8)
        default: return [2] + token + [3] + Array("{\"txpk\":{\"tmst\":5,\"freq\":868.1,\"datr\":12,\"data\":null}}".utf8)
        }
    }

    @Test func thousandsOfMalformedDatagramsAreCountedAndIgnored() throws {
        let second: UInt64 = 1_000_000
        let h = GatewayHarness(start: 10 * second)
        let device = TestDevice(id: 1, air: h.air, parameters: LoRaParameters(spreadingFactor: .sf7))
        try h.gateway.start()
        var g = Generator(state: 0x5EED)
        let count = 5_000
        var batches: [[[UInt8]]] = []
        for index in 0..<count {
            if index % 100 == 0 { batches.append([]) }
            batches[batches.count - 1].append(Self.malformed(&g))
        }
        for (number, batch) in batches.enumerated() {
            h.clock.schedule(at: 11 * second + UInt64(number) * 1_000_000) {
                for (index, datagram) in batch.enumerated() { h.network.deliverToGateway(datagram, up: index % 3 == 0) }
            }
        }
        for k in 0..<10 {
            let at = 11 * second + UInt64(k) * 5 * second
            h.clock.schedule(at: at) { device.transmit(confirmed: false, start: at) }
        }
        try h.run(until: 70 * second)
        let s = h.gateway.statistics
        #expect(h.server.rxpks.count == 10)
        // Flipped bytes can still make a well-formed request (then answered); everything else is dropped.
        #expect(s.malformed + s.dwnb >= UInt64(count) * 8 / 10)
        #expect(s.malformed > UInt64(count) / 2)
        #expect(h.logLines.contains { $0.hasPrefix("dropped a malformed datagram from the server: ") })
    }
}
