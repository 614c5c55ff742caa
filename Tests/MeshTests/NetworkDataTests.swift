import Testing
@testable import Mesh

@Suite struct NetworkDataTests {
    let prefix = try! IPv6Prefix(parsing: "fd00:1234::/64")

    @Test func prefixWithBorderRouterAndContextRoundTrips() throws {
        var data = NetworkData()
        data.replaceEntries(of: 0xd400, with: NetworkData(prefixes: [
            .init(prefix: prefix, borderRouters: [.init(rloc16: 0, flags: NetworkData.Flag.preferred | NetworkData.Flag.slaac | NetworkData.Flag.onMesh)]),
        ]))
        let back = try NetworkData(decoding: data.encoded)
        #expect(back == data)
        #expect(back.prefixes[0].borderRouters == [.init(rloc16: 0xd400, flags: 0x3100)])
        #expect(back.prefixes[0].contextID == 1 && back.prefixes[0].isSLAAC)
        #expect(NetworkData.flagText(0x3100, stable: true) == "paos")
    }

    @Test func aBorderRoutersNewDataReplacesItsOldEntries() {
        var data = NetworkData()
        let entry = NetworkData.BorderRouter(rloc16: 0, flags: NetworkData.Flag.onMesh)
        data.replaceEntries(of: 0x0400, with: NetworkData(prefixes: [.init(prefix: prefix, borderRouters: [entry])]))
        data.replaceEntries(of: 0x0800, with: NetworkData(prefixes: [.init(prefix: prefix, borderRouters: [entry])]))
        #expect(data.prefixes[0].borderRouters.map { $0.rloc16 } == [0x0400, 0x0800])
        data.replaceEntries(of: 0x0400, with: NetworkData())
        #expect(data.prefixes[0].borderRouters.map { $0.rloc16 } == [0x0800])
        data.replaceEntries(of: 0x0800, with: NetworkData())
        #expect(data.prefixes.isEmpty)
    }

    @Test func openThreadsFlagLettersParse() {
        #expect(NetworkData.flags(fromText: "paros")! == (0x3300, true))
        #expect(NetworkData.flags(fromText: "pax") == nil)
    }

    @Test func truncatedPrefixTLVsAreRefused() {
        #expect(throws: MeshError.self) { try NetworkData(decoding: [0x03, 0x02, 0x00, 0x40]) }
        #expect(throws: MeshError.self) { try NetworkData(decoding: [0x03, 0x0b, 0x00, 0x40, 0xfd, 0, 0x12, 0x34, 0, 0, 0, 0, 0x05]) }
    }
}
