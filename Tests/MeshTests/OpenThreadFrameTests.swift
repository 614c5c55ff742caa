import Testing
import TextCoding
@testable import Mesh

/// Frames OpenThread's own nodes sent (Fixtures/README.md): our MAC,
/// security and 6LoWPAN layers must read them exactly and write them back
/// byte for byte.
@Suite("OpenThread frames: MAC, security, IPHC")
struct OpenThreadFrameTests {
    typealias Capture = OpenThreadCapture
    static let keys = try! DerivedKeys(networkKey: Capture.networkKey, keySequence: 0)

    /// Decodes, opens (when secured) and decompresses one captured frame.
    static func packet(_ psdu: [UInt8]) throws -> (MACFrame, DecompressedHeaders, IPv6Packet) {
        var frame = try MACFrame.decode(psdu)
        if frame.security != nil {
            frame = try MACSecurity.open(frame, key: keys.macKey, sender: Capture.extended(of: frame.source))
        }
        let lowpan = try LoWPANPayload.parse(frame.payload)
        let headers = try IPHC.decompress(frame.payload, at: lowpan.offset, macSource: frame.source,
                                          macDestination: frame.destination, contexts: Capture.contexts)
        let packet = try IPv6Packet.decode(headers.bytes + frame.payload[(lowpan.offset + headers.compressedBytes)...])
        return (frame, headers, packet)
    }

    @Test func everyFrameDecodesAndReencodesByteForByte() throws {
        #expect(Capture.frames.count == 36)
        for captured in Capture.frames {
            #expect(captured.channel == 11)
            #expect(FrameCheckSequence.isValid(captured.psdu), "line \(captured.line)")
            let frame = try MACFrame.decode(captured.psdu)
            #expect(try frame.psdu() == captured.psdu, "line \(captured.line)")
            if frame.type != .acknowledgment { #expect(frame.panID == Capture.panID) }
        }
    }

    @Test func parentRequestFromNode2() throws {
        let psdu = Capture.frame(startingWith: "41d88b3412ffff")
        let (frame, headers, packet) = try Self.packet(psdu)
        #expect(frame.type == .data)
        #expect(frame.frameControl.rawValue == 0xD841)
        #expect(frame.frameControl.frameVersion == 1)
        #expect(frame.sequence == 0x8B)
        #expect(frame.destination == .broadcast)
        #expect(frame.source == .extended(Capture.node2))
        #expect(frame.security == nil)
        #expect(!frame.ackRequested)
        // IPHC 7f3b: link-local from the MAC source, ff02::2, hop limit 255, UDP 19788 → 19788.
        #expect(packet.header.source.description == "fe80:0:0:0:f494:efb5:a208:82ce")
        #expect(packet.header.destination == ThreadAddresses.linkLocalAllRouters)
        #expect(packet.header.hopLimit == 255)
        #expect(packet.header.nextHeader == IPv6Header.protocolUDP)
        #expect(packet.header.payloadLength == 44)
        #expect(headers.compressedBytes == 10)  // 7f3b, 02, f0, ports, checksum
        let udp = try UDPDatagram.decode(packet.payload, source: packet.header.source,
                                         destination: packet.header.destination)
        #expect(udp.sourcePort == 19788 && udp.destinationPort == 19788)
        #expect(udp.payload.count == 36)
        #expect(udp.payload[0] == 0x00)  // MLE: secured (255 would be "no security")
        #expect(udp.payload[1] == 0x15)  // MLE security control: level 5, key-id mode 2
    }

    @Test func parentResponseFromNode1() throws {
        let psdu = Capture.frame(startingWith: "61dc833412")
        let (frame, _, packet) = try Self.packet(psdu)
        #expect(frame.ackRequested)
        #expect(frame.destination == .extended(Capture.node2))
        #expect(frame.source == .extended(Capture.node1))
        #expect(packet.header.source == ThreadAddresses.linkLocal(Capture.node1))
        #expect(packet.header.destination == ThreadAddresses.linkLocal(Capture.node2))
        let udp = try UDPDatagram.decode(packet.payload, source: packet.header.source,
                                         destination: packet.header.destination)
        #expect(udp.destinationPort == 19788)
    }

    @Test func acknowledgmentsMirrorTheSequence() throws {
        let psdu = Capture.frame(startingWith: "1210832f13")
        let frame = try MACFrame.decode(psdu)
        #expect(frame.type == .acknowledgment)
        #expect(frame.sequence == 0x83)
        #expect(frame.framePending)
        #expect(try MACFrame.acknowledgment(sequence: 0x83, framePending: true, frameVersion: 1).psdu() == psdu)
    }

    @Test func securedPingToTheLeaderALOC() throws {
        let psdu = Capture.frame(startingWith: "6998903412003400600d")
        let (frame, _, packet) = try Self.packet(psdu)
        #expect(frame.security?.frameCounter == 1)
        #expect(frame.security?.keyIndex == 1)
        #expect(frame.security?.level == 5 && frame.security?.keyIDMode == 1)
        #expect(frame.source == .short(0x6000) && frame.destination == .short(0x3400))
        #expect(packet.header.source.description == "fdde:ad00:beef:0:b180:c958:cdf9:16ff")
        #expect(packet.header.destination == ThreadAddresses.leaderALOC(meshLocalPrefix: .defaultMeshLocal))
        let icmp = try ICMPv6Message.decode(packet.payload, source: packet.header.source,
                                            destination: packet.header.destination)
        #expect(icmp.type == ICMPv6Message.echoRequest)
        #expect(icmp.echoSequence == 1)
        #expect(icmp.echoData.count == 8)
    }

    @Test func securedUDPHello() throws {
        let psdu = Capture.frame(startingWith: "6998913412003400600d")
        let (_, _, packet) = try Self.packet(psdu)
        let udp = try UDPDatagram.decode(packet.payload, source: packet.header.source,
                                         destination: packet.header.destination)
        #expect(udp.destinationPort == 1234)
        #expect(udp.payload == Array("hello".utf8))
    }

    @Test func resealingGivesTheSameFrame() throws {
        for captured in Capture.frames {
            let decoded = try MACFrame.decode(captured.psdu)
            guard decoded.security != nil else { continue }
            let sender = Capture.extended(of: decoded.source)
            let opened = try MACSecurity.open(decoded, key: Self.keys.macKey, sender: sender)
            #expect(try MACSecurity.seal(opened, key: Self.keys.macKey, sender: sender) == captured.psdu,
                    "line \(captured.line)")
        }
    }

