/// Which pin the board's antenna path is wired to (Zephyr's
/// `power-amplifier-output: rfo | pa-boost`). RFM95 and most SX1276 modules
/// use PA_BOOST.
public enum PAOutput: Sendable, Equatable {
    case rfo, paBoost
}

/// RegPaConfig, RegPaDac and RegOcp for a wanted output power (datasheet
/// §5.4.2 "RF Power Amplifiers", §5.4.3 high-power settings, §5.4.4 OCP).
public struct PowerAmplifierRegisters: Sendable, Equatable {
    public var paConfig: UInt8
    public var paDac: UInt8
    public var ocp: UInt8
    public var dBm: Int

    /// PA_BOOST: 2–17 dBm as Pout = 2 + OutputPower (MaxPower irrelevant);
    /// 18–20 dBm with RegPaDac = 0x87 as Pout = 5 + OutputPower, and the
    /// over-current trim raised to 140 mA. RFO: 0–14 dBm with MaxPower 7
    /// (Pmax = 10.8 + 0.6·7 = 15 dBm), Pout = Pmax − (15 − OutputPower).
    public init(dBm: Int, output: PAOutput) throws(SX1276Error) {
        self.dBm = dBm
        switch output {
        case .paBoost:
            guard dBm >= 2 && dBm <= 20 else {
                throw SX1276Error(.invalidConfiguration, "TX power \(dBm) dBm on PA_BOOST: allowed 2-20 dBm")
            }
            if dBm > 17 {
                paConfig = 0x80 | 0x70 | UInt8(dBm - 5)
                paDac = 0x87
                ocp = 0x20 | PowerAmplifierRegisters.ocpTrim(milliamps: 140)
            } else {
                paConfig = 0x80 | 0x70 | UInt8(dBm - 2)
                paDac = 0x84
                ocp = 0x20 | PowerAmplifierRegisters.ocpTrim(milliamps: 100)
            }
        case .rfo:
            guard dBm >= 0 && dBm <= 14 else {
                throw SX1276Error(.invalidConfiguration, "TX power \(dBm) dBm on RFO: allowed 0-14 dBm")
            }
            paConfig = 0x70 | UInt8(dBm)
            paDac = 0x84
            ocp = 0x20 | PowerAmplifierRegisters.ocpTrim(milliamps: 100)
        }
    }

    /// OcpTrim: Imax = 45 + 5·trim (≤ 120 mA), −30 + 10·trim (130–240 mA).
    public static func ocpTrim(milliamps: Int) -> UInt8 {
        if milliamps <= 120 { return UInt8(max(0, (milliamps - 45) / 5)) }
        return UInt8(min(27, (milliamps + 30) / 10))
    }
}
