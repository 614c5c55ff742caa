/// RegOpMode Mode field (bits 2-0, datasheet §4.1.3 and table 42): the eight
/// LoRa operating modes.
public enum OperatingMode: UInt8, Sendable, CaseIterable {
    case sleep = 0, standby, frequencySynthesisTX, transmit, frequencySynthesisRX
    case receiveContinuous, receiveSingle, channelActivityDetection

    /// The datasheet's name, for messages and the watchdog.
    public var name: String {
        switch self {
        case .sleep: return "SLEEP"
        case .standby: return "STDBY"
        case .frequencySynthesisTX: return "FSTX"
        case .transmit: return "TX"
        case .frequencySynthesisRX: return "FSRX"
        case .receiveContinuous: return "RXCONTINUOUS"
        case .receiveSingle: return "RXSINGLE"
        case .channelActivityDetection: return "CAD"
        }
    }
}

/// The whole RegOpMode byte.
public struct OpMode: Sendable, Equatable {
    /// Bit 7 LongRangeMode: LoRa (1) or FSK/OOK (0). Changes only in SLEEP.
    public var longRangeMode: Bool
    /// Bit 3 LowFrequencyModeOn: access to the LF test registers (below 525 MHz).
    public var lowFrequencyModeOn: Bool
    public var mode: OperatingMode

    public init(longRangeMode: Bool = true, lowFrequencyModeOn: Bool = false, mode: OperatingMode) {
        self.longRangeMode = longRangeMode
        self.lowFrequencyModeOn = lowFrequencyModeOn
        self.mode = mode
    }

    public init(rawValue: UInt8) {
        longRangeMode = rawValue & 0x80 != 0
        lowFrequencyModeOn = rawValue & 0x08 != 0
        mode = OperatingMode(rawValue: rawValue & 0x07)!
    }

    public var rawValue: UInt8 {
        (longRangeMode ? 0x80 : 0) | (lowFrequencyModeOn ? 0x08 : 0) | mode.rawValue
    }
}
