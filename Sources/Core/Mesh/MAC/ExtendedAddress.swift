import TextCoding

/// An IEEE EUI-64 / 802.15.4 extended address, held in the order OpenThread
/// prints it (`extaddr` → `18b4300000000001`). On air it is little-endian
/// (802.15.4-2006 §7.2.1: multi-octet fields are sent least significant
/// octet first), so frame codecs reverse it.
public struct ExtendedAddress: Equatable, Hashable, Sendable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) throws(MeshError) {
        guard bytes.count == 8 else { throw MeshError(.invalidArgument, "extended address of \(bytes.count) bytes: need 8") }
        self.bytes = bytes
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    public init(_ value: UInt64) {
        var out = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { out[index] = UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * index)) }
        bytes = out
    }

    /// 16 hex digits.
    public init(hex: String) throws(MeshError) {
        guard let decoded = Hex.decode(hex), decoded.count == 8 else {
            throw MeshError(.invalidArgument, "extended address \"\(hex)\": need 16 hex digits")
        }
        bytes = decoded
    }

    /// OpenThread's simulation platform: `18b43000` ‖ BE32(node id)
    /// (examples/platforms/simulation, ../shared/tools/openthread/README.md).
    public static func openThreadSimulation(nodeID: UInt32) -> ExtendedAddress {
        ExtendedAddress(0x18B4_3000_0000_0000 | UInt64(nodeID))
    }

    public var value: UInt64 { bytes.reduce(0) { $0 << 8 | UInt64($1) } }

    /// As OpenThread prints it: 16 lower-case hex digits.
    public var hex: String { Hex.encode(bytes, uppercase: false) }

    /// The IPv6 interface identifier: the address with the universal/local
    /// bit (0x02 of the first byte) flipped (RFC 4944 §6).
    public var interfaceIdentifier: [UInt8] {
        var iid = bytes
        iid[0] ^= 0x02
        return iid
    }

    /// The inverse of `interfaceIdentifier`.
    public init(interfaceIdentifier iid: [UInt8]) throws(MeshError) {
        guard iid.count == 8 else { throw MeshError(.invalidArgument, "interface identifier of \(iid.count) bytes: need 8") }
        var bytes = iid
        bytes[0] ^= 0x02
        self.bytes = bytes
    }

    /// Little-endian bytes as they appear in a frame.
    var airBytes: [UInt8] { bytes.reversed() }
}
