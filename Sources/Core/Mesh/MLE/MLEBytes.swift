/// Big-endian reads and writes on byte arrays, lengths checked by the callers' TLV sizes.
enum MLEBytes {
    static func be16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) << 8 | UInt16(b[at + 1]) }
    static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
    static func be64(_ b: [UInt8], _ at: Int) -> UInt64 { UInt64(be32(b, at)) << 32 | UInt64(be32(b, at + 4)) }
    static func put16(_ v: UInt16, _ b: inout [UInt8]) { b.append(UInt8(v >> 8)); b.append(UInt8(v & 0xff)) }
    static func put32(_ v: UInt32, _ b: inout [UInt8]) { put16(UInt16(v >> 16), &b); put16(UInt16(v & 0xffff), &b) }
    static func put64(_ v: UInt64, _ b: inout [UInt8]) { put32(UInt32(v >> 32), &b); put32(UInt32(v & 0xffff_ffff), &b) }
}
