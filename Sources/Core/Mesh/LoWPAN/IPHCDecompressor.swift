/// RFC 6282 decompression of one IPHC header (and its NHC headers) at the
/// start of `bytes[offset...]`.
extension IPHC {
    /// `datagramSize`: the whole IPv6 packet's size from a FRAG1 header;
    /// nil for an unfragmented frame, where the packet ends with the bytes.
    public static func decompress(_ bytes: [UInt8], at start: Int = 0, macSource: MACAddress,
                                  macDestination: MACAddress, contexts: LoWPANContexts,
                                  datagramSize: Int? = nil) throws(MeshError) -> DecompressedHeaders {
        try decompress(bytes, at: start, macSource: macSource, macDestination: macDestination, contexts: contexts,
                       datagramSize: datagramSize, depth: 0)
    }

    /// `depth` 1 is an IPv6 header inside the first (EID 7, IPv6-in-IPv6 as
    /// OpenThread forwards realm-local multicast); deeper nesting is refused.
    static func decompress(_ bytes: [UInt8], at start: Int, macSource: MACAddress, macDestination: MACAddress,
                           contexts: LoWPANContexts, datagramSize: Int?, depth: Int) throws(MeshError)
        -> DecompressedHeaders
    {
        var reader = ByteReader(bytes, at: start)
        let first = try reader.byte("IPHC dispatch")
        let second = try reader.byte("IPHC dispatch")
        guard isIPHC(first) else { throw MeshError(.malformed, "not an IPHC dispatch") }
        let tf = first >> 3 & 0x3
        let nextHeaderCompressed = first & 0x04 != 0
        let hlim = first & 0x03
        let cid = second & 0x80 != 0
        let sac = second & 0x40 != 0
        let sam = second >> 4 & 0x3
        let multicast = second & 0x08 != 0
        let dac = second & 0x04 != 0
        let dam = second & 0x03
        var sourceContext: UInt8 = 0
        var destinationContext: UInt8 = 0
        if cid {
            let ids = try reader.byte("context identifier extension")
            sourceContext = ids >> 4
            destinationContext = ids & 0x0F
        }
        // Traffic class and flow label (§3.2.1): ECN, DSCP, flow label.
        var trafficClass: UInt8 = 0
        var flowLabel: UInt32 = 0
        switch tf {
        case 0:
            let b = try reader.bytes(4, "traffic class and flow label")
            trafficClass = (b[0] & 0x3F) << 2 | b[0] >> 6
            flowLabel = UInt32(b[1] & 0x0F) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
        case 1:
            let b = try reader.bytes(3, "ECN and flow label")
            trafficClass = b[0] >> 6
            flowLabel = UInt32(b[0] & 0x0F) << 16 | UInt32(b[1]) << 8 | UInt32(b[2])
        case 2:
            let b = try reader.byte("traffic class")
            trafficClass = (b & 0x3F) << 2 | b >> 6
        default: break
        }
        var nextHeader: UInt8 = 0
        if !nextHeaderCompressed { nextHeader = try reader.byte("next header") }
        let hopLimit: UInt8
        switch hlim {
        case 0: hopLimit = try reader.byte("hop limit")
        case 1: hopLimit = 1
        case 2: hopLimit = 64
        default: hopLimit = 255
        }
        let source = try unicastAddress(&reader, stateful: sac, mode: sam, context: sourceContext, mac: macSource,
                                        contexts: contexts, role: "source")
        let destination: IPv6Address
        if multicast {
            destination = try multicastAddress(&reader, stateful: dac, mode: dam, context: destinationContext,
                                               contexts: contexts)
        } else {
            destination = try unicastAddress(&reader, stateful: dac, mode: dam, context: destinationContext,
                                             mac: macDestination, contexts: contexts, role: "destination")
        }

        // Next headers: extension headers then UDP, each NHC-compressed.
        var extensionBytes: [UInt8] = []
        var udpHeader: [UInt8] = []
        var upper = nextHeader
        var compressed = nextHeaderCompressed
        var extensionCount = 0
        var inner: DecompressedHeaders?
        while compressed {
            let nhc = try reader.byte("next header compression")
            if nhc & udpNHCMask == udpNHCValue {
                udpHeader = try decompressUDP(nhc, &reader)
                setNextHeader(IPv6Header.protocolUDP, extensions: &extensionBytes, first: &nextHeader,
                              count: extensionCount)
                upper = IPv6Header.protocolUDP
                break
            }
            guard nhc & extNHCMask == extNHCValue else {
                throw MeshError(.malformed, "unknown next header compression \(nhc)")
            }
            extensionCount += 1
            guard extensionCount <= 4 else { throw MeshError(.malformed, "more than 4 compressed extension headers") }
            let eid = nhc >> 1 & 0x7
            let protocolNumber: UInt8
            switch eid {
            case 0: protocolNumber = 0  // hop-by-hop options
            case 1: protocolNumber = 43  // routing
            case 2: protocolNumber = 44  // fragment
            case 3: protocolNumber = 60  // destination options
            case 7:
                guard depth == 0 else { throw MeshError(.malformed, "IPv6-in-IPv6 nested more than once") }
                setNextHeader(41, extensions: &extensionBytes, first: &nextHeader, count: extensionCount - 1)
                let outerLength = IPv6Header.byteCount + extensionBytes.count
                let innerSize = datagramSize.map { $0 - outerLength }
                guard innerSize == nil || innerSize! > 0 else {
                    throw MeshError(.malformed, "datagram size too small for an inner IPv6 header")
                }
                let decoded = try decompress(bytes, at: reader.offset, macSource: macSource,
                                             macDestination: macDestination, contexts: contexts,
                                             datagramSize: innerSize, depth: 1)
                reader.offset += decoded.compressedBytes
                inner = decoded
                upper = decoded.upperLayerProtocol
                compressed = false
                continue
            default: throw MeshError(.unsupported, "6LoWPAN extension header id \(eid) not supported")
            }
            setNextHeader(protocolNumber, extensions: &extensionBytes, first: &nextHeader, count: extensionCount - 1)
            compressed = nhc & 0x01 != 0
            let inlineNext: UInt8 = compressed ? 0 : try reader.byte("extension next header")
            let length = Int(try reader.byte("extension header length"))
            let data = try reader.bytes(length, "extension header")
            // Options headers are padded back to a multiple of 8 octets
            // (RFC 6282 §4.2: the compressor drops trailing padding).
            var header: [UInt8] = [inlineNext, 0] + data
            let pad = (8 - header.count % 8) % 8
            if pad == 1 { header.append(0) } else if pad > 1 {
                header.append(1)
                header.append(UInt8(pad - 2))
                header.append(contentsOf: [UInt8](repeating: 0, count: pad - 2))
            }
            header[1] = UInt8(truncatingIfNeeded: header.count / 8 - 1)
            extensionBytes.append(contentsOf: header)
            upper = inlineNext
        }

        let consumed = reader.offset - start
        let innerBytes = inner?.bytes ?? []
        let headersLength = IPv6Header.byteCount + extensionBytes.count + udpHeader.count + innerBytes.count
        let totalSize = datagramSize ?? (headersLength + bytes.count - reader.offset)
        guard totalSize >= headersLength && totalSize - IPv6Header.byteCount <= 0xFFFF else {
            throw MeshError(.malformed, "datagram size \(totalSize) smaller than its \(headersLength) header bytes")
        }
        if !udpHeader.isEmpty {
            let udpLength = totalSize - IPv6Header.byteCount - extensionBytes.count
            udpHeader[4] = UInt8(udpLength >> 8 & 0xFF)
            udpHeader[5] = UInt8(udpLength & 0xFF)
        }
        let ipHeader = IPv6Header(trafficClass: trafficClass, flowLabel: flowLabel,
                                  payloadLength: UInt16(totalSize - IPv6Header.byteCount), nextHeader: nextHeader,
                                  hopLimit: hopLimit, source: source, destination: destination)
        return DecompressedHeaders(bytes: ipHeader.encoded + extensionBytes + udpHeader + innerBytes,
                                   compressedBytes: consumed,
                                   upperLayerProtocol: upper)
    }

