import Testing
@testable import Mesh

@Suite("IPv6 addresses as the seed and OpenThread print them")
struct AddressTests {
    @Test func seedAddressesFormatAndParse() throws {
        let prefix = IPv6Prefix.defaultMeshLocal
        #expect(ThreadAddresses.leaderALOC(meshLocalPrefix: prefix).description == "fdde:ad00:beef:0:0:ff:fe00:fc00")
        #expect(ThreadAddresses.routingLocator(meshLocalPrefix: prefix, rloc16: 0xCC00).description
            == "fdde:ad00:beef:0:0:ff:fe00:cc00")
        // The seed's leader: mac=72340172838076676 (0x0101010101010104) → fe80:0:0:0:301:101:101:104.
        #expect(ThreadAddresses.linkLocal(ExtendedAddress(72_340_172_838_076_676)).description
            == "fe80:0:0:0:301:101:101:104")
        for text in ["fdde:ad00:beef:0:86c3:6130:98cc:6633", "2001:cafe:cafe:cafe:a5d2:6934:9acd:66b3",
                     "fe80:0:0:0:200:0:0:8", "fdde:ad00:beef:0:0:ff:fe00:6800"] {
            #expect(try IPv6Address(parsing: text).description == text)
        }
        #expect(try IPv6Address(parsing: "fdde:ad00:beef::ff:fe00:fc00") == ThreadAddresses.leaderALOC(meshLocalPrefix: prefix))
        #expect(try IPv6Address(parsing: "::") == .unspecified)
        #expect(try IPv6Address(parsing: "ff02::1") == ThreadAddresses.linkLocalAllNodes)
        #expect(try IPv6Address(parsing: "::1").low == 1)
    }

    @Test func badAddressTextIsRefused() {
        for text in ["", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "fe80::g", "1:2:3:4:5:6:7",
                     "fe80::1:", ":fe80::1", "1.2.3.4", "fe80::1%eth0", String(repeating: "1", count: 50)] {
            #expect(throws: MeshError.self, "\(text)") { try IPv6Address(parsing: text) }
        }
    }

    @Test func prefixesAsTheSeedShowsThem() throws {
        let prefix = try IPv6Prefix(parsing: "2001:dead:beef:cafe::/64")
        #expect(prefix.description == "2001:dead:beef:cafe::/64")
        #expect(prefix.contains(try IPv6Address(parsing: "2001:dead:beef:cafe:2291:48a4:5229:94ca")))
        #expect(!prefix.contains(try IPv6Address(parsing: "2001:dead:beef:caff::1")))
        #expect(IPv6Prefix.defaultMeshLocal.description == "fdde:ad00:beef:0::/64")
        #expect(try IPv6Prefix(parsing: "fd00::/8").description == "fd00::/8")
        for bad in ["2001::", "2001::/129", "2001::/", "2001::/6x", "zz::/64"] {
            #expect(throws: MeshError.self, "\(bad)") { try IPv6Prefix(parsing: bad) }
        }
    }

    @Test func locatorsAndMulticast() throws {
        let prefix = IPv6Prefix.defaultMeshLocal
        let rloc = ThreadAddresses.routingLocator(meshLocalPrefix: prefix, rloc16: 0x6000)
        #expect(ThreadAddresses.locator16(of: rloc, meshLocalPrefix: prefix) == 0x6000)
        #expect(ThreadAddresses.locator16(of: try IPv6Address(parsing: "fdde:ad00:beef:0:b180:c958:cdf9:16ff"),
                                          meshLocalPrefix: prefix) == nil)
        #expect(ThreadAddresses.realmLocalAllThreadNodes(meshLocalPrefix: prefix).description
            == "ff33:40:fdde:ad00:beef:0:0:1")
        let ext = ExtendedAddress(0x18B4_3000_0000_0001)
        #expect(ExtendedAddress.openThreadSimulation(nodeID: 1) == ext)
        #expect(ext.hex == "18b4300000000001")
        #expect(ExtendedAddress(interfaceIdentifierValue: ThreadAddresses.linkLocal(ext).low) == ext)
    }
}
