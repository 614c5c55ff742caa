import Testing
@testable import Mesh

/// Hostile bytes into every parser of the Thread layers (seeded: the same inputs each run):
/// each input is refused with a MeshError or decoded; nothing traps.
@Suite struct ThreadParserFuzzTests {
    static func inputs(_ seed: UInt64, count: Int = 4000) -> [[UInt8]] {
        var r = MeshRandom(seed: seed)
        return (0..<count).map { _ in r.bytes(Int(r.upTo(160))) }
    }

    @Test func mleTLVsMessagesAndDatasetsNeverTrap() {
        let keys = try! KeyManager(networkKey: .pymeshDefault)
        let src = [UInt8](repeating: 0xfe, count: 16), dst = [UInt8](repeating: 0xff, count: 16)
        var decoded = 0
        for bytes in Self.inputs(11) {
            if let m = try? MLEMessage(decoding: bytes) {
                decoded += 1
                _ = try? m.get(MLERoute64.self)
                _ = try? m.get(MLELeaderData.self)
                _ = try? m.get(MLEConnectivity.self)
                _ = try? m.get(MLEAddressRegistration.self)
            }
            _ = try? MLESecurity.open([0, 0x15] + bytes, keyManager: keys, source: src, destination: dst)
            _ = try? OperationalDataset(decoding: bytes, base: .pymeshDefault)
            _ = try? MLERoute64(value: bytes)
        }
        #expect(decoded > 0)
    }

    @Test func coapAndNetworkDataNeverTrap() {
        var coap = 0
        for bytes in Self.inputs(12) {
            if (try? CoAPMessage(decoding: [0x40] + bytes)) != nil { coap += 1 }
            _ = try? NetworkData(decoding: bytes)
            _ = ThreadTLVType.find(ThreadTLVType.rloc16, in: bytes)
        }
        #expect(coap > 0)
    }

    @Test func aThreadNodeSurvivesHostileDatagrams() throws {
        let node = try ThreadNode(dataset: .pymeshDefault, extAddress: ExtendedAddress(0x42), seed: 3)
        node.start(nowMillis: 0)
        var t: UInt64 = 0
        for bytes in Self.inputs(13, count: 2000) {
            t += 5
            for port in [ThreadTiming.mlePort, CoAPMessage.threadPort] {
                node.receive(ThreadDatagram(source: ThreadAddresses.linkLocal(ExtendedAddress(0x77)), destination: node.linkLocalAddress,
                                            sourcePort: port, destinationPort: port, payload: bytes, linkMarginDB: 80), nowMillis: t)
            }
            node.tick(nowMillis: t)
            node.outbox = []
        }
        #expect(node.droppedMLE + node.droppedWrongKey > 1000)
        #expect(node.role == .leader || node.role == .detached)
    }
}
