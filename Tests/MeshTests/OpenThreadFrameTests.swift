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
