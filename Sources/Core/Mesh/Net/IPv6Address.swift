/// An IPv6 address as two 64-bit halves (network order: `high` holds bytes
/// 0–7), cheap to copy, compare and hash.
public struct IPv6Address: Hashable, Sendable, Comparable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// From exactly 16 bytes in network order.
    public init(bytes: [UInt8]) throws(MeshError) {
        guard bytes.count == 16 else { throw MeshError(.invalidArgument, "IPv6 address of \(bytes.count) bytes: need 16") }
        self.init(unchecked: bytes, at: 0)
    }

    /// 16 bytes at `offset` (the caller checked the length).
    init(unchecked bytes: [UInt8], at offset: Int) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<8 { high = high << 8 | UInt64(bytes[offset + index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[offset + index]) }
        self.init(high: high, low: low)
    }

    /// A /64 prefix (its first 8 bytes) and an interface identifier.
    public init(prefix: UInt64, interfaceIdentifier: UInt64) { self.init(high: prefix, low: interfaceIdentifier) }

    public static let unspecified = IPv6Address(high: 0, low: 0)

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            out[index] = UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * index))
            out[8 + index] = UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * index))
        }
        return out
    }

    /// The 16-bit group `index` (0–7).
    public func group(_ index: Int) -> UInt16 {
        let half = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: half >> UInt64(48 - 16 * (index % 4)))
    }

    public var interfaceIdentifier: UInt64 { low }
    public var isMulticast: Bool { high >> 56 == 0xFF }
    public var isLinkLocalUnicast: Bool { high >> 48 == 0xFE80 && high & 0x0000_FFFF_FFFF_FFFF == 0 }
    /// The multicast scope (2 link-local, 3 realm-local, 5 site…).
    public var multicastScope: UInt8 { UInt8(truncatingIfNeeded: high >> 48 & 0x0F) }

    public static func < (a: IPv6Address, b: IPv6Address) -> Bool {
        a.high < b.high || (a.high == b.high && a.low < b.low)
    }
}
