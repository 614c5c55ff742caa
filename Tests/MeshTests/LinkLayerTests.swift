import Testing
@testable import Mesh

@Suite("LinkLayer: IPv6 over the LoRa MAC")
struct LinkLayerTests {
    @Test func pingSizedAndFullMTUPacketsCrossTheAir() throws {
        let world = try AirWorld(nodes: 2)
        let contexts = LoWPANContexts.thread(meshLocalPrefix: .defaultMeshLocal)
        let a = LinkLayer(mac: world.macs[0], contexts: contexts)
        let b = LinkLayer(mac: world.macs[1], contexts: contexts)
        var got: [([UInt8], LinkInfo)] = []
        b.onPacket = { got.append(($0, $1)) }
        let from = ThreadAddresses.linkLocal(world.macs[0].extendedAddress)
        let to = ThreadAddresses.linkLocal(world.macs[1].extendedAddress)
        let echo = ICMPv6Message.echo(reply: false, identifier: 1, sequence: 1, data: [UInt8](repeating: 0x55, count: 16))
        let ping = IPv6Packet(header: IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolICMPv6, source: from,
                                                 destination: to),
                              payload: echo.encoded(source: from, destination: to)).encoded
        let big = LoWPANTests.udpPacket(payloadBytes: 1232, from: from, to: to)
        var results: [MACTransmitResult] = []
        a.send(packet: ping, to: .extended(world.macs[1].extendedAddress)) { results.append($0) }
        a.send(packet: big, to: .extended(world.macs[1].extendedAddress)) { results.append($0) }
        try world.run(forMicros: 60_000_000)
        #expect(results == [.sent(framePending: false), .sent(framePending: false)])
        #expect(got.map(\.0) == [ping, big])
        #expect(got.first?.1.secured == true)
        #expect(got.first?.1.senderExtended == world.macs[0].extendedAddress)
        #expect(b.reassembler.counters.completed == 1)
        #expect(world.chips[0].transmitLog.allSatisfy { $0.payload.count <= 127 })
    }
}
