import TextCoding
@testable import Mesh

/// Real MLE messages sent by OpenThread's `ot-cli-ftd` (commit 714aeeb, simulation platform,
/// ../shared/tools/openthread), captured 2026-12-01 from the simulation multicast group
/// 224.0.0.116 (PORT_OFFSET 23) while node 1 formed a network (network key
/// 00112233445566778899aabbccddeeff, PAN 0x1234, channel 11, mesh-local fdde:ad00:beef::/64)
/// and node 2 attached to it. `frame` is the whole simulation datagram (channel byte, PSDU with
/// FCS); `mle` is its UDP payload and `source`/`destination` the IPv6 addresses the IPHC header
/// elides (link-local from the MAC extended addresses). The full capture of the attach is
/// Fixtures/openthread-two-node-attach.txt (seconds, sender node id, datagram hex).
struct OTCapture {
    let name: String
    let node: Int
    let source: String
    let destination: String
    let mle: String
    let frame: String

    var sourceBytes: [UInt8] { Hex.decode(source)! }
    var destinationBytes: [UInt8] { Hex.decode(destination)! }
    var mleBytes: [UInt8] { Hex.decode(mle)! }
    var frameBytes: [UInt8] { Hex.decode(frame)! }

    static let networkKey = "00112233445566778899aabbccddeeff"
    /// Extended addresses the two nodes printed (`extaddr`).
    static let leaderExtAddress = "ba17739e851a9812"
    static let childExtAddress = "1e50fe57f39b1255"

    static func named(_ name: String) -> OTCapture { all.first { $0.name == name }! }

    static let all: [OTCapture] = [
        OTCapture(name: "parentRequest", node: 1,
                  source: "fe80000000000000b817739e851a9812", destination: "ff020000000000000000000000000002",
                  mle: "001500000000000000000122064df557fd5ae2c42756c109fc798b05e9f1307fdf1a75be",
                  frame: "0b41d81b3412ffff12981a859e7317ba7f3b02f04d4c4d4c626f001500000000000000000122064df557fd5ae2c42756c109fc798b05e9f1307fdf1a75be6f4b"),
        OTCapture(name: "dataResponse", node: 1,
                  source: "fe80000000000000b817739e851a9812", destination: "ff020000000000000000000000000001",
                  mle: "00150600000000000000018d8deef449a4b4f7643ce4dc60dde165d09504ce371cebef50da2aa30700eff04ced4e7e0d",
                  frame: "0b41d8213412ffff12981a859e7317ba7f3b01f04d4c4d4c524f00150600000000000000018d8deef449a4b4f7643ce4dc60dde165d09504ce371cebef50da2aa30700eff04ced4e7e0d6e15"),
        OTCapture(name: "parentRequestFromChild", node: 2,
                  source: "fe800000000000001c50fe57f39b1255", destination: "ff020000000000000000000000000002",
                  mle: "0015000000000000000001426af7844ffaf51969e6a033d3cd9e7456a6f4fba31950513b",
                  frame: "0b41d8d93412ffff55129bf357fe501e7f3b02f04d4c4d4cd8540015000000000000000001426af7844ffaf51969e6a033d3cd9e7456a6f4fba31950513b9dde"),
        OTCapture(name: "parentResponse", node: 1,
                  source: "fe80000000000000b817739e851a9812", destination: "fe800000000000001c50fe57f39b1255",
                  mle: "00150900000000000000018d6668cbef105833da17952484800d663e0c42305307d99f1eb74a922dbd7f7361a152d91bce3922b1b792783726a15d95baf91bb4d4612dfb6de749d7c979ac2e00ccb19c11",
                  frame: "0b61dc24341255129bf357fe501e12981a859e7317ba7f33f04d4c4d4c137900150900000000000000018d6668cbef105833da17952484800d663e0c42305307d99f1eb74a922dbd7f7361a152d91bce3922b1b792783726a15d95baf91bb4d4612dfb6de749d7c979ac2e00ccb19c11a73b"),
        OTCapture(name: "childIDRequest", node: 2,
                  source: "fe800000000000001c50fe57f39b1255", destination: "fe80000000000000b817739e851a9812",
                  mle: "00150100000000000000019fe8d35ab14289273684850c184524b873b2bf2e0fe28b6b52ef2366bcadedcee8595e68f9dfa212ff223afe07",
                  frame: "0b61dcda341212981a859e7317ba55129bf357fe501e7f33f04d4c4d4ce98900150100000000000000019fe8d35ab14289273684850c184524b873b2bf2e0fe28b6b52ef2366bcadedcee8595e68f9dfa212ff223afe075102"),
        OTCapture(name: "linkRequest", node: 2,
                  source: "fe800000000000001c50fe57f39b1255", destination: "ff020000000000000000000000000001",
                  mle: "0015020000000000000001a73657e1456a407d6d03e696b5aa72c9cc58bcdfcff84afc378a5db983abc7be",
                  frame: "0b41d8dc3412ffff55129bf357fe501e7f3b01f04d4c4d4c5a370015020000000000000001a73657e1456a407d6d03e696b5aa72c9cc58bcdfcff84afc378a5db983abc7be7628"),
        OTCapture(name: "advertisement", node: 1,
                  source: "fe80000000000000b817739e851a9812", destination: "ff020000000000000000000000000001",
                  mle: "00150b0000000000000001f8eefc7979da20291ae1f144e26ec6dc5661fa16688e3c89f9107d3f7ee1d145",
                  frame: "0b41d8283412ffff12981a859e7317ba7f3b01f04d4c4d4c2c7200150b0000000000000001f8eefc7979da20291ae1f144e26ec6dc5661fa16688e3c89f9107d3f7ee1d145be17"),
    ]
}