    /// The first next-header value goes into the IPv6 header; later ones
    /// into the previous extension header's first byte.
    private static func setNextHeader(_ value: UInt8, extensions: inout [UInt8], first: inout UInt8, count: Int) {
        if count == 0 {
            first = value
            return
        }
        var offset = 0
        for _ in 1..<count { offset += (Int(extensions[offset + 1]) + 1) * 8 }
        extensions[offset] = value
    }

    private static func decompressUDP(_ nhc: UInt8, _ reader: inout ByteReader) throws(MeshError) -> [UInt8] {
        let ports = nhc & 0x03
        var source: UInt16
        var destination: UInt16
        switch ports {
        case 0:
            source = try reader.uint16("UDP source port")
            destination = try reader.uint16("UDP destination port")
        case 1:
            source = try reader.uint16("UDP source port")
            destination = 0xF000 | UInt16(try reader.byte("UDP destination port"))
        case 2:
            source = 0xF000 | UInt16(try reader.byte("UDP source port"))
            destination = try reader.uint16("UDP destination port")
        default:
            let both = try reader.byte("UDP ports")
            source = 0xF0B0 | UInt16(both >> 4)
            destination = 0xF0B0 | UInt16(both & 0x0F)
        }
        guard nhc & 0x04 == 0 else {
            throw MeshError(.unsupported, "UDP checksum elision is not allowed here (RFC 6282 §4.3.2)")
        }
        let checksum = try reader.uint16("UDP checksum")
        return [UInt8(source >> 8), UInt8(source & 0xFF), UInt8(destination >> 8), UInt8(destination & 0xFF), 0, 0,
                UInt8(checksum >> 8), UInt8(checksum & 0xFF)]
    }

