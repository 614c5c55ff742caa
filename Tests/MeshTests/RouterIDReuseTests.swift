import Testing
@testable import Mesh

/// The leader does not hand out a released or expired router id for ID_REUSE_DELAY (100 s;
/// OpenThread `RouterTable::Release`, `RouterIdMap::CanAllocate`).
@Suite struct RouterIDReuseTests {
    /// An Address Solicit from `ext` asking for `wanted`, as a REED sends it; the id given.
    static func solicit(_ leader: ThreadNode, ext: UInt64, wanting wanted: UInt8, at now: UInt64,
                        reason: UInt8 = ThreadTLVType.reasonTooFewRouters) throws -> UInt8? {
        var payload: [UInt8] = []
        MLETLV(type: ThreadTLVType.extMACAddress, value: ExtendedAddress(ext).bytes).encode(into: &payload)
        MLETLV(type: ThreadTLVType.status, value: [reason]).encode(into: &payload)
        var r: [UInt8] = []
        MLEBytes.put16(UInt16(wanted) << 10, &r)
        MLETLV(type: ThreadTLVType.rloc16, value: r).encode(into: &payload)
        try post(leader, uri: ThreadNode.addressSolicitURI, payload: payload, at: now)
        let ack = try #require(leader.outbox.compactMap { try? CoAPMessage(decoding: $0.payload) }.first { $0.kind == .acknowledgement })
        return ThreadTLVType.find(ThreadTLVType.rloc16, in: ack.payload).map { UInt8(MLEBytes.be16($0, 0) >> 10) }
    }

    static func release(_ leader: ThreadNode, ext: UInt64, id: UInt8, at now: UInt64) throws {
        var payload: [UInt8] = []
        var r: [UInt8] = []
        MLEBytes.put16(UInt16(id) << 10, &r)
        MLETLV(type: ThreadTLVType.rloc16, value: r).encode(into: &payload)
        MLETLV(type: ThreadTLVType.extMACAddress, value: ExtendedAddress(ext).bytes).encode(into: &payload)
        try post(leader, uri: ThreadNode.addressReleaseURI, payload: payload, at: now)
    }

    static func post(_ leader: ThreadNode, uri: String, payload: [UInt8], at now: UInt64) throws {
        let m = CoAPMessage(kind: .confirmable, code: CoAPMessage.post, messageID: UInt16(truncatingIfNeeded: now), token: [1, 2, 3, 4],
                            uriPath: uri, payload: payload)
        let source = ThreadAddresses.routingLocator(meshLocalPrefix: leader.dataset.meshLocalPrefix, rloc16: 0x7001)
        leader.outbox = []
        leader.receive(ThreadDatagram(source: source, destination: leader.leaderALOC, sourcePort: CoAPMessage.threadPort,
                                      destinationPort: CoAPMessage.threadPort, payload: m.encoded), nowMillis: now)
    }

    @Test func aReleasedRouterIDWaitsOneHundredSeconds() throws {
        let air = try ThreadTestAir(count: 1)
        air.startAll()
        air.run(untilMillis: 10_000)
        let leader = air.nodes[0]
        #expect(leader.role == .leader)
        let wanted: UInt8 = leader.routerID == 5 ? 6 : 5
        #expect(try Self.solicit(leader, ext: 0xA1, wanting: wanted, at: 10_000) == wanted)
        try Self.release(leader, ext: 0xA1, id: wanted, at: 11_000)
        #expect(!leader.routers.contains { $0.routerID == wanted })
        let early = try Self.solicit(leader, ext: 0xB2, wanting: wanted, at: 12_000)
        #expect(early != nil && early != wanted)
        let stillEarly = try Self.solicit(leader, ext: 0xC3, wanting: wanted, at: 11_000 + 99_999)
        #expect(stillEarly != nil && stillEarly != wanted)
        #expect(try Self.solicit(leader, ext: 0xD4, wanting: wanted, at: 11_000 + 100_000) == wanted)
    }

    @Test func anExpiredRouterIDWaitsOneHundredSecondsToo() throws {
        let air = try ThreadTestAir(count: 2)
        air.startAll(staggerMillis: 7_000)
        air.run(untilMillis: air.nowMillis + 30_000)
        let leader = try #require(air.leaders.first)
        let router = try #require(air.nodes.first { $0.role == .router })
        let id = router.routerID
        router.stop()
        while leader.routers.contains(where: { $0.routerID == id }) && air.nowMillis < 600_000 {
            air.run(untilMillis: air.nowMillis + 1_000)
        }
        #expect(!leader.routers.contains { $0.routerID == id })
        let expiredAt = air.nowMillis
        let early = try Self.solicit(leader, ext: 0xE5, wanting: id, at: expiredAt + 1)
        #expect(early != nil && early != id)
        #expect(try Self.solicit(leader, ext: 0xF6, wanting: id, at: expiredAt + 100_000) == id)
    }
}
