/// RFC 6282 compression of an IPv6 packet's headers (IPv6, hop-by-hop
/// options, UDP), eliding what the MAC addresses and contexts imply, in
/// the forms OpenThread's `Lowpan::Compress` chooses.
public struct CompressedHeaders: Equatable, Sendable {
    /// The IPHC header with its inline fields and NHC headers.
    public var bytes: [UInt8]
    /// How many bytes of the uncompressed packet they stand for (the rest
    /// of the packet follows unchanged).
    public var uncompressedBytes: Int
}

extension IPHC {
    public static func compress(_ packet: [UInt8], macSource: MACAddress, macDestination: MACAddress,
                                contexts: LoWPANContexts) throws(MeshError) -> CompressedHeaders {
        try compress(packet[...], macSource: macSource, macDestination: macDestination, contexts: contexts, depth: 0)
    }

    /// `depth` 1: the inner header of IPv6-in-IPv6 (NHC EID 7), compressed
    /// against the same MAC addresses, as OpenThread does for MPL forwarding.
    static func compress(_ packetSlice: ArraySlice<UInt8>, macSource: MACAddress, macDestination: MACAddress,
                         contexts: LoWPANContexts, depth: Int) throws(MeshError) -> CompressedHeaders {
        let packet = Array(packetSlice)
        let header = try IPv6Header.decode(packet)
        let ipInIP: UInt8 = 41
        var out: [UInt8] = [0x60, 0x00]
        var inline: [UInt8] = []
        var sourceContext: UInt8 = 0
        var destinationContext: UInt8 = 0

        // Traffic class (DSCP | ECN in IPv6; ECN | DSCP in IPHC) and flow label.
        let ecn = header.trafficClass & 0x03
        let dscp = header.trafficClass >> 2
        if header.trafficClass == 0 && header.flowLabel == 0 {
            out[0] |= 0x18
        } else if header.flowLabel == 0 {
            out[0] |= 0x10
            inline.append(ecn << 6 | dscp)
        } else if dscp == 0 {
            out[0] |= 0x08
            inline.append(ecn << 6 | UInt8(header.flowLabel >> 16 & 0x0F))
            inline.append(UInt8(header.flowLabel >> 8 & 0xFF))
            inline.append(UInt8(header.flowLabel & 0xFF))
        } else {
            inline.append(ecn << 6 | dscp)
            inline.append(UInt8(header.flowLabel >> 16 & 0x0F))
            inline.append(UInt8(header.flowLabel >> 8 & 0xFF))
            inline.append(UInt8(header.flowLabel & 0xFF))
        }

        // Next header: UDP and hop-by-hop options are NHC-compressed.
        let compressNext = header.nextHeader == IPv6Header.protocolUDP || header.nextHeader == 0
            || (header.nextHeader == ipInIP && depth == 0)
        if compressNext { out[0] |= 0x04 } else { inline.append(header.nextHeader) }

        switch header.hopLimit {
        case 1: out[0] |= 0x01
        case 64: out[0] |= 0x02
        case 255: out[0] |= 0x03
        default: inline.append(header.hopLimit)
        }

        // Source.
        if header.source == .unspecified {
            out[1] |= 0x40
        } else if header.source.isLinkLocalUnicast {
            out[1] |= unicastMode(header.source.low, mac: macSource, shift: 4, inline: &inline)
        } else if let id = contexts.id(covering: header.source) {
            sourceContext = id
            out[1] |= 0x40 | unicastMode(header.source.low, mac: macSource, shift: 4, inline: &inline)
        } else {
            inline.append(contentsOf: header.source.bytes)
        }

        // Destination.
        let destination = header.destination
        if destination.isMulticast {
            out[1] |= 0x08
            let b = destination.bytes
            if b[1] == 0x02 && allZero(b, 2, 15) {
                out[1] |= 0x03
                inline.append(b[15])
            } else if allZero(b, 2, 13) {
                out[1] |= 0x02
                inline.append(b[1])
                inline.append(contentsOf: b[13..<16])
            } else if allZero(b, 2, 11) {
                out[1] |= 0x01
                inline.append(b[1])
                inline.append(contentsOf: b[11..<16])
            } else if let id = multicastContext(b, contexts) {
                destinationContext = id
                out[1] |= 0x04
                inline.append(b[1])
                inline.append(b[2])
                inline.append(contentsOf: b[12..<16])
            } else {
                inline.append(contentsOf: b)
            }
        } else if destination.isLinkLocalUnicast {
            out[1] |= unicastMode(destination.low, mac: macDestination, shift: 0, inline: &inline)
        } else if let id = contexts.id(covering: destination) {
            destinationContext = id
            out[1] |= 0x04 | unicastMode(destination.low, mac: macDestination, shift: 0, inline: &inline)
        } else {
            inline.append(contentsOf: destination.bytes)
        }

        if sourceContext != 0 || destinationContext != 0 {
            out[1] |= 0x80
            out.append(sourceContext << 4 | destinationContext)
        }
        out.append(contentsOf: inline)

        var consumed = IPv6Header.byteCount
        var next = header.nextHeader
        var hopByHopDone = false
        while next == 0 && !hopByHopDone {
            // Hop-by-hop options: NHC 1110 000 NH, trailing padding elided.
            hopByHopDone = true
            guard packet.count - consumed >= 8 else { throw MeshError(.malformed, "hop-by-hop header truncated") }
            let following = packet[consumed]
            let length = (Int(packet[consumed + 1]) + 1) * 8
            guard packet.count - consumed >= length else { throw MeshError(.malformed, "hop-by-hop header truncated") }
            let dataEnd = consumed + length - trailingPadding(packet, from: consumed + 2, to: consumed + length)
            let nhcNext = following == IPv6Header.protocolUDP || (following == ipInIP && depth == 0)
            out.append(0xE0 | (nhcNext ? 0x01 : 0x00))
            if !nhcNext { out.append(following) }
            out.append(UInt8(dataEnd - consumed - 2))
            out.append(contentsOf: packet[(consumed + 2)..<dataEnd])
            consumed += length
            next = following
        }
        if next == ipInIP && depth == 0 {
            // NHC EID 7: the inner IPv6 header follows, itself IPHC-compressed.
            out.append(0xEE)
            let inner = try compress(packet[consumed...], macSource: macSource, macDestination: macDestination,
                                     contexts: contexts, depth: 1)
            out.append(contentsOf: inner.bytes)
            consumed += inner.uncompressedBytes
        } else if next == IPv6Header.protocolUDP {
            guard packet.count - consumed >= UDPDatagram.headerBytes else {
                throw MeshError(.malformed, "UDP header truncated")
            }
            let source = UInt16(packet[consumed]) << 8 | UInt16(packet[consumed + 1])
            let destinationPort = UInt16(packet[consumed + 2]) << 8 | UInt16(packet[consumed + 3])
            if source & 0xFFF0 == 0xF0B0 && destinationPort & 0xFFF0 == 0xF0B0 {
                out.append(0xF3)
                out.append(UInt8(source & 0x0F) << 4 | UInt8(destinationPort & 0x0F))
            } else if source & 0xFF00 == 0xF000 {
                out.append(0xF2)
                out.append(UInt8(source & 0xFF))
                out.append(contentsOf: packet[(consumed + 2)..<(consumed + 4)])
            } else if destinationPort & 0xFF00 == 0xF000 {
                out.append(0xF1)
                out.append(contentsOf: packet[consumed..<(consumed + 2)])
                out.append(UInt8(destinationPort & 0xFF))
            } else {
                out.append(0xF0)
                out.append(contentsOf: packet[consumed..<(consumed + 4)])
            }
            out.append(contentsOf: packet[(consumed + 6)..<(consumed + 8)])
            consumed += UDPDatagram.headerBytes
        }
        return CompressedHeaders(bytes: out, uncompressedBytes: consumed)
    }

