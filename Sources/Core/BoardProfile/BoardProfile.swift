import LoRaPHY
import Regions

/// How one gateway board is built, read from `boards/*.json`: data filling a
/// schema, in the manner of a Zephyr devicetree binding
/// (`semtech,sx127x-base.yaml`: reset-gpios, dio-gpios,
/// power-amplifier-output, TCXO) — so a user picks a file instead of editing
/// pin numbers in source. docs/boards.md documents every key.
public struct BoardProfile: Sendable, Equatable {
    /// "linux" (spidev + libgpiod) or "mock" (the SX1276 emulator).
    public var kind: BoardKind
    public var name: String
    public var description: String
    /// Where the wiring was checked (board documentation, schematic).
    public var source: String?
    public var radio: RadioChip
    /// SPI and GPIO wiring; present exactly for `kind == .linux`.
    public var wiring: BoardWiring?
    public var paOutput: PowerAmplifierOutput
    /// The radio's crystal is a TCXO (RegTcxo TcxoInputOn).
    public var tcxo: Bool
    /// The highest power the board may transmit at (conducted, at the chip).
    public var maxTxPowerDBm: Int
    public var antennaGainDBi: Double
    /// The frequency plan (LoRaWAN regional parameters, from the Regions module).
    public var region: RegionID
    /// The plan channel the gateway listens on (nil: the plan's default or `frequencyHz`).
    public var channel: Int?
    /// An explicit frequency instead of a channel.
    public var frequencyHz: Int?
    /// The data rate the gateway listens at (nil: the plan's default).
    public var dataRate: DataRateName?

    public init(
        kind: BoardKind, name: String, description: String, source: String? = nil, radio: RadioChip,
        wiring: BoardWiring?, paOutput: PowerAmplifierOutput, tcxo: Bool = false, maxTxPowerDBm: Int,
        antennaGainDBi: Double = 0, region: RegionID, channel: Int? = nil, frequencyHz: Int? = nil,
        dataRate: DataRateName? = nil
    ) {
        self.kind = kind
        self.name = name
        self.description = description
        self.source = source
        self.radio = radio
        self.wiring = wiring
        self.paOutput = paOutput
        self.tcxo = tcxo
        self.maxTxPowerDBm = maxTxPowerDBm
        self.antennaGainDBi = antennaGainDBi
        self.region = region
        self.channel = channel
        self.frequencyHz = frequencyHz
        self.dataRate = dataRate
    }

    /// Maximum EIRP the board can reach: TX power plus antenna gain (dBm).
    public var maxEIRPDBm: Double { Double(maxTxPowerDBm) + antennaGainDBi }
}

public enum BoardKind: String, Sendable, Equatable, CaseIterable {
    case linux
    case mock
}

/// SPI and GPIO wiring of a radio on a Linux board. Lines are offsets on
/// `gpioChip` (on a Raspberry Pi: BCM numbers, never wiringPi numbers).
public struct BoardWiring: Sendable, Equatable {
    /// "/dev/spidev0.0".
    public var spiDevice: String
    public var spiSpeedHz: Int
    public var chipSelect: ChipSelect
    public var gpioChip: String
    /// NRESET; nil when the board does not wire it (Uputronics).
    public var resetLine: Int?
    public var dio0Line: Int
    public var dio1Line: Int?
    public var dio2Line: Int?

    public init(
        spiDevice: String, spiSpeedHz: Int = BoardWiring.defaultSPISpeedHz, chipSelect: ChipSelect,
        gpioChip: String = BoardWiring.defaultGPIOChip, resetLine: Int?, dio0Line: Int, dio1Line: Int? = nil,
        dio2Line: Int? = nil
    ) {
        self.spiDevice = spiDevice
        self.spiSpeedHz = spiSpeedHz
        self.chipSelect = chipSelect
        self.gpioChip = gpioChip
        self.resetLine = resetLine
        self.dio0Line = dio0Line
        self.dio1Line = dio1Line
        self.dio2Line = dio2Line
    }

    public static let defaultSPISpeedHz = 1_000_000
    public static let defaultGPIOChip = "gpiochip0"

    /// The GPIO line driven as NSS by software, if any.
    public var softwareChipSelectLine: Int? {
        if case .gpio(let line) = chipSelect { return line }
        return nil
    }
}

/// Which signal is the radio's NSS: a hardware chip-enable of the SPI
/// controller (the spidev's second number) or a GPIO line driven by software.
public enum ChipSelect: Sendable, Equatable {
    case ce0
    case ce1
    case gpio(Int)

    public var label: String {
        switch self {
        case .ce0: return "ce0"
        case .ce1: return "ce1"
        case .gpio(let line): return "gpio \(line)"
        }
    }
}

/// The SX127x transmitter output the antenna is wired to (Zephyr's
/// `power-amplifier-output`). HopeRF RFM9x modules only bring out PA_BOOST.
public enum PowerAmplifierOutput: String, Sendable, Equatable, CaseIterable {
    case paBoost = "pa-boost"
    case rfo

    /// Output power the SX1276 can be programmed to on this pin (datasheet
    /// §5.4.2: PA_BOOST 2-17 dBm, 20 dBm with PaDac; RFO up to 14 dBm).
    public var powerRangeDBm: ClosedRange<Int> {
        switch self {
        case .paBoost: return 2...20
        case .rfo: return 0...14
        }
    }
}
