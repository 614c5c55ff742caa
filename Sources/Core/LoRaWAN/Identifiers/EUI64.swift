/// An IEEE EUI-64: DevEUI, JoinEUI/AppEUI, or a gateway EUI (the Semtech UDP
/// `gateway_ID`). Written big-endian as 16 hex digits; sent on air
/// little-endian in join frames.
public struct EUI64: Hashable, Sendable {
    public let rawValue: UInt64

    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// 16 hex digits, either case; '-' and ':' separators are ignored
    /// ("24-0A-C4-FF-FE-00-8D-88", "24:0a:c4:ff:fe:00:8d:88").
    public init?(hex: String) {
        var digits: [UInt8] = []
        for c in hex.utf8 where c != UInt8(ascii: "-") && c != UInt8(ascii: ":") {
            digits.append(c)
        }
        guard digits.count == 16, let bytes = Hex.bytes(utf8: digits) else { return nil }
        rawValue = Hex.bigEndianValue(bytes)
    }

    /// Throwing form of `init?(hex:)` whose error says what an EUI looks like.
    public static func parse(_ text: String, name: String = "EUI-64") throws(LoRaWANError) -> EUI64 {
        guard let eui = EUI64(hex: text) else {
            throw LoRaWANError("\(name) \"\(text)\": expected 16 hex digits (8 bytes), optionally separated by '-' or ':'")
        }
        return eui
    }

    /// The EUI-64 of a MAC-48: the MAC's first three bytes (OUI), FF FE, then
    /// its last three bytes (IEEE's MAC-48 to EUI-64 mapping, the usual
    /// gateway ID). `legacyFFFF` inserts FF FF instead, as seed 000's
    /// config.py does; network servers registered with that ID need it.
    public init(mac: MAC48, legacyFFFF: Bool = false) {
        let oui = mac.rawValue >> 24
        let nic = mac.rawValue & 0xFF_FFFF
        let middle: UInt64 = legacyFFFF ? 0xFFFF : 0xFFFE
        rawValue = oui << 40 | middle << 24 | nic
    }

    /// 16 upper-case hex digits.
    public var hex: String { Hex.string(bytes) }

    /// The 8 bytes, most significant first.
    public var bytes: [UInt8] { Hex.bigEndianBytes(rawValue, count: 8) }

    /// The 8 bytes as sent on air (little-endian).
    public var airBytes: [UInt8] { Array(bytes.reversed()) }

    init(airBytes b: ArraySlice<UInt8>) {
        var value: UInt64 = 0
        for byte in b.reversed() { value = value << 8 | UInt64(byte) }
        rawValue = value
    }
}
