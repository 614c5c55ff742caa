/// SX1276/77/78/79 register addresses in LoRa mode, named as in the datasheet
/// (Rev. 7, §6.1 "Register Table Summary" and §6.4 "LoRa Mode Register Map").
/// 0x0D–0x3F are the LoRa page (the FSK page shares those addresses and is
/// reached only with LongRangeMode off or AccessSharedReg on); the rest are
/// common to both modems. RegIfFreq2/RegIfFreq1 and 0x36/0x3A are the
/// undocumented registers named by the SX1276/77/78/79 Errata Note (§2.1, §2.3).
public enum Register: UInt8, Sendable {
    case regFifo = 0x00
    case regOpMode = 0x01
    case regFrfMsb = 0x06
    case regFrfMid = 0x07
    case regFrfLsb = 0x08
    case regPaConfig = 0x09
    case regPaRamp = 0x0A
    case regOcp = 0x0B
    case regLna = 0x0C
    // LoRa page
    case regFifoAddrPtr = 0x0D
    case regFifoTxBaseAddr = 0x0E
    case regFifoRxBaseAddr = 0x0F
    case regFifoRxCurrentAddr = 0x10
    case regIrqFlagsMask = 0x11
    case regIrqFlags = 0x12
    case regRxNbBytes = 0x13
    case regRxHeaderCntValueMsb = 0x14
    case regRxHeaderCntValueLsb = 0x15
    case regRxPacketCntValueMsb = 0x16
    case regRxPacketCntValueLsb = 0x17
    case regModemStat = 0x18
    case regPktSnrValue = 0x19
    case regPktRssiValue = 0x1A
    case regRssiValue = 0x1B
    case regHopChannel = 0x1C
    case regModemConfig1 = 0x1D
    case regModemConfig2 = 0x1E
    case regSymbTimeoutLsb = 0x1F
    case regPreambleMsb = 0x20
    case regPreambleLsb = 0x21
    case regPayloadLength = 0x22
    case regMaxPayloadLength = 0x23
    case regHopPeriod = 0x24
    case regFifoRxByteAddr = 0x25
    case regModemConfig3 = 0x26
    case regPpmCorrection = 0x27
    case regFeiMsb = 0x28
    case regFeiMid = 0x29
    case regFeiLsb = 0x2A
    case regRssiWideband = 0x2C
    case regIfFreq2 = 0x2F
    case regIfFreq1 = 0x30
    case regDetectOptimize = 0x31
    case regInvertIQ = 0x33
    case regHighBwOptimize1 = 0x36
    case regDetectionThreshold = 0x37
    case regSyncWord = 0x39
    case regHighBwOptimize2 = 0x3A
    case regInvertIQ2 = 0x3B
    // Common again
    case regDioMapping1 = 0x40
    case regDioMapping2 = 0x41
    case regVersion = 0x42
    case regTcxo = 0x4B
    case regPaDac = 0x4D
    case regFormerTemp = 0x5B
    case regAgcRef = 0x61
    case regAgcThresh1 = 0x62
    case regAgcThresh2 = 0x63
    case regAgcThresh3 = 0x64
    case regPll = 0x70

    /// Bit 7 of the first SPI byte: 1 writes, 0 reads (datasheet §4.3).
    public static let writeBit: UInt8 = 0x80
    /// The silicon revision every SX1276/77/78/79 reports in RegVersion.
    public static let expectedVersion: UInt8 = 0x12
}

/// RegIrqFlags / RegIrqFlagsMask bits (datasheet §6.4, table 85). Flags are
/// cleared by writing 1 to them; a 1 in the mask register disables the flag.
public struct IrqFlags: OptionSet, Sendable, Equatable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let rxTimeout = IrqFlags(rawValue: 0x80)
    public static let rxDone = IrqFlags(rawValue: 0x40)
    public static let payloadCrcError = IrqFlags(rawValue: 0x20)
    public static let validHeader = IrqFlags(rawValue: 0x10)
    public static let txDone = IrqFlags(rawValue: 0x08)
    public static let cadDone = IrqFlags(rawValue: 0x04)
    public static let fhssChangeChannel = IrqFlags(rawValue: 0x02)
    public static let cadDetected = IrqFlags(rawValue: 0x01)
}

/// RegDioMapping1 fields in LoRa mode (datasheet §4.1.6.3, table 18): DIO0 in
/// bits 7-6, DIO1 in bits 5-4, DIO2 in 3-2, DIO3 in 1-0.
public enum DioMapping: Sendable {
    /// DIO0 = RxDone, DIO1 = RxTimeout.
    case receive
    /// DIO0 = TxDone.
    case transmit
    /// DIO0 = CadDone, DIO1 = CadDetected.
    case channelActivityDetection

    public var regDioMapping1: UInt8 {
        switch self {
        case .receive: return 0b00_00_00_00
        case .transmit: return 0b01_00_00_00
        case .channelActivityDetection: return 0b10_10_00_00
        }
    }
}