    private static func contextPrefix(_ id: UInt8, _ contexts: LoWPANContexts) throws(MeshError) -> UInt64 {
        guard let prefix = contexts.prefix(id: id) else {
            throw MeshError(.malformed, "6LoWPAN context \(id) is not known")
        }
        return prefix.address.high
    }

    private static func unicastAddress(_ reader: inout ByteReader, stateful: Bool, mode: UInt8, context: UInt8,
                                       mac: MACAddress, contexts: LoWPANContexts, role: String) throws(MeshError)
        -> IPv6Address
    {
        let linkLocal: UInt64 = 0xFE80_0000_0000_0000
        if stateful && mode == 0 {
            if role == "destination" { throw MeshError(.malformed, "IPHC DAC=1 DAM=00 is reserved") }
            return .unspecified
        }
        if !stateful && mode == 0 {
            let b = try reader.bytes(16, "inline \(role) address")
            return IPv6Address(unchecked: b, at: 0)
        }
        let prefix = stateful ? try contextPrefix(context, contexts) : linkLocal
        switch mode {
        case 1:
            let b = try reader.bytes(8, "\(role) interface identifier")
            return IPv6Address(prefix: prefix, interfaceIdentifier: b.reduce(0) { $0 << 8 | UInt64($1) })
        case 2:
            let short = try reader.uint16("\(role) short identifier")
            return IPv6Address(prefix: prefix, interfaceIdentifier: ThreadAddresses.locatorIdentifier(short))
        default:
            guard let iid = interfaceIdentifier(of: mac) else {
                throw MeshError(.malformed, "IPHC elides the \(role) address but the frame has no MAC \(role)")
            }
            return IPv6Address(prefix: prefix, interfaceIdentifier: iid)
        }
    }

    private static func multicastAddress(_ reader: inout ByteReader, stateful: Bool, mode: UInt8, context: UInt8,
                                         contexts: LoWPANContexts) throws(MeshError) -> IPv6Address {
        var b = [UInt8](repeating: 0, count: 16)
        b[0] = 0xFF
        if stateful {
            guard mode == 0 else { throw MeshError(.malformed, "IPHC M=1 DAC=1 DAM=\(mode) is reserved") }
            // ffXX:XXLL:PPPP:PPPP:PPPP:PPPP:XXXX:XXXX (RFC 3306 unicast-prefix based).
            let inline = try reader.bytes(6, "multicast destination")
            guard let prefix = contexts.prefix(id: context) else {
                throw MeshError(.malformed, "6LoWPAN context \(context) is not known")
            }
            b[1] = inline[0]
            b[2] = inline[1]
            b[3] = min(prefix.length, 64)
            let prefixBytes = prefix.address.bytes
            for index in 0..<8 { b[4 + index] = prefixBytes[index] }
            for index in 0..<4 { b[12 + index] = inline[2 + index] }
            return IPv6Address(unchecked: b, at: 0)
        }
        switch mode {
        case 0:
            let inline = try reader.bytes(16, "multicast destination")
            return IPv6Address(unchecked: inline, at: 0)
        case 1:
            let inline = try reader.bytes(6, "multicast destination")
            b[1] = inline[0]
            for index in 0..<5 { b[11 + index] = inline[1 + index] }
        case 2:
            let inline = try reader.bytes(4, "multicast destination")
            b[1] = inline[0]
            for index in 0..<3 { b[13 + index] = inline[1 + index] }
        default:
            b[1] = 0x02
            b[15] = try reader.byte("multicast destination")
        }
        return IPv6Address(unchecked: b, at: 0)
    }
}

/// Bounds-checked reading; a short read is `.malformed`, naming the field.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    init(_ bytes: [UInt8], at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { max(bytes.count - offset, 0) }

    mutating func byte(_ what: String) throws(MeshError) -> UInt8 {
        guard offset < bytes.count else { throw MeshError(.malformed, "\(what) truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16(_ what: String) throws(MeshError) -> UInt16 {
        guard bytes.count - offset >= 2 else { throw MeshError(.malformed, "\(what) truncated") }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func bytes(_ count: Int, _ what: String) throws(MeshError) -> [UInt8] {
        guard count >= 0 && bytes.count - offset >= count else { throw MeshError(.malformed, "\(what) truncated") }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }
}
