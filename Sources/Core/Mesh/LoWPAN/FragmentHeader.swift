/// RFC 4944 §5.3 fragmentation headers: FRAG1 `11000 size(11) tag(16)`
/// and FRAGN `11100 size(11) tag(16) offset(8, in 8-octet units)`.
public struct FragmentHeader: Equatable, Sendable {
    /// The whole uncompressed IPv6 packet's size.
    public var datagramSize: UInt16
    public var tag: UInt16
    /// In bytes of the uncompressed packet (a multiple of 8); 0 for FRAG1.
    public var offsetBytes: Int
    public var isFirst: Bool

    public static let firstBytes = 4
    public static let subsequentBytes = 5

    public init(datagramSize: UInt16, tag: UInt16, offsetBytes: Int, isFirst: Bool) {
        self.datagramSize = datagramSize & 0x07FF
        self.tag = tag
        self.offsetBytes = offsetBytes
        self.isFirst = isFirst
    }

    public static func isFragmentHeader(_ byte: UInt8) -> Bool { byte & 0xD8 == 0xC0 }

    public var encoded: [UInt8] {
        var out: [UInt8] = [(isFirst ? 0xC0 : 0xE0) | UInt8(datagramSize >> 8 & 0x07), UInt8(datagramSize & 0xFF),
                            UInt8(tag >> 8), UInt8(tag & 0xFF)]
        if !isFirst { out.append(UInt8(truncatingIfNeeded: offsetBytes / 8)) }
        return out
    }

    public static func decode(_ bytes: [UInt8], at offset: Int = 0) throws(MeshError) -> (FragmentHeader, Int) {
        var reader = ByteReader(bytes, at: offset)
        let first = try reader.byte("fragment header")
        guard isFragmentHeader(first) else { throw MeshError(.malformed, "not a fragment header") }
        let second = try reader.byte("fragment header")
        let tag = try reader.uint16("fragment tag")
        let size = UInt16(first & 0x07) << 8 | UInt16(second)
        let isFirst = first & 0x20 == 0
        let offsetUnits = isFirst ? 0 : Int(try reader.byte("fragment offset"))
        return (FragmentHeader(datagramSize: size, tag: tag, offsetBytes: offsetUnits * 8, isFirst: isFirst),
                reader.offset - offset)
    }
}
