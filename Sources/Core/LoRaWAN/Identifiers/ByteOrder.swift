import TextCoding
/// Big-endian integers <-> bytes, and mbedTLS return codes for messages.
enum ByteOrder {
    /// Big-endian bytes of the low `count` bytes of a value.
    static func bigEndianBytes(_ value: UInt64, count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            out[count - 1 - i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))
        }
        return out
    }

    static func bigEndianValue(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    /// "-0x0020" for an mbedTLS return code.
    static func signedCode(_ code: Int32) -> String {
        let magnitude = UInt32(code.magnitude)
        let text = Hex.encode(bigEndianBytes(UInt64(magnitude), count: 2))
        return code < 0 ? "-0x\(text)" : "0x\(text)"
    }
}
