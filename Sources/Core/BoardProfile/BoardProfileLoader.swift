import JSON
import LoRaPHY
import Regions

/// Reads and validates `boards/*.json`. Every refusal names the file and the
/// key; the first problem found is reported (keys in schema order).
public enum BoardProfileLoader {
    /// The keys a profile may have, in the order docs/boards.md lists them.
    public static let keys: [String] = [
        "board", "name", "description", "source", "notes", "radio",
        "spi-device", "spi-speed-hz", "chip-select", "cs-gpio", "gpiochip",
        "reset-gpio", "dio0-gpio", "dio1-gpio", "dio2-gpio",
        "pa-output", "tcxo", "max-tx-power-dbm", "antenna-gain-dbi",
        "region", "channel", "frequency-hz", "data-rate",
    ]

    /// Keys that describe SPI/GPIO wiring: required or allowed only for "board": "linux".
    static let linuxKeys: [String] = [
        "spi-device", "spi-speed-hz", "chip-select", "cs-gpio", "gpiochip", "reset-gpio", "dio0-gpio", "dio1-gpio",
        "dio2-gpio",
    ]

    /// Highest GPIO line offset accepted (libgpiod offsets are per chip; 512
    /// covers every SBC header chip).
    public static let maxLine = 511
    public static let spiSpeedRangeHz = 100_000...10_000_000
    public static let antennaGainRangeDBi = -10.0...30.0
    /// LoRaWAN plans have at most 96 uplink channels (CN470).
    public static let channelRange = 0...95

