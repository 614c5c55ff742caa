import Runtime
import TextCoding
import Testing
@testable import Mesh

/// Seeded fuzzing of every parser: random bytes and mutations of real
/// OpenThread frames. Nothing may trap; every input is either accepted or
/// refused with a `MeshError`, and counted.
@Suite("Fuzz: hostile input at every layer")
struct FuzzTests {
    static let iterations = 4_000

    static func randomBytes(_ random: inout MeshRandom, maxCount: Int) -> [UInt8] {
        let count = Int(random.next(below: UInt64(maxCount + 1)))
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    /// A captured frame flipped, truncated, extended or spliced; FCS fixed half of the time
    /// so the parsers behind the FCS check are reached.
    static func mutated(_ random: inout MeshRandom) -> [UInt8] {
        var bytes = OpenThreadCapture.frames[Int(random.next(below: UInt64(OpenThreadCapture.frames.count)))].psdu
        switch random.next(below: 4) {
        case 0:
            for _ in 0..<(1 + random.next(below: 4)) {
                let index = Int(random.next(below: UInt64(bytes.count)))
                bytes[index] ^= UInt8(1 << random.next(below: 8))
            }
        case 1: bytes = Array(bytes.prefix(Int(random.next(below: UInt64(bytes.count + 1)))))
        case 2: bytes += randomBytes(&random, maxCount: 40)
        default:
            let cut = Int(random.next(below: UInt64(bytes.count)))
            bytes = Array(bytes.prefix(cut)) + randomBytes(&random, maxCount: 60)
        }
        if random.next(below: 2) == 0 && bytes.count > 2 {
            bytes = FrameCheckSequence.appending(to: Array(bytes.dropLast(2)))
        }
        return bytes
    }

    @Test func macFramesRoundTripOrAreRefused() {
        var random = MeshRandom(seed: 1)
        var accepted = 0
        for iteration in 0..<Self.iterations {
            let psdu = iteration % 2 == 0 ? Self.mutated(&random) : FrameCheckSequence.appending(
                to: Self.randomBytes(&random, maxCount: 140))
            do {
                let frame = try MACFrame.decode(psdu)
                accepted += 1
                #expect(try frame.psdu() == psdu, "\(Hex.encode(psdu)) -> \(Hex.encode((try? frame.psdu()) ?? []))")
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        #expect(accepted > 500)
    }

    @Test func macReceivePathCountsEveryFrame() throws {
        let rig = try MACSecurityTests.Rig()
        var random = MeshRandom(seed: 2)
        let count = Self.iterations
        for _ in 0..<count { rig.radio.inject(Self.mutated(&random)) }
        try rig.loop.run(until: rig.clock.now + 60_000_000)
        let c = rig.mac.counters
        let total = c.received + c.droppedMalformed + c.droppedSecurity + c.droppedReplay + c.droppedDuplicate
            + c.droppedNotForUs + c.droppedUnknownNeighbor
        // Acknowledgment frames are consumed without being counted as received frames.
        let acks = rig.state.inbox.count
        #expect(acks == 0)
        #expect(total <= count)
        #expect(total > count * 3 / 4)
        #expect(c.droppedMalformed > 0 && c.droppedNotForUs > 0)
    }

    @Test func iphcAndLoWPANHeadersNeverTrap() {
        var random = MeshRandom(seed: 3)
        let contexts = OpenThreadCapture.contexts
        var decoded = 0
        for _ in 0..<Self.iterations {
            var bytes = Self.randomBytes(&random, maxCount: 120)
            if !bytes.isEmpty && random.next(below: 2) == 0 { bytes[0] = 0x60 | bytes[0] & 0x1F }
            let macSource: MACAddress = random.next(below: 2) == 0 ? .short(0x6000) : .extended(OpenThreadCapture.node1)
            if let parsed = try? LoWPANPayload.parse(bytes), parsed.fragment == nil || parsed.fragment!.isFirst,
               let headers = try? IPHC.decompress(bytes, at: parsed.offset, macSource: macSource,
                                                  macDestination: .broadcast, contexts: contexts,
                                                  datagramSize: parsed.fragment.map { Int($0.datagramSize) }) {
                decoded += 1
                #expect(headers.bytes.count <= IPv6Header.byteCount * 2 + bytes.count * 8 + 16)
            }
        }
        #expect(decoded > 100)
    }

    @Test func reassemblyUnderRandomFragmentsStaysBounded() {
        var random = MeshRandom(seed: 4)
        var reassembler = Reassembler(maxDatagrams: 3, timeoutMicros: 500_000)
        let contexts = OpenThreadCapture.contexts
        for index in 0..<Self.iterations {
            let first = random.next(below: 3) == 0
            let header = FragmentHeader(datagramSize: UInt16(random.next(below: 2048)), tag: UInt16(random.next(below: 8)),
                                        offsetBytes: first ? 0 : 8 * Int(random.next(below: 256)), isFirst: first)
            let payload = header.encoded + (first ? [0x7A, 0x33, 0x3A] : []) + Self.randomBytes(&random, maxCount: 100)
            let length = first ? FragmentHeader.firstBytes : FragmentHeader.subsequentBytes
            _ = try? reassembler.receive(header, payload: payload, at: length, source: .short(UInt16(random.next(below: 4))),
                                         destination: .short(1), contexts: contexts, nowMicros: UInt64(index) * 1_000)
            #expect(reassembler.inProgress <= 3)
        }
        let c = reassembler.counters
        #expect(c.droppedMalformed + c.droppedNoSlot > 0)
    }

    @Test func networkLayerParsersNeverTrap() {
        var random = MeshRandom(seed: 5)
        let a = OpenThreadCapture.meshLocal.address
        for _ in 0..<Self.iterations {
            var bytes = Self.randomBytes(&random, maxCount: 120)
            if bytes.count > 6 && random.next(below: 2) == 0 {
                bytes[0] = 0x60
                let length = Int(random.next(below: 100))
                bytes[4] = UInt8(length >> 8)
                bytes[5] = UInt8(length & 0xFF)
            }
            if let packet = try? IPv6Packet.decode(bytes) {
                #expect(packet.payload.count == Int(packet.header.payloadLength))
            }
            _ = try? UDPDatagram.decode(bytes, source: a, destination: a)
            _ = try? ICMPv6Message.decode(bytes, source: a, destination: a)
            _ = try? MeshHeader.decode(bytes)
            _ = try? FragmentHeader.decode(bytes)
        }
        let alphabet = Array("0123456789abcdefABCDEF:::./%g ".utf8)
        for _ in 0..<Self.iterations {
            let count = Int(random.next(below: 45))
            let text = String(decoding: (0..<count).map { _ in alphabet[Int(random.next(below: UInt64(alphabet.count)))] },
                              as: UTF8.self)
            if let address = try? IPv6Address(parsing: text) {
                #expect((try? IPv6Address(parsing: address.description)) == address)
            }
            _ = try? IPv6Prefix(parsing: text + "/" + String(random.next(below: 200)))
        }
    }

    @Test func linkLayerDropsHostilePayloadsInAuthenticFrames() throws {
        let rig = try MACSecurityTests.Rig()
        let link = LinkLayer(mac: rig.mac, contexts: OpenThreadCapture.contexts)
        var delivered = 0
        link.onPacket = { _, _ in delivered += 1 }
        var random = MeshRandom(seed: 6)
        let keys = try DerivedKeys(networkKey: .pymeshDefault, keySequence: 0)
        for index in 0..<Self.iterations {
            var payload = Self.randomBytes(&random, maxCount: 90)
            if !payload.isEmpty {
                switch random.next(below: 3) {
                case 0: payload[0] = 0x60 | payload[0] & 0x1F
                case 1: payload[0] = 0xC0 | payload[0] & 0x07
                default: payload[0] = 0xE0 | payload[0] & 0x07
                }
            }
            let frame = MACFrame(type: .data, sequence: UInt8(truncatingIfNeeded: index), panID: 0x1234,
                                 destination: .short(0x0400), source: .extended(MACSecurityTests.peer),
                                 security: SecurityHeader(frameCounter: UInt32(index), keyIndex: 1), payload: payload)
            rig.radio.inject(try MACSecurity.seal(frame, key: keys.macKey, sender: MACSecurityTests.peer))
        }
        try rig.loop.run(until: rig.clock.now + 60_000_000)
        #expect(rig.mac.counters.received == Self.iterations)
        #expect(link.counters.droppedMalformed + link.counters.packetsReceived + link.reassembler.counters.started
            >= Self.iterations - link.reassembler.counters.droppedNoSlot - link.reassembler.counters.droppedMalformed)
        #expect(link.counters.droppedMalformed > Self.iterations / 2)
        #expect(link.reassembler.inProgress <= link.reassembler.maxDatagrams)
        _ = delivered
    }
}
