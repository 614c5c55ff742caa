import Testing
import HAL
import Runtime
import SX1276
import SX1276Emulator
@testable import Mesh

/// The seed's Pymesh API on two nodes of the emulated LoRa air.
@Suite(.serialized) struct PymeshAPITests {
    typealias API = Pymesh<MeshAirWorld.Radio, VirtualReactor>

    final class Pair {
        let clock = VirtualClock()
        let air: Air
        let loop: VirtualLoop
        var nodes: [API] = []
        init(keys: [[UInt8]] = [NetworkKey.pymeshDefault.bytes, NetworkKey.pymeshDefault.bytes]) throws {
            air = Air(clock: clock)
            loop = EventLoop(reactor: VirtualReactor(clock: clock))
            for (i, key) in keys.enumerated() {
                let chip = SX1276Chip(clock: clock, air: air, nodeID: i + 1)
                let driver = SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "n\(i)")
                var settings = ThreadNode.Settings()
                settings.routerSelectionJitterSeconds = 2
                nodes.append(try API(radio: MeshAirWorld.Radio(driver: driver), loop: loop, key: key, extAddress: AirWorld.ext(i),
                                     seed: UInt64(i + 11), settings: settings, sensitivityDBm: -123))
                try run(8_000)
            }
        }
        func run(_ millis: UInt64) throws { try loop.run(until: clock.now + millis * 1000) }
    }

    @Test func statesAddressesAndTablesFollowTheSeed() throws {
        let p = try Pair()
        try p.run(20_000)
        let (a, b) = (p.nodes[0], p.nodes[1])
        #expect(a.state() == 4 && b.state() == 3)
        #expect(!a.single())
        let addresses = a.ipaddr()
        // Seed order: leader ALOC, RLOC, ML-EID, link-local.
        #expect(addresses.count == 4)
        #expect(addresses[0] == "fdde:ad00:beef:0:0:ff:fe00:fc00")
        #expect(addresses[1] == "fdde:ad00:beef:0:0:ff:fe00:" + CLIText.hex16(UInt16(a.rloc())).drop { $0 == "0" })
        #expect(addresses[3].hasPrefix("fe80:0:0:0:"))
        #expect(a.leader()?.rloc16 == a.rloc() && b.leader()?.partID == a.leader()?.partID)
        #expect(a.neighbors().map(\.rloc16) == [b.rloc()])
        #expect(Set(a.routers().map(\.id)) == Set([a.rloc() >> 10, b.rloc() >> 10]))
        #expect(a.cli("state") == "leader")
        #expect(a.cli("leaderdata").hasPrefix("Partition ID: \(a.leader()!.partID)\r\nWeighting: 64"))
    }

    @Test func socketsCarryDatagramsAndRefuseMisuse() throws {
        let p = try Pair()
        try p.run(20_000)
        let (a, b) = (p.nodes[0], p.nodes[1])
        var received = 0
        b.rxCallback { received += 1 }
        let sa = try a.socket()
        let sb = try b.socket()
        try sb.bind(port: 1234)
        try sa.bind(port: 1235)
        #expect(try sa.sendto(Array("Hello World!".utf8), address: b.ipaddr()[1], port: 1234) == 12)
        try p.run(3_000)
        let got = try #require(sb.recvfrom(512))
        #expect(got.data == Array("Hello World!".utf8) && got.port == 1235 && received == 1)
        _ = try a.socket()
        _ = try a.socket()
        #expect(throws: MeshError.self) { _ = try a.socket() }
        #expect(throws: MeshError.self) { try sb.bind(port: 80) }
        #expect(throws: MeshError.self) { try sb.bind(port: 63536) }
        #expect(throws: MeshError.self) { try sb.bind(port: 2000, address: "fdde:ad00:beef:0:1:2:3:4") }
    }

    @Test func borderRouterAddsAndRemovesAPrefixEverywhere() throws {
        let p = try Pair()
        try p.run(20_000)
        let (a, b) = (p.nodes[0], p.nodes[1])
        try b.borderRouter("2001:cafe:cafe:cafe::/64", preference: 0)
        try p.run(10_000)
        #expect(b.borderRouter() == [.init(net: "2001:cafe:cafe:cafe::/64", preference: 0)])
        #expect(a.ipaddr()[0].hasPrefix("2001:cafe:cafe:cafe:") && b.ipaddr()[0].hasPrefix("2001:cafe:cafe:cafe:"))
        try b.borderRouterDelete("2001:cafe:cafe:cafe::/64")
        try p.run(10_000)
        #expect(b.borderRouter().isEmpty)
        #expect(!a.ipaddr().contains { $0.hasPrefix("2001:") } && !b.ipaddr().contains { $0.hasPrefix("2001:") })
        #expect(throws: MeshError.self) { try b.borderRouterDelete("2001:cafe:cafe:cafe::/64") }
    }

    @Test func aShorterKeyIsZeroPaddedAndDeinitSilencesEverything() throws {
        let p = try Pair(keys: [[0x11, 0x22, 0x33], [0x11, 0x22, 0x33]])
        try p.run(20_000)
        let a = p.nodes[0]
        #expect(a.cli("networkkey") == "11223300000000000000000000000000")
        #expect(p.nodes[1].state() == 3)
        a.deinit()
        #expect(a.state() == 0 && a.ipaddr().isEmpty && a.rloc() == 0 && a.neighbors().isEmpty && a.leader() == nil && a.cli("state") == "")
    }

    /// `keysequence counter [N]` and `keysequence guardtime [HOURS]` as ot-cli prints them; the
    /// other node follows the counter over the air.
    @Test func keySequenceCommands() throws {
        let p = try Pair(keys: [[0x11, 0x22, 0x33], [0x11, 0x22, 0x33]])
        try p.run(20_000)
        let a = p.nodes[0], b = p.nodes[1]
        #expect(a.cli("keysequence counter") == "0")
        #expect(a.cli("keysequence guardtime") == "624")
        #expect(a.cli("keysequence guardtime 0") == "")
        #expect(a.cli("keysequence guardtime") == "0")
        #expect(a.cli("keysequence counter 4294967296") == "Error 7: InvalidArgs")
        #expect(a.cli("keysequence counter -1") == "Error 7: InvalidArgs")
        #expect(a.cli("keysequence") == "Error 7: InvalidArgs")
        #expect(a.cli("keysequence counter 1") == "")
        #expect(a.cli("keysequence counter") == "1")
        try p.run(40_000)
        #expect(b.cli("keysequence counter") == "1")
        #expect(b.state() >= 2 && a.state() >= 2)
    }
}