    /// Parses and validates a profile. `file` is how the user named it
    /// ("boards/dragino.json"), used in every message.
    public static func load(_ bytes: [UInt8], file: String) throws(BoardProfileError) -> BoardProfile {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw BoardProfileError(file: file, field: nil, detail: error.message)
        }
        guard let object = document.objectValue else {
            throw BoardProfileError(
                file: file, field: nil, detail: "expected a JSON object of board settings, got \(document.typeName)")
        }
        return try load(object, file: file)
    }

    public static func load(_ text: String, file: String) throws(BoardProfileError) -> BoardProfile {
        try load(Array(text.utf8), file: file)
    }

    static func load(_ object: JSONObject, file: String) throws(BoardProfileError) -> BoardProfile {
        let fields = Fields(file: file, object: object)
        try fields.checkKeys(allowed: keys)

        let kind = try fields.enumeration("board", BoardKind.allCases.map { ($0.rawValue, $0) }, what: "a board kind")!
        let name = try fields.text("name", required: true, what: "the board's name")!
        let description = try fields.text("description", required: true, what: "a one-line description")!
        let source = try fields.text("source", required: false, what: "where the wiring was checked")
        _ = try fields.text("notes", required: false, what: "free-form notes")
        let radio = try fields.enumeration("radio", RadioChip.allCases.map { ($0.rawValue, $0) }, what: "a radio chip")!

        var wiring: BoardWiring?
        switch kind {
        case .linux: wiring = try linuxWiring(fields)
        case .mock:
            for key in linuxKeys where object[key] != nil {
                throw fields.error(key, "not used by a mock board (only \"board\": \"linux\" has SPI and GPIO wiring)")
            }
        }

        let paOutput = try fields.enumeration(
            "pa-output", PowerAmplifierOutput.allCases.map { ($0.rawValue, $0) }, what: "a PA output")!
        if paOutput == .rfo && !radio.hasRFOOutput {
            throw fields.error("pa-output", "\"rfo\" is not wired out on an \(radio.displayName): HopeRF modules have PA_BOOST only; use \"pa-boost\"")
        }
        let tcxo = try fields.flag("tcxo") ?? false
        let powerRange = paOutput.powerRangeDBm
        let maxTxPowerDBm = try fields.integer(
            "max-tx-power-dbm", in: powerRange, required: true,
            what: "a TX power in dBm (\(powerRange.lowerBound)-\(powerRange.upperBound) on \(paOutput.rawValue))")!
        let antennaGainDBi = try fields.number(
            "antenna-gain-dbi", in: antennaGainRangeDBi, what: "an antenna gain in dBi (-10 to 30)") ?? 0

        var profile = BoardProfile(
            kind: kind, name: name, description: description, source: source, radio: radio, wiring: wiring,
            paOutput: paOutput, tcxo: tcxo, maxTxPowerDBm: maxTxPowerDBm, antennaGainDBi: antennaGainDBi,
            region: .eu868, channel: nil, frequencyHz: nil, dataRate: nil)
        let regionName = try fields.text("region", required: true, what: "a frequency plan name (\(RegionID.namesList))")!
        profile.region = try ChannelRules.regionID(regionName) { key, detail in fields.error(key, detail) }
        profile.channel = try fields.integer(
            "channel", in: channelRange, required: false, what: "a channel number of the plan (0-95)")
        profile.frequencyHz = try fields.integer(
            "frequency-hz", in: RadioChip.fullRange, required: false,
            what: "a frequency in Hz (\(ChipFrequencyRange.sx1276HzLabel))")
        if let text = try fields.text("data-rate", required: false, what: "a data rate such as \"SF7BW125\"") {
            guard let rate = DataRateName(text) else {
                throw fields.error("data-rate", "expected a data rate such as \"SF7BW125\" (SF7-SF12, BW125/250/500), got \"\(text)\"")
            }
            profile.dataRate = rate
        }
        try ChannelRules.check(profile) { key, detail in fields.error(key, detail) }
        return profile
    }

    private static func linuxWiring(_ fields: Fields) throws(BoardProfileError) -> BoardWiring {
        let spiDevice = try fields.text("spi-device", required: true, what: "an SPI device such as \"/dev/spidev0.0\"")!
        guard let (_, spiChipSelect) = parseSpidev(spiDevice) else {
            throw fields.error("spi-device", "expected an SPI device such as \"/dev/spidev0.0\" (/dev/spidevBUS.CS), got \"\(spiDevice)\"")
        }
        let speed = try fields.integer(
            "spi-speed-hz", in: spiSpeedRangeHz, required: false,
            what: "an SPI clock in Hz (100000-10000000; the SX127x allows 10 MHz)") ?? BoardWiring.defaultSPISpeedHz
        let selectKind = try fields.enumeration(
            "chip-select", [("ce0", 0), ("ce1", 1), ("gpio", 2)], what: "a chip select")!
        let lineWhat = "a GPIO line number (0-\(maxLine))"
        var chipSelect: ChipSelect
        switch selectKind {
        case 0, 1:
            if fields.object["cs-gpio"] != nil {
                throw fields.error("cs-gpio", "only with \"chip-select\": \"gpio\" (the board uses hardware \(selectKind == 0 ? "CE0" : "CE1"))")
            }
            if spiChipSelect != selectKind {
                throw fields.error(
                    "chip-select",
                    "\"ce\(selectKind)\" is chip select \(selectKind) of the SPI bus, but \"spi-device\" is \"\(spiDevice)\" (chip select \(spiChipSelect)); use /dev/spidevBUS.\(selectKind)")
            }
            chipSelect = selectKind == 0 ? .ce0 : .ce1
        default:
            let line = try fields.line("cs-gpio", required: true, what: lineWhat + " for NSS, required with \"chip-select\": \"gpio\"")!
            chipSelect = .gpio(line)
        }
        let gpioChip = try fields.text("gpiochip", required: false, what: "a GPIO chip name such as \"gpiochip0\"")
            ?? BoardWiring.defaultGPIOChip
        if gpioChip.isEmpty {
            throw fields.error("gpiochip", "expected a GPIO chip name such as \"gpiochip0\", got \"\"")
        }
        let reset = try fields.line("reset-gpio", required: true, nullable: true, what: lineWhat + " or null (not wired)")
        let dio0 = try fields.line("dio0-gpio", required: true, what: lineWhat)!
        let dio1 = try fields.line("dio1-gpio", required: false, nullable: true, what: lineWhat + " or null")
        let dio2 = try fields.line("dio2-gpio", required: false, nullable: true, what: lineWhat + " or null")

        // One line, one function: a line claimed twice fails at run time as
        // "busy"; say so here with both keys.
        var used: [(String, Int)] = []
        if let line = chipSelect.lineValue { used.append(("cs-gpio", line)) }
        if let reset { used.append(("reset-gpio", reset)) }
        used.append(("dio0-gpio", dio0))
        if let dio1 { used.append(("dio1-gpio", dio1)) }
        if let dio2 { used.append(("dio2-gpio", dio2)) }
        for (index, entry) in used.enumerated() {
            for earlier in used[..<index] where earlier.1 == entry.1 {
                throw fields.error(entry.0, "line \(entry.1) is already \"\(earlier.0)\"; each function needs its own line")
            }
        }
        return BoardWiring(
            spiDevice: spiDevice, spiSpeedHz: speed, chipSelect: chipSelect, gpioChip: gpioChip, resetLine: reset,
            dio0Line: dio0, dio1Line: dio1, dio2Line: dio2)
    }

    /// "/dev/spidev0.1" → (0, 1).
    public static func parseSpidev(_ path: String) -> (bus: Int, chipSelect: Int)? {
        let prefix = "/dev/spidev"
        guard path.hasPrefix(prefix) else { return nil }
        let rest = Array(path.utf8.dropFirst(prefix.utf8.count))
        guard let dot = rest.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        guard let bus = decimal(rest[..<dot]), let select = decimal(rest[(dot + 1)...]) else { return nil }
        return (bus, select)
    }

    static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

extension ChipSelect {
    var lineValue: Int? {
        if case .gpio(let line) = self { return line }
        return nil
    }
}
