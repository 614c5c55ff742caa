/// The LoRa payload CRC as SX127x chips compute it: CRC-16/CCITT (polynomial
/// 0x1021, initial value 0, no reflection) over all bytes but the last two,
/// then XORed with those two (the last one in the low byte). It is sent after
/// the payload, low byte first, not whitened (gr-lora_sdr `add_crc`).
public enum LoRaPayloadCRC {
    public static func compute(_ payload: [UInt8]) -> UInt16 {
        let count = payload.count
        guard count >= 2 else { return count == 1 ? UInt16(payload[0]) : 0 }
        var crc: UInt16 = 0
        for index in 0..<(count - 2) {
            crc ^= UInt16(payload[index]) << 8
            for _ in 0..<8 {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc ^ UInt16(payload[count - 1]) ^ (UInt16(payload[count - 2]) << 8)
    }

    /// The four nibbles as transmitted: low byte first, low nibble first.
    public static func nibbles(_ crc: UInt16) -> [UInt8] {
        [UInt8(crc & 0xF), UInt8((crc >> 4) & 0xF), UInt8((crc >> 8) & 0xF), UInt8((crc >> 12) & 0xF)]
    }

    /// The CRC value from its four transmitted nibbles.
    public static func value(nibbles: [UInt8]) -> UInt16 {
        var crc: UInt16 = 0
        for (index, nibble) in nibbles.prefix(4).enumerated() { crc |= UInt16(nibble & 0xF) << (4 * index) }
        return crc
    }
}
