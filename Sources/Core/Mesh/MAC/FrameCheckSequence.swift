/// The 802.15.4 FCS: CRC-16/KERMIT (ITU-T polynomial 0x1021 reflected,
/// initial value 0; 802.15.4-2006 §7.2.1.9), sent little-endian.
public enum FrameCheckSequence {
    public static func crc(_ bytes: [UInt8], count: Int? = nil) -> UInt16 {
        var crc: UInt16 = 0
        let end = min(count ?? bytes.count, bytes.count)
        var index = 0
        while index < end {
            crc ^= UInt16(bytes[index])
            for _ in 0..<8 {
                crc = crc & 1 != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1
            }
            index += 1
        }
        return crc
    }

    /// `bytes` followed by their FCS.
    public static func appending(to bytes: [UInt8]) -> [UInt8] {
        let fcs = crc(bytes)
        return bytes + [UInt8(fcs & 0xFF), UInt8(fcs >> 8)]
    }

    /// Whether the last two bytes of `psdu` are the FCS of the others.
    public static func isValid(_ psdu: [UInt8]) -> Bool {
        guard psdu.count >= 2 else { return false }
        let fcs = crc(psdu, count: psdu.count - 2)
        return psdu[psdu.count - 2] == UInt8(fcs & 0xFF) && psdu[psdu.count - 1] == UInt8(fcs >> 8)
    }
}
