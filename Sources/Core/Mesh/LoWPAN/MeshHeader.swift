/// The RFC 4944 §5.2 mesh addressing header: `10 V F HopsLeft`, then the
/// originator and final destination (V/F = 1: 16-bit, 0: 64-bit). Thread
/// forwards multi-hop frames with it, addressed by RLOC16 (Thread 1.1
/// §5.2.3; OpenThread `Lowpan::MeshHeader`).
public struct MeshHeader: Equatable, Sendable {
    public var hopsLeft: UInt8
    public var originator: MACAddress
    public var finalDestination: MACAddress

    /// OpenThread's `kMeshHeaderHopsLeft`-style default: the 4-bit maximum
    /// before the deep-hops escape (0xF means a following byte).
    public static let defaultHopsLeft: UInt8 = 14

    public init(hopsLeft: UInt8 = MeshHeader.defaultHopsLeft, originator: MACAddress, finalDestination: MACAddress) {
        self.hopsLeft = hopsLeft
        self.originator = originator
        self.finalDestination = finalDestination
    }

    public static func isMeshHeader(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    public var encoded: [UInt8] {
        var first: UInt8 = 0x80
        if case .short = originator { first |= 0x20 }
        if case .short = finalDestination { first |= 0x10 }
        var out: [UInt8]
        if hopsLeft < 0x0F {
            out = [first | hopsLeft]
        } else {
            out = [first | 0x0F, hopsLeft]
        }
        for address in [originator, finalDestination] {
            switch address {
            case .short(let short):
                out.append(UInt8(short >> 8))
                out.append(UInt8(short & 0xFF))
            case .extended(let ext): out.append(contentsOf: ext.bytes)
            case .none: break
            }
        }
        return out
    }

    /// Parses at `offset`; returns the header and its length.
    public static func decode(_ bytes: [UInt8], at offset: Int = 0) throws(MeshError) -> (MeshHeader, Int) {
        var reader = ByteReader(bytes, at: offset)
        let first = try reader.byte("mesh header")
        guard isMeshHeader(first) else { throw MeshError(.malformed, "not a mesh header") }
        var hops = first & 0x0F
        if hops == 0x0F { hops = try reader.byte("mesh header deep hops left") }
        let originator: MACAddress = first & 0x20 != 0
            ? .short(try reader.uint16("mesh originator"))
            : .extended(ExtendedAddress(unchecked: try reader.bytes(8, "mesh originator")))
        let destination: MACAddress = first & 0x10 != 0
            ? .short(try reader.uint16("mesh final destination"))
            : .extended(ExtendedAddress(unchecked: try reader.bytes(8, "mesh final destination")))
        return (MeshHeader(hopsLeft: hops, originator: originator, finalDestination: destination), reader.offset - offset)
    }
}
