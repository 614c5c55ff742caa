/// A 48-bit IEEE MAC address, the usual source of a gateway's EUI-64.
public struct MAC48: Hashable, Sendable {
    /// The 48 bits, first byte most significant.
    public let rawValue: UInt64

    public init?(bytes: [UInt8]) {
        guard bytes.count == 6 else { return nil }
        rawValue = Hex.bigEndianValue(bytes)
    }

    /// "24:0a:c4:00:8d:88", "24-0A-C4-00-8D-88" or "240ac4008d88".
    public init?(text: String) {
        guard let mac = try? MAC48.parse(text) else { return nil }
        self = mac
    }

    /// Parses six bytes written as two hex digits each, all separated by ':'
    /// or all by '-', or as 12 hex digits with no separator.
    public static func parse(_ text: String) throws(LoRaWANError) -> MAC48 {
        let chars = Array(text.utf8)
        var digits: [UInt8] = []
        if chars.count == 17 {
            let separator = chars[2]
            var ok = separator == UInt8(ascii: ":") || separator == UInt8(ascii: "-")
            for (index, c) in chars.enumerated() {
                if index % 3 == 2 {
                    if c != separator { ok = false }
                } else {
                    digits.append(c)
                }
            }
            if !ok { digits = [] }
        } else if chars.count == 12 {
            digits = chars
        }
        guard digits.count == 12, let bytes = Hex.bytes(utf8: digits), let mac = MAC48(bytes: bytes) else {
            throw LoRaWANError(
                "invalid MAC address \"\(text)\": expected 6 bytes as 12 hex digits, optionally separated by ':' or '-' (e.g. 24:0a:c4:00:8d:88)")
        }
        return mac
    }

    /// The 6 bytes, first byte first.
    public var bytes: [UInt8] { Hex.bigEndianBytes(rawValue, count: 6) }

    /// "24:0a:c4:00:8d:88", as Linux writes it.
    public var text: String { Hex.string(bytes, uppercase: false, separator: UInt8(ascii: ":")) }

    /// 00:00:00:00:00:00, which interfaces without a hardware address report.
    public var isZero: Bool { rawValue == 0 }
}
