import LoRaPHY

/// The datasheet's conversions, as small pure functions.
public enum RadioMath {
    /// Crystal frequency of every SX1276 reference design (datasheet §2.5.1).
    public static let crystalHz: Double = 32_000_000

    /// Frf = f_RF · 2^19 / F_XOSC (datasheet §4.1.4, "RF Carrier Frequency"),
    /// rounded to the nearest step of 61.035 Hz; 24 bits.
    public static func frf(frequencyHz: UInt32) -> UInt32 {
        let value = (UInt64(frequencyHz) << 19 + UInt64(crystalHz) / 2) / UInt64(crystalHz)
        return UInt32(truncatingIfNeeded: min(value, 0xFF_FFFF))
    }

    /// The carrier frequency a Frf value programs, in hertz.
    public static func frequencyHz(frf: UInt32) -> Double {
        Double(frf) * crystalHz / 524_288
    }

    /// Band 1 (862–1020 MHz) uses the HF port; bands 2 and 3 (137–525 MHz)
    /// the LF port (datasheet table 32; 525 MHz is LoRaMac-node's threshold).
    public static let lowFrequencyBandLimitHz: UInt32 = 525_000_000

    public static func isLowFrequencyPort(frequencyHz: UInt32) -> Bool {
        frequencyHz < lowFrequencyBandLimitHz
    }

    /// RegPktSnrValue: SNR in two's complement, in quarter dB (datasheet §6.4).
    public static func packetSNR(register: UInt8) -> Double {
        Double(Int8(bitPattern: register)) / 4
    }

    /// Packet strength (datasheet §5.5.5): −157 + PacketRssi on the HF port,
    /// −164 + PacketRssi on the LF port; when SNR < 0 the packet is below the
    /// noise floor and PacketSnr·0.25 is added.
    public static func packetRSSI(register: UInt8, snrDB: Double, lowFrequencyPort: Bool) -> Double {
        let offset: Double = lowFrequencyPort ? -164 : -157
        let rssi = offset + Double(register)
        return snrDB < 0 ? rssi + snrDB : rssi
    }

    /// RegRssiValue, the current RSSI (no SNR correction), same offsets.
    public static func currentRSSI(register: UInt8, lowFrequencyPort: Bool) -> Double {
        (lowFrequencyPort ? -164 : -157) + Double(register)
    }

    /// RegFeiMsb (bits 3-0), RegFeiMid, RegFeiLsb: a 20-bit signed value.
    public static func feiValue(msb: UInt8, mid: UInt8, lsb: UInt8) -> Int32 {
        let raw = Int32(msb & 0x0F) << 16 | Int32(mid) << 8 | Int32(lsb)
        return raw & 0x8_0000 != 0 ? raw - 0x10_0000 : raw
    }

    /// Frequency error (datasheet §4.1.5): FreqError · 2^24 / F_XOSC · BW[kHz] / 500.
    public static func frequencyErrorHz(fei: Int32, bandwidth: Bandwidth) -> Double {
        Double(fei) * 16_777_216 / crystalHz * (bandwidth.hertz / 1000) / 500
    }
}
