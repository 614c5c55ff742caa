/// A LoRaWAN AES-128 key (NwkSKey, AppSKey, AppKey): 16 bytes, written as 32
/// hex digits in the order the bytes are used (LoRaWAN 1.0.x §6).
public struct AES128Key: Equatable, Sendable {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// 32 hex digits, either case.
    public init?(hex: String) {
        guard let bytes = Hex.bytes(hex), bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Throwing form of `init?(hex:)` whose error says what a key looks like.
    public static func parse(_ text: String, name: String = "key") throws(LoRaWANError) -> AES128Key {
        guard let key = AES128Key(hex: text) else {
            throw LoRaWANError("\(name) \"\(text)\": expected 32 hex digits (16 bytes)")
        }
        return key
    }

    /// 32 upper-case hex digits.
    public var hex: String { Hex.string(bytes) }
}
