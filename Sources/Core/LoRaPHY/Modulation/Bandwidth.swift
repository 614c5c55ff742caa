/// The LoRa signal bandwidths of the SX127x (datasheet §4.1.1.4, RegModemConfig1 Bw).
///
/// Each case carries its exact value: the narrow bandwidths are fractions of
/// the 32 MHz crystal (7.8 kHz is 7812.5 Hz), which is what airtime and
/// symbol timing really use.
public enum Bandwidth: Int, CaseIterable, Comparable, Sendable {
    // Raw values are the RegModemConfig1 Bw field (bits 7-4) on the SX1276.
    case khz7_8 = 0, khz10_4, khz15_6, khz20_8, khz31_25, khz41_7, khz62_5, khz125, khz250, khz500

    /// Exact bandwidth in hertz.
    public var hertz: Double {
        switch self {
        case .khz7_8: return 500_000.0 / 64
        case .khz10_4: return 500_000.0 / 48
        case .khz15_6: return 500_000.0 / 32
        case .khz20_8: return 500_000.0 / 24
        case .khz31_25: return 500_000.0 / 16
        case .khz41_7: return 500_000.0 / 12
        case .khz62_5: return 500_000.0 / 8
        case .khz125: return 125_000
        case .khz250: return 250_000
        case .khz500: return 500_000
        }
    }

    /// Kilohertz as people write it ("7.8", "31.25", "125").
    public var kilohertzLabel: String {
        switch self {
        case .khz7_8: return "7.8"
        case .khz10_4: return "10.4"
        case .khz15_6: return "15.6"
        case .khz20_8: return "20.8"
        case .khz31_25: return "31.25"
        case .khz41_7: return "41.7"
        case .khz62_5: return "62.5"
        case .khz125: return "125"
        case .khz250: return "250"
        case .khz500: return "500"
        }
    }

    /// The value people write in kilohertz (7.8 for 7.8125).
    public var nominalKilohertz: Double {
        switch self {
        case .khz7_8: return 7.8
        case .khz10_4: return 10.4
        case .khz15_6: return 15.6
        case .khz20_8: return 20.8
        case .khz31_25: return 31.25
        case .khz41_7: return 41.7
        case .khz62_5: return 62.5
        case .khz125: return 125
        case .khz250: return 250
        case .khz500: return 500
        }
    }

    /// The bandwidth whose nominal or exact value is `kilohertz`
    /// (7.8 and 7.8125 both name the 7.8 kHz bandwidth); nil if LoRa has none.
    public init?(kilohertz: Double) {
        for candidate in Bandwidth.allCases
        where abs(kilohertz - candidate.nominalKilohertz) < 1e-9 || abs(kilohertz - candidate.hertz / 1000) < 1e-9 {
            self = candidate
            return
        }
        return nil
    }

    /// The bandwidth of `hertz`, exact or nominal (7812 and 7800 both give 7.8 kHz).
    public init?(hertz: Int) {
        for candidate in Bandwidth.allCases
        where hertz == Int(candidate.hertz) || Double(hertz) == candidate.nominalKilohertz * 1000 {
            self = candidate
            return
        }
        return nil
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
