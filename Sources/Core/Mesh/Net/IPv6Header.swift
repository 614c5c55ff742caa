/// The fixed 40-byte IPv6 header (RFC 8200 §3).
public struct IPv6Header: Equatable, Sendable {
    public static let byteCount = 40
    /// IPv6 minimum MTU (RFC 8200 §5): what 6LoWPAN must carry (RFC 4944 §4).
    public static let minimumMTU = 1280

    public var trafficClass: UInt8
    /// 20 bits.
    public var flowLabel: UInt32
    public var payloadLength: UInt16
    public var nextHeader: UInt8
    public var hopLimit: UInt8
    public var source: IPv6Address
    public var destination: IPv6Address

    public static let protocolUDP: UInt8 = 17
    public static let protocolICMPv6: UInt8 = 58
    public static let protocolHopByHop: UInt8 = 0
    /// OpenThread's default hop limit for unicast (and what ping reports).
    public static let defaultHopLimit: UInt8 = 64

    public init(trafficClass: UInt8 = 0, flowLabel: UInt32 = 0, payloadLength: UInt16, nextHeader: UInt8,
                hopLimit: UInt8 = IPv6Header.defaultHopLimit, source: IPv6Address, destination: IPv6Address) {
        self.trafficClass = trafficClass
        self.flowLabel = flowLabel & 0xF_FFFF
        self.payloadLength = payloadLength
        self.nextHeader = nextHeader
        self.hopLimit = hopLimit
        self.source = source
        self.destination = destination
    }

    public var encoded: [UInt8] {
        var out: [UInt8] = [
            0x60 | trafficClass >> 4, trafficClass << 4 | UInt8(flowLabel >> 16 & 0x0F),
            UInt8(flowLabel >> 8 & 0xFF), UInt8(flowLabel & 0xFF),
            UInt8(payloadLength >> 8), UInt8(payloadLength & 0xFF), nextHeader, hopLimit,
        ]
        out.reserveCapacity(40)
        out.append(contentsOf: source.bytes)
        out.append(contentsOf: destination.bytes)
        return out
    }

    /// Parses the header at the start of `bytes`; the payload length must
    /// fit in what follows.
    public static func decode(_ bytes: [UInt8]) throws(MeshError) -> IPv6Header {
        guard bytes.count >= byteCount else { throw MeshError(.malformed, "IPv6 header truncated (\(bytes.count) bytes)") }
        guard bytes[0] >> 4 == 6 else { throw MeshError(.malformed, "IP version \(bytes[0] >> 4), expected 6") }
        let header = IPv6Header(
            trafficClass: bytes[0] << 4 | bytes[1] >> 4,
            flowLabel: UInt32(bytes[1] & 0x0F) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]),
            payloadLength: UInt16(bytes[4]) << 8 | UInt16(bytes[5]), nextHeader: bytes[6], hopLimit: bytes[7],
            source: IPv6Address(unchecked: bytes, at: 8), destination: IPv6Address(unchecked: bytes, at: 24))
        guard Int(header.payloadLength) <= bytes.count - byteCount else {
            throw MeshError(.malformed, "IPv6 payload length \(header.payloadLength) exceeds the \(bytes.count - byteCount) bytes present")
        }
        return header
    }
}

/// One IPv6 packet: header and upper-layer bytes.
public struct IPv6Packet: Equatable, Sendable {
    public var header: IPv6Header
    public var payload: [UInt8]

    public init(header: IPv6Header, payload: [UInt8]) {
        self.header = header
        self.payload = payload
    }

    public var encoded: [UInt8] {
        var header = header
        header.payloadLength = UInt16(truncatingIfNeeded: payload.count)
        return header.encoded + payload
    }

    /// A whole packet; bytes beyond the payload length are ignored.
    public static func decode(_ bytes: [UInt8]) throws(MeshError) -> IPv6Packet {
        let header = try IPv6Header.decode(bytes)
        return IPv6Packet(header: header,
                          payload: Array(bytes[IPv6Header.byteCount..<(IPv6Header.byteCount + Int(header.payloadLength))]))
    }
}