    /// SAM/DAM for an address whose prefix is link-local or a context's:
    /// 11 when the MAC address implies the IID, 10 for `0:ff:fe00:XXXX`,
    /// else 01 with the IID inline. Returns the mode shifted into place.
    private static func unicastMode(_ iid: UInt64, mac: MACAddress, shift: UInt8, inline: inout [UInt8]) -> UInt8 {
        if let implied = interfaceIdentifier(of: mac), implied == iid { return 0x03 << shift }
        if ThreadAddresses.isLocatorIdentifier(iid) {
            inline.append(UInt8(iid >> 8 & 0xFF))
            inline.append(UInt8(iid & 0xFF))
            return 0x02 << shift
        }
        for index in 0..<8 { inline.append(UInt8(truncatingIfNeeded: iid >> UInt64(56 - 8 * index))) }
        return 0x01 << shift
    }

    private static func allZero(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        var index = from
        while index < to {
            if bytes[index] != 0 { return false }
            index += 1
        }
        return true
    }

    /// A unicast-prefix-based multicast address (RFC 3306) on a context's /64.
    private static func multicastContext(_ b: [UInt8], _ contexts: LoWPANContexts) -> UInt8? {
        guard b[3] == 64 else { return nil }
        let prefix = IPv6Address(unchecked: [UInt8](b[4..<12]) + [0, 0, 0, 0, 0, 0, 0, 0], at: 0)
        var best: UInt8?
        for (id, candidate) in contexts.prefixes where candidate.length == 64 && candidate.address == prefix {
            if best == nil || id < best! { best = id }
        }
        return best
    }

    /// Bytes of Pad1/PadN options at the end of an options header.
    private static func trailingPadding(_ packet: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        var lastPadStart = end
        while index < end {
            let type = packet[index]
            if type == 0 {
                if lastPadStart == end || lastPadStart > index { lastPadStart = index }
                index += 1
                continue
            }
            guard index + 1 < end else { return 0 }
            let length = Int(packet[index + 1]) + 2
            if type == 1 {
                if lastPadStart == end || lastPadStart > index { lastPadStart = index }
            } else {
                lastPadStart = end
            }
            index += length
        }
        return index == end ? end - lastPadStart : 0
    }
}
