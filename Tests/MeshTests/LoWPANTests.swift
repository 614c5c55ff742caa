import Testing
@testable import Mesh

@Suite("6LoWPAN: fragmentation, mesh header, reassembly bounds")
struct LoWPANTests {
    static let contexts = LoWPANContexts.thread(meshLocalPrefix: .defaultMeshLocal)
    static let a = ExtendedAddress(0x0101_0101_0101_0101)
    static let b = ExtendedAddress(0x0101_0101_0101_0102)

    static func udpPacket(payloadBytes: Int, from: IPv6Address, to: IPv6Address) -> [UInt8] {
        let payload = (0..<payloadBytes).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let udp = UDPDatagram(sourcePort: 1234, destinationPort: 5683, payload: payload).encoded(source: from, destination: to)
        return IPv6Packet(header: IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolUDP, source: from,
                                             destination: to), payload: udp).encoded
    }

    @Test func largeUDPIsFragmentedAndReassembled() throws {
        let from = ThreadAddresses.withIdentifier(prefix: .defaultMeshLocal, interfaceIdentifier: 0x1122_3344_5566_7788)
        let to = ThreadAddresses.routingLocator(meshLocalPrefix: .defaultMeshLocal, rloc16: 0x0400)
        let packet = Self.udpPacket(payloadBytes: 1232, from: from, to: to)
        #expect(packet.count == 1280)
        let payloads = try LoWPANFramer.framePayloads(packet: packet, macSource: .short(0x6000),
                                                      macDestination: .short(0x0400), contexts: Self.contexts,
                                                      maxFramePayload: 100, tag: 0x4242)
        #expect(payloads.count > 12)
        #expect(payloads.allSatisfy { $0.count <= 100 })
        var reassembler = Reassembler(timeoutMicros: 10_000_000)
        var result: [UInt8]?
        // Out of order: the last fragment first, FRAG1 in the middle.
        var order = Array(payloads.indices.reversed())
        order.swapAt(0, order.count / 2)
        for index in order {
            let parsed = try LoWPANPayload.parse(payloads[index])
            let header = try #require(parsed.fragment)
            #expect(header.tag == 0x4242 && header.datagramSize == 1280)
            if let done = try reassembler.receive(header, payload: payloads[index], at: parsed.offset,
                                                  source: .short(0x6000), destination: .short(0x0400),
                                                  contexts: Self.contexts, nowMicros: 1_000) {
                result = done
            }
        }
        #expect(result == packet)
        #expect(reassembler.counters.completed == 1)
        #expect(reassembler.inProgress == 0)
        let decoded = try IPv6Packet.decode(try #require(result))
        #expect(try UDPDatagram.decode(decoded.payload, source: from, destination: to).payload.count == 1232)
    }

    @Test func meshHeaderLeadsAndAddressesComeFromIt() throws {
        let from = ThreadAddresses.routingLocator(meshLocalPrefix: .defaultMeshLocal, rloc16: 0x6000)
        let to = ThreadAddresses.routingLocator(meshLocalPrefix: .defaultMeshLocal, rloc16: 0x0401)
        let packet = Self.udpPacket(payloadBytes: 20, from: from, to: to)
        let mesh = MeshHeader(hopsLeft: 5, originator: .short(0x6000), finalDestination: .short(0x0401))
        let payloads = try LoWPANFramer.framePayloads(packet: packet, macSource: .short(0x6000),
                                                      macDestination: .short(0x0400), contexts: Self.contexts,
                                                      meshHeader: mesh, maxFramePayload: 100, tag: 1)
        #expect(payloads.count == 1)
        #expect(Array(payloads[0].prefix(5)) == [0xB5, 0x60, 0x00, 0x04, 0x01])
        let parsed = try LoWPANPayload.parse(payloads[0])
        #expect(parsed.meshHeader == mesh)
        let headers = try IPHC.decompress(payloads[0], at: parsed.offset, macSource: .short(0x6000),
                                          macDestination: .short(0x0401), contexts: Self.contexts)
        #expect(headers.bytes + payloads[0][(parsed.offset + headers.compressedBytes)...] == packet)
        // Both addresses are elided against the mesh header's RLOC16s: IPHC 2 bytes, then UDP NHC
        // (dispatch, both ports inline, checksum).
        #expect(headers.compressedBytes == 2 + 1 + 4 + 2)
        let (deep, length) = try MeshHeader.decode(MeshHeader(hopsLeft: 20, originator: .extended(Self.a),
                                                              finalDestination: .short(1)).encoded)
        #expect(deep.hopsLeft == 20 && deep.originator == .extended(Self.a) && length == 2 + 8 + 2)
    }

    /// Realm-local multicast as OpenThread forwards it: hop-by-hop MPL option, then IPv6-in-IPv6
    /// (NHC EID 7) with the inner header compressed too; it must come back byte for byte.
    @Test func mplIPv6InIPv6RoundTrips() throws {
        let prefix = IPv6Prefix.defaultMeshLocal
        let rloc = ThreadAddresses.routingLocator(meshLocalPrefix: prefix, rloc16: 0x6000)
        let eid = ThreadAddresses.withIdentifier(prefix: prefix, interfaceIdentifier: 0xB180_C958_CDF9_16FF)
        let inner = Self.udpPacket(payloadBytes: 12, from: eid,
                                   to: ThreadAddresses.realmLocalAllThreadNodes(meshLocalPrefix: prefix))
        let hopByHop: [UInt8] = [41, 0, 0x6D, 0x02, 0x00, 0x07, 0x01, 0x00]  // MPL (seq 7), PadN
        let outer = IPv6Header(payloadLength: UInt16(hopByHop.count + inner.count), nextHeader: 0, hopLimit: 255,
                               source: rloc, destination: ThreadAddresses.realmLocalAllMPLForwarders).encoded
        let packet = outer + hopByHop + inner
        let compressed = try IPHC.compress(packet, macSource: .short(0x6000), macDestination: .broadcast,
                                           contexts: Self.contexts)
        #expect(compressed.uncompressedBytes == 40 + 8 + 40 + 8)
        let frame = compressed.bytes + packet[compressed.uncompressedBytes...]
        #expect(frame.contains(0xEE))
        // Outer IPHC 2 + ff03::fc in 4; hop-by-hop NHC 1 + length 1 + 4 (PadN elided); EID 7 1;
        // inner IPHC 2 + ML-EID IID 8 + ff33:40:<prefix>::1 by context in 6; UDP NHC 7; 12 of data.
        #expect(frame.count == 6 + 6 + 1 + 16 + 7 + 12)
        let headers = try IPHC.decompress(frame, macSource: .short(0x6000), macDestination: .broadcast,
                                          contexts: Self.contexts)
        #expect(headers.bytes + frame[headers.compressedBytes...] == packet)
        #expect(headers.upperLayerProtocol == IPv6Header.protocolUDP)
    }

    @Test func reassemblyFloodIsBoundedAndCounted() throws {
        var reassembler = Reassembler(maxDatagrams: 4, timeoutMicros: 2_000_000)
        var random = MeshRandom(seed: 99)
        for index in 0..<2_000 {
            // FRAGN fragments of 2000 different datagrams that never complete.
            let header = FragmentHeader(datagramSize: 1280, tag: UInt16(index), offsetBytes: 8 * Int(1 + random.next(below: 100)),
                                        isFirst: false)
            let payload = header.encoded + [UInt8](repeating: 0xEE, count: 64)
            _ = try? reassembler.receive(header, payload: payload, at: 5, source: .short(UInt16(index)),
                                         destination: .short(0), contexts: Self.contexts, nowMicros: UInt64(index) * 100)
            #expect(reassembler.inProgress <= 4)
        }
        #expect(reassembler.counters.droppedNoSlot > 1_900)
        // After the timeout the slots free up again.
        reassembler.expire(nowMicros: 10_000_000)
        #expect(reassembler.inProgress == 0)
        #expect(reassembler.counters.timedOut >= 4)
    }

    @Test func oversizedAndInconsistentFragmentsAreRefused() throws {
        var reassembler = Reassembler(timeoutMicros: 1_000_000)
        let oversize = FragmentHeader(datagramSize: 2000, tag: 1, offsetBytes: 8, isFirst: false)
        #expect(throws: MeshError.self) {
            _ = try reassembler.receive(oversize, payload: oversize.encoded + [1, 2, 3, 4, 5, 6, 7, 8], at: 5,
                                        source: .short(1), destination: .short(2), contexts: Self.contexts, nowMicros: 0)
        }
        let beyond = FragmentHeader(datagramSize: 100, tag: 2, offsetBytes: 96, isFirst: false)
        #expect(throws: MeshError.self) {
            _ = try reassembler.receive(beyond, payload: beyond.encoded + [UInt8](repeating: 0, count: 16), at: 5,
                                        source: .short(1), destination: .short(2), contexts: Self.contexts, nowMicros: 0)
        }
        #expect(reassembler.counters.droppedMalformed == 2)
        #expect(reassembler.inProgress == 0)
    }

    @Test func unknownContextAndElidedChecksumAreMalformed() {
        // IPHC with SAC=1 SAM=11 and CID naming context 3 (unknown).
        #expect(throws: MeshError.self) {
            try IPHC.decompress([0x7A, 0xF3, 0x30, 0x3A], macSource: .short(1), macDestination: .short(2),
                                contexts: Self.contexts)
        }
        // UDP NHC with the checksum elided (C bit): OpenThread refuses it too.
        #expect(throws: MeshError.self) {
            try IPHC.decompress([0x7E, 0x33, 0xF7, 0x11], macSource: .short(1), macDestination: .short(2),
                                contexts: Self.contexts)
        }
    }
}
