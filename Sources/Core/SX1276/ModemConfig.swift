import LoRaPHY

/// One LoRa channel setup: what the driver programs before RX, TX or CAD
/// (Zephyr's `lora_modem_config`: frequency, bandwidth, data rate, coding
/// rate, preamble, IQ, public network).
public struct RadioSettings: Sendable, Equatable {
    public var frequencyHz: UInt32
    public var parameters: LoRaParameters
    /// RegSyncWord: 0x34 LoRaWAN public networks, 0x12 private (reset value).
    public var syncWord: UInt8
    /// IQ inversion: LoRaWAN downlinks are sent inverted (gateway TX) and
    /// uplinks are not (gateway RX).
    public var invertIQ: Bool
    /// RegPayloadLength for implicit-header reception (SF6, or any implicit
    /// mode): the receiver cannot learn the length from a header.
    public var implicitPayloadLength: UInt8

    public static let lorawanPublicSyncWord: UInt8 = 0x34
    public static let privateSyncWord: UInt8 = 0x12

    public init(
        frequencyHz: UInt32, parameters: LoRaParameters, syncWord: UInt8 = RadioSettings.lorawanPublicSyncWord,
        invertIQ: Bool = false, implicitPayloadLength: UInt8 = 0
    ) {
        self.frequencyHz = frequencyHz
        self.parameters = parameters
        self.syncWord = syncWord
        self.invertIQ = invertIQ
        self.implicitPayloadLength = implicitPayloadLength
    }
}

/// The register values a `RadioSettings` becomes (datasheet §4.1.1, §6.4;
/// Errata Note §2.1 and §2.3), computed without touching the bus so they can
/// be tested on their own.
public struct ModemRegisters: Sendable, Equatable {
    public var frf: UInt32
    public var lowFrequencyModeOn: Bool
    /// Bw (7-4), CodingRate (3-1), ImplicitHeaderModeOn (0).
    public var modemConfig1: UInt8
    /// SpreadingFactor (7-4), RxPayloadCrcOn (2), SymbTimeout 9:8 left 0.
    public var modemConfig2: UInt8
    /// LowDataRateOptimize (3), AgcAutoOn (2, always on: the LNA gain is set by the AGC).
    public var modemConfig3: UInt8
    public var preambleMsb: UInt8
    public var preambleLsb: UInt8
    /// DetectionOptimize 0x05 for SF6, 0x03 otherwise, with bit 7 set only at
    /// 500 kHz (Errata §2.3) and the reserved bit 6 kept at its reset value.
    public var detectOptimize: UInt8
    /// 0x0C for SF6, 0x0A otherwise.
    public var detectionThreshold: UInt8
    public var syncWord: UInt8
    /// RegInvertIQ for reception: bit 6 InvertIQ RX, bit 0 set means TX not inverted.
    public var invertIQReceive: UInt8
    /// RegInvertIQ for transmission.
    public var invertIQTransmit: UInt8
    /// RegInvertIQ2: 0x19 when inverted, 0x1D (reset) otherwise.
    public var invertIQ2: UInt8
    /// Errata §2.1 (500 kHz sensitivity): 0x36 = 0x02 and 0x3A = 0x64 (HF) /
    /// 0x7F (LF) at 500 kHz; 0x36 = 0x03 otherwise (0x3A untouched: nil).
    public var highBwOptimize1: UInt8
    public var highBwOptimize2: UInt8?
    /// Errata §2.3 (spurious reception): RegIfFreq2 per bandwidth below
    /// 500 kHz, RegIfFreq1 0x00; nil at 500 kHz (automatic IF). The errata's
    /// extra receive-frequency offset for 7.8–41.7 kHz is not applied.
    public var ifFreq2: UInt8?
    public var ifFreq1: UInt8?
    public var payloadLength: UInt8

    public init(settings: RadioSettings) throws(SX1276Error) {
        let p = settings.parameters
        if p.spreadingFactor == .sf6 && p.explicitHeader {
            throw SX1276Error(.invalidConfiguration, "SF6 works only with an implicit header (datasheet §4.1.1.2)")
        }
        if !p.explicitHeader && settings.implicitPayloadLength == 0 {
            throw SX1276Error(.invalidConfiguration, "implicit header mode needs implicitPayloadLength 1-255")
        }
        if p.preambleSymbols < 6 || p.preambleSymbols > 65535 {
            throw SX1276Error(.invalidConfiguration, "preamble of \(p.preambleSymbols) symbols: allowed 6-65535")
        }
        guard ChipFrequencyRange.sx1276Hz.contains(settings.frequencyHz) else {
            throw SX1276Error(.invalidConfiguration, "frequency \(settings.frequencyHz) Hz: the SX1276 covers \(ChipFrequencyRange.sx1276Label)")
        }
        frf = RadioMath.frf(frequencyHz: settings.frequencyHz)
        lowFrequencyModeOn = RadioMath.isLowFrequencyPort(frequencyHz: settings.frequencyHz)
        modemConfig1 = UInt8(p.bandwidth.rawValue) << 4 | UInt8(p.codingRate.rawValue) << 1 | (p.explicitHeader ? 0 : 1)
        modemConfig2 = UInt8(p.spreadingFactor.rawValue) << 4 | (p.crcOn ? 0x04 : 0)
        modemConfig3 = (p.lowDataRateOptimizeEnabled ? 0x08 : 0) | 0x04
        preambleMsb = UInt8(p.preambleSymbols >> 8)
        preambleLsb = UInt8(p.preambleSymbols & 0xFF)
        let sf6 = p.spreadingFactor == .sf6
        let wide = p.bandwidth == .khz500
        detectOptimize = (wide ? 0x80 : 0) | 0x40 | (sf6 ? 0x05 : 0x03)
        detectionThreshold = sf6 ? 0x0C : 0x0A
        syncWord = settings.syncWord
        invertIQReceive = settings.invertIQ ? 0x67 : 0x27
        invertIQTransmit = settings.invertIQ ? 0x26 : 0x27
        invertIQ2 = settings.invertIQ ? 0x19 : 0x1D
        highBwOptimize1 = wide ? 0x02 : 0x03
        highBwOptimize2 = wide ? (lowFrequencyModeOn ? 0x7F : 0x64) : nil
        if wide {
            ifFreq2 = nil
            ifFreq1 = nil
        } else {
            switch p.bandwidth {
            case .khz7_8: ifFreq2 = 0x48
            case .khz62_5, .khz125, .khz250: ifFreq2 = 0x40
            default: ifFreq2 = 0x44
            }
            ifFreq1 = 0x00
        }
        payloadLength = p.explicitHeader ? 0xFF : settings.implicitPayloadLength
    }
}
