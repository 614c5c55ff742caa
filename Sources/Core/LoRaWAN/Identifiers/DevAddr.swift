/// A LoRaWAN device address (LoRaWAN 1.0.x §6.1.1). Written big-endian as
/// 8 hex digits ("26011BDA"); sent on air little-endian.
public struct DevAddr: Hashable, Sendable {
    public let rawValue: UInt32

    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Exactly 8 hex digits, either case, most significant first.
    public init?(hex: String) {
        guard let bytes = Hex.bytes(hex), bytes.count == 4 else { return nil }
        rawValue = UInt32(truncatingIfNeeded: Hex.bigEndianValue(bytes))
    }

    /// 8 upper-case hex digits.
    public var hex: String { Hex.string(Hex.bigEndianBytes(UInt64(rawValue), count: 4)) }

    /// The 7 most significant bits: the network identifier (NwkID, LoRaWAN 1.0.x).
    public var networkID: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 25) }

    /// The 4 bytes as sent on air (little-endian).
    public var airBytes: [UInt8] {
        [UInt8(truncatingIfNeeded: rawValue), UInt8(truncatingIfNeeded: rawValue >> 8),
         UInt8(truncatingIfNeeded: rawValue >> 16), UInt8(truncatingIfNeeded: rawValue >> 24)]
    }

    init(airBytes b: ArraySlice<UInt8>) {
        let i = b.startIndex
        rawValue = UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
