/// The emulator's own register table, typed from the SX1276/77/78/79
/// datasheet (Rev. 7, §6.1 table 41 and §6.4 table 85) — deliberately not
/// imported from the driver, so that a wrong constant in either is caught by
/// the tests that put them together.
enum Address {
    static let fifo: UInt8 = 0x00
    static let opMode: UInt8 = 0x01
    static let frfMsb: UInt8 = 0x06
    static let frfMid: UInt8 = 0x07
    static let frfLsb: UInt8 = 0x08
    static let paConfig: UInt8 = 0x09
    static let fifoAddrPtr: UInt8 = 0x0D
    static let fifoTxBaseAddr: UInt8 = 0x0E
    static let fifoRxBaseAddr: UInt8 = 0x0F
    static let fifoRxCurrentAddr: UInt8 = 0x10
    static let irqFlagsMask: UInt8 = 0x11
    static let irqFlags: UInt8 = 0x12
    static let rxNbBytes: UInt8 = 0x13
    static let rxHeaderCntValueMsb: UInt8 = 0x14
    static let rxHeaderCntValueLsb: UInt8 = 0x15
    static let rxPacketCntValueMsb: UInt8 = 0x16
    static let rxPacketCntValueLsb: UInt8 = 0x17
    static let modemStat: UInt8 = 0x18
    static let pktSnrValue: UInt8 = 0x19
    static let pktRssiValue: UInt8 = 0x1A
    static let rssiValue: UInt8 = 0x1B
    static let hopChannel: UInt8 = 0x1C
    static let modemConfig1: UInt8 = 0x1D
    static let modemConfig2: UInt8 = 0x1E
    static let symbTimeoutLsb: UInt8 = 0x1F
    static let preambleMsb: UInt8 = 0x20
    static let preambleLsb: UInt8 = 0x21
    static let payloadLength: UInt8 = 0x22
    static let fifoRxByteAddr: UInt8 = 0x25
    static let modemConfig3: UInt8 = 0x26
    static let feiMsb: UInt8 = 0x28
    static let feiMid: UInt8 = 0x29
    static let feiLsb: UInt8 = 0x2A
    static let rssiWideband: UInt8 = 0x2C
    static let invertIQ: UInt8 = 0x33
    static let syncWord: UInt8 = 0x39
    static let invertIQ2: UInt8 = 0x3B
    static let dioMapping1: UInt8 = 0x40
    static let dioMapping2: UInt8 = 0x41
    static let version: UInt8 = 0x42
    static let paDac: UInt8 = 0x4D

    /// First and last address of the paged block (FSK page / LoRa page).
    static let pageStart: UInt8 = 0x0D
    static let pageEnd: UInt8 = 0x3F

    /// Reset values of the common registers (datasheet table 41, "Default"
    /// column, which is what the chip holds after POR or NRESET).
    static let commonResetValues: [(UInt8, UInt8)] = [
        (0x01, 0x09),  // RegOpMode: FSK, LowFrequencyModeOn, STDBY
        (0x02, 0x1A), (0x03, 0x0B), (0x04, 0x00), (0x05, 0x52),  // FSK bit rate / deviation
        (0x06, 0x6C), (0x07, 0x80), (0x08, 0x00),  // Frf = 434 MHz
        (0x09, 0x4F),  // RegPaConfig
        (0x0A, 0x09),  // RegPaRamp
        (0x0B, 0x2B),  // RegOcp: on, 100 mA
        (0x0C, 0x20),  // RegLna: G1
        (0x40, 0x00), (0x41, 0x00),  // RegDioMapping1/2
        (0x42, 0x12),  // RegVersion
        (0x44, 0x2D),  // RegPllHop
        (0x4B, 0x09),  // RegTcxo
        (0x4D, 0x84),  // RegPaDac
        (0x5B, 0x00),  // RegFormerTemp
        (0x5D, 0x00),  // RegBitRateFrac
        (0x61, 0x13), (0x62, 0x0E), (0x63, 0x5B), (0x64, 0xDB),  // RegAgcRef, RegAgcThresh1-3
        (0x70, 0xD0),  // RegPll
    ]

    /// Reset values of the LoRa page (datasheet table 85).
    static let loraResetValues: [(UInt8, UInt8)] = [
        (0x0D, 0x00), (0x0E, 0x80), (0x0F, 0x00), (0x10, 0x00), (0x11, 0x00), (0x12, 0x00),
        (0x18, 0x10),  // RegModemStat: ModemClear
        (0x1D, 0x72),  // RegModemConfig1: 125 kHz, 4/5, explicit header
        (0x1E, 0x70),  // RegModemConfig2: SF7, CRC off
        (0x1F, 0x64),  // RegSymbTimeoutLsb: 100 symbols
        (0x20, 0x00), (0x21, 0x08),  // preamble 8 symbols
        (0x22, 0x01),  // RegPayloadLength
        (0x23, 0xFF),  // RegMaxPayloadLength
        (0x24, 0x00),  // RegHopPeriod
        (0x26, 0x04),  // RegModemConfig3: AgcAutoOn
        (0x31, 0xC3),  // RegDetectOptimize: SF7-12
        (0x33, 0x27),  // RegInvertIQ: not inverted
        (0x37, 0x0A),  // RegDetectionThreshold: SF7-12
        (0x39, 0x12),  // RegSyncWord: private networks
        (0x3B, 0x1D),  // RegInvertIQ2: not inverted
    ]

    /// Reset values of the FSK page registers most drivers touch (table 41).
    static let fskResetValues: [(UInt8, UInt8)] = [
        (0x0D, 0x0E), (0x0E, 0x02), (0x0F, 0x0A), (0x10, 0xFF), (0x12, 0x15), (0x13, 0x0B),
        (0x14, 0x28), (0x15, 0x0C), (0x16, 0x12), (0x1F, 0x40), (0x24, 0x07), (0x26, 0x03),
        (0x27, 0x93), (0x28, 0x01), (0x29, 0x01), (0x2A, 0x01), (0x2B, 0x01), (0x2C, 0x01),
        (0x2D, 0x01), (0x2E, 0x01), (0x2F, 0x01), (0x30, 0x90), (0x31, 0x40), (0x32, 0x40),
        (0x35, 0x8F), (0x3A, 0x01), (0x3F, 0x10),
    ]

    /// LoRa-page registers the chip writes and software only reads.
    static func isReadOnlyLoRa(_ address: UInt8) -> Bool {
        switch address {
        case 0x10, 0x13...0x1C, 0x25, 0x28...0x2A, 0x2C: return true
        default: return false
        }
    }

    static func isReadOnlyCommon(_ address: UInt8) -> Bool { address == 0x42 }
}

/// RegIrqFlags bits (datasheet table 85).
enum Flag {
    static let rxTimeout: UInt8 = 0x80
    static let rxDone: UInt8 = 0x40
    static let payloadCrcError: UInt8 = 0x20
    static let validHeader: UInt8 = 0x10
    static let txDone: UInt8 = 0x08
    static let cadDone: UInt8 = 0x04
    static let fhssChangeChannel: UInt8 = 0x02
    static let cadDetected: UInt8 = 0x01
}

/// RegOpMode Mode field values (datasheet table 42).
public enum ChipMode: UInt8, Sendable {
    case sleep = 0, standby, fsTx, tx, fsRx, rxContinuous, rxSingle, cad

    public var isReceiving: Bool { self == .rxContinuous || self == .rxSingle }
}