    @Test func wrongKeyOrAlteredFrameFailsTheMIC() throws {
        let psdu = Capture.frame(startingWith: "6998903412003400600d")
        let frame = try MACFrame.decode(psdu)
        let wrong = try DerivedKeys(networkKey: .pymeshDefault, keySequence: 0)
        #expect(throws: MeshError(.security, "MIC check failed (wrong key or altered frame)")) {
            try MACSecurity.open(frame, key: wrong.macKey, sender: Capture.node2)
        }
        var altered = psdu
        altered[4] ^= 0x01  // destination PAN id: authenticated, not encrypted
        let fixed = FrameCheckSequence.appending(to: Array(altered.dropLast(2)))
        #expect(throws: MeshError.self) {
            try MACSecurity.open(try MACFrame.decode(fixed), key: Self.keys.macKey, sender: Capture.node2)
        }
    }

    /// Opens an MLE message (Thread 1.1 §4.3; OpenThread `Mle::ProcessMessageSecurity`, as
    /// ../shared/tools/openthread/README.md states it): `00`, security header `15 ‖ LE32 counter ‖
    /// BE32 key sequence ‖ key index`, ciphertext, 4-byte MIC; nonce = the sender's extended
    /// address (source IID with bit 0x02 flipped) ‖ BE32 counter ‖ 5; aad = source ‖ destination ‖
    /// security header. The MLE layer itself is mesh-high's; this checks the crypto facts.
    static func openMLE(_ message: [UInt8], source: IPv6Address, destination: IPv6Address,
                        mleKey: [UInt8]) throws -> [UInt8] {
        guard message.count > 11 + 4, message[0] == 0, message[1] == 0x15 else {
            throw MeshError(.malformed, "not a secured MLE message")
        }
        let header = Array(message[1..<11])
        let counter = UInt32(message[2]) | UInt32(message[3]) << 8 | UInt32(message[4]) << 16 | UInt32(message[5]) << 24
        let sender = ExtendedAddress(interfaceIdentifierValue: source.low)
        let nonce = MACSecurity.nonce(sender: sender, frameCounter: counter, level: 5)
        return try AESCCM.open(key: mleKey, nonce: nonce, authenticatedData: source.bytes + destination.bytes + header,
                               sealed: Array(message[11...]), tagLength: 4)
    }

    @Test func mleMessagesOpenWithTheMLEKey() throws {
        // Parent Request (MLE command 9) from node 2, Parent Response (command 10) from node 1.
        for (prefix, command) in [("41d88b3412ffff", UInt8(9)), ("61dc833412", UInt8(10))] {
            let (_, _, packet) = try Self.packet(Capture.frame(startingWith: prefix))
            let udp = try UDPDatagram.decode(packet.payload, source: packet.header.source,
                                             destination: packet.header.destination)
            let plaintext = try Self.openMLE(udp.payload, source: packet.header.source,
                                             destination: packet.header.destination, mleKey: Self.keys.mleKey)
            #expect(plaintext.first == command)
            #expect(throws: MeshError.self) {
                try Self.openMLE(udp.payload, source: packet.header.source, destination: packet.header.destination,
                                 mleKey: Self.keys.macKey)
            }
        }
    }

    /// A realm-local ping from an OpenThread leader: hop-by-hop MPL option (NHC EID 0, PadN elided).
    @Test func realmLocalMulticastWithMPLOption() throws {
        let leader = try ExtendedAddress(hex: "6e59df3568bd9022")
        let lines = Capture.fixture("ot-mpl-capture.txt").split(separator: "\n").map { $0.split(separator: " ") }
        let secured = lines.map { Hex.decode(String($0[3]))! }.filter { $0.starts(with: [0x49, 0x98]) }
        #expect(secured.count == 2)
        for psdu in secured {
            let frame = try MACSecurity.open(try MACFrame.decode(psdu), key: Self.keys.macKey, sender: leader)
            #expect(frame.source == .short(0xE400) && frame.destination == .broadcast)
            let headers = try IPHC.decompress(frame.payload, macSource: frame.source, macDestination: frame.destination,
                                              contexts: Capture.contexts)
            let packet = try IPv6Packet.decode(headers.bytes + frame.payload[headers.compressedBytes...])
            #expect(packet.header.destination == ThreadAddresses.realmLocalAllNodes)
            #expect(packet.header.nextHeader == 0)  // hop-by-hop options first
            // Hop-by-hop: next header ICMPv6, one 8-octet unit, MPL option 0x6d (seed id e400), PadN.
            #expect(Array(packet.payload.prefix(8)) == [58, 0, 0x6D, 0x04, 0x40, 0x00, 0xE4, 0x00])
            let icmp = try ICMPv6Message.decode(Array(packet.payload[8...]), source: packet.header.source,
                                                destination: packet.header.destination)
            #expect(icmp.type == ICMPv6Message.echoRequest)
            let again = try IPHC.compress(packet.encoded, macSource: frame.source, macDestination: frame.destination,
                                          contexts: Capture.contexts)
            #expect(again.bytes + packet.encoded[again.uncompressedBytes...] == frame.payload)
        }
    }

    /// Our compressor chooses exactly OpenThread's encodings.
    @Test func recompressingGivesOpenThreadsBytes() throws {
        var checked = 0
        for captured in Capture.frames {
            let decoded = try MACFrame.decode(captured.psdu)
            guard decoded.type == .data else { continue }
            let (frame, _, packet) = try Self.packet(captured.psdu)
            let compressed = try IPHC.compress(packet.encoded, macSource: frame.source,
                                               macDestination: frame.destination, contexts: Capture.contexts)
            let rebuilt = compressed.bytes + packet.encoded[compressed.uncompressedBytes...]
            #expect(rebuilt == frame.payload, "line \(captured.line)")
            checked += 1
        }
        #expect(checked == 27)
    }
}
