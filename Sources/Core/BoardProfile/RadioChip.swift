import LoRaPHY

/// The radio on a board: a Semtech SX127x or a HopeRF module built on one.
/// All of them answer RegVersion 0x12 and differ in the bands they cover.
public enum RadioChip: String, Sendable, Equatable, CaseIterable {
    case sx1276, sx1277, sx1278, sx1279
    /// HopeRF RFM95W/RFM97W: SX1276/SX1277 on an 868/915 MHz (HF) board.
    case rfm95, rfm97
    /// HopeRF RFM96W/RFM98W: SX1278 on a 433/470 MHz (LF) board.
    case rfm96, rfm98

    /// The Semtech chip inside.
    public var semtechChip: String {
        switch self {
        case .sx1276, .rfm95: return "SX1276"
        case .sx1277, .rfm97: return "SX1277"
        case .sx1278, .rfm96, .rfm98: return "SX1278"
        case .sx1279: return "SX1279"
        }
    }

    /// How people write the part ("SX1276", "RFM95W (SX1276)").
    public var displayName: String {
        switch self {
        case .sx1276, .sx1277, .sx1278, .sx1279: return semtechChip
        case .rfm95: return "RFM95W (SX1276)"
        case .rfm96: return "RFM96W (SX1278)"
        case .rfm97: return "RFM97W (SX1277)"
        case .rfm98: return "RFM98W (SX1278)"
        }
    }

    /// HopeRF modules bring out PA_BOOST only.
    public var hasRFOOutput: Bool {
        switch self {
        case .sx1276, .sx1277, .sx1278, .sx1279: return true
        case .rfm95, .rfm96, .rfm97, .rfm98: return false
        }
    }

    static let fullRange = Int(ChipFrequencyRange.sx1276Hz.lowerBound)...Int(ChipFrequencyRange.sx1276Hz.upperBound)

    /// Frequencies the part can tune to (datasheet table 1 / HopeRF ranges).
    public var frequencyRangesHz: [ClosedRange<Int>] {
        switch self {
        case .sx1276, .sx1277: return [Self.fullRange]
        case .sx1278: return [137_000_000...525_000_000]
        case .sx1279: return [137_000_000...960_000_000]
        case .rfm95, .rfm97: return [862_000_000...1_020_000_000]
        case .rfm96, .rfm98: return [410_000_000...525_000_000]
        }
    }

    public func canTune(frequencyHz: Int) -> Bool {
        frequencyRangesHz.contains { $0.contains(frequencyHz) }
    }

    /// "137-1020 MHz" for messages.
    public var frequencyRangeLabel: String {
        var parts: [String] = []
        for range in frequencyRangesHz {
            parts.append("\(range.lowerBound / 1_000_000)-\(range.upperBound / 1_000_000) MHz")
        }
        var text = ""
        for (index, part) in parts.enumerated() { text += (index == 0 ? "" : ", ") + part }
        return text
    }
}

/// The SX127x RF front end a frequency uses: the HF port (RFI_HF/RFO_HF,
/// band 1, 862-1020 MHz) or the LF port (RFI_LF/RFO_LF, bands 2-3, 137-525
/// MHz), chosen by RegOpMode LowFrequencyModeOn (datasheet §2.1, §6.2). A
/// module only works on the port its matching network was built for.
public enum FrequencyPort: String, Sendable, Equatable {
    case lowFrequency = "LF"
    case highFrequency = "HF"

    /// Below 525 MHz the LF port, from there up the HF port: the same
    /// threshold as the SX1276 driver (`RadioMath.lowFrequencyBandLimitHz`,
    /// LoRaMac-node's RF_MID_BAND_THRESH), between band 2 and band 1.
    public init(frequencyHz: Int) {
        self = frequencyHz < 525_000_000 ? .lowFrequency : .highFrequency
    }

    public var bandLabel: String {
        switch self {
        case .highFrequency: return "HF port (RFI_HF/RFO_HF, band 1: 862-1020 MHz)"
        case .lowFrequency: return "LF port (RFI_LF/RFO_LF, bands 2-3: 137-525 MHz)"
        }
    }
}
