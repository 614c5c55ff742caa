import JSON
import TextCoding

/// BOARD (seed 003): one concentrator board, an entry of `radio_conf`.
///
///     "device" : STRING (station-specific; `?` = board index)   "pps" : BOOL (station-specific)
///     "loramac_public" : BOOL   "clksrc" : INT   "board_rx_freq" : INT   "board_rx_bw" : INT
///     "full_duplex" : BOOL      "board_type" : "master" | "slave"
///     "FSK_sync" : STRING (hex, 1-8 bytes)      "aes_key" : STRING (hex, 16 bytes)
///     "calibration_temperature_celsius_room" : INT(-128..127)
///     "calibration_temperature_code_ad9361"  : INT(0..255)
///     "dsp_stat_interval" : INT(0..255)          "nb_dsp" : INT
///     "rf_chain_conf" : [RFCONF, ..]  "SX1301_conf" : [SX1301CONF, ..]  "lbt_conf" : LBTCONF
public struct BoardConf: Sendable, Equatable {
    /// A v2 board has two radio front-ends, so at most two RFCONF entries.
    public static let maximumRFChains = 2

    public var device: String?
    public var pps: Bool?
    public var loramacPublic: Bool?
    public var clockSource: Int?
    public var boardRxFrequencyHz: Int?
    public var boardRxBandwidthHz: Int?
    public var fullDuplex: Bool?
    public var boardType: BoardType?
    public var fskSync: [UInt8]?
    public var calibrationTemperatureCelsiusRoom: Int?
    public var calibrationTemperatureCodeAD9361: Int?
    public var dspStatInterval: Int?
    public var dspCount: Int?
    public var aesKey: [UInt8]?
    /// nil when `rf_chain_conf` is absent.
    public var rfChains: [RFChainConf]?
    /// `SX1301_conf`; empty when absent.
    public var chips: [ChipConf] = []
    public var lbt: LBTConf?

    public init() {}

    /// `device` with every `?` replaced by the board's index in `radio_conf`
    /// (seed 003), e.g. "/dev/spidev?.0" for board 1 -> "/dev/spidev1.0".
    public func resolvedDevice(boardIndex: Int) -> String? {
        guard let device else { return nil }
        var out = ""
        for scalar in device.unicodeScalars {
            if scalar == "?" { out += "\(boardIndex)" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// The antenna configuration the RF chains describe (seed 003).
    public var antennaConfiguration: AntennaConfiguration {
        AntennaConfiguration(rfChains: rfChains ?? [])
    }

    static let fieldNames = [
        "device", "pps", "loramac_public", "clksrc", "board_rx_freq", "board_rx_bw", "full_duplex",
        "board_type", "FSK_sync", "calibration_temperature_celsius_room", "calibration_temperature_code_ad9361",
        "dsp_stat_interval", "nb_dsp", "aes_key", "rf_chain_conf", "SX1301_conf", "lbt_conf",
    ]

    static func parse(_ value: JSONValue, path: String, _ d: inout Diagnostics) -> BoardConf? {
        guard let object = FieldReader.object(value, path, &d) else { return nil }
        var board = BoardConf()
        for member in object.members {
            let p = JSONPath.member(path, member.key)
            let v = member.value
            switch member.key {
            case "device": board.device = FieldReader.string(v, p, &d)
            case "pps": board.pps = FieldReader.bool(v, p, &d)
            case "loramac_public": board.loramacPublic = FieldReader.bool(v, p, &d)
            case "clksrc": board.clockSource = FieldReader.integer(v, p, FieldReader.anyInt, &d)
            case "board_rx_freq": board.boardRxFrequencyHz = FieldReader.integer(v, p, FieldReader.unsigned, &d)
            case "board_rx_bw": board.boardRxBandwidthHz = FieldReader.integer(v, p, FieldReader.unsigned, &d)
            case "full_duplex": board.fullDuplex = FieldReader.bool(v, p, &d)
            case "board_type":
                if let text = v.stringValue, let type = BoardType(text: text) {
                    board.boardType = type
                } else {
                    d.error(p, "\(JSONPath.show(v)) is not allowed; board_type must be \"master\" or \"slave\"")
                }
            case "FSK_sync": board.fskSync = FieldReader.hexBytes(v, p, 1...8, &d)
            case "calibration_temperature_celsius_room":
                board.calibrationTemperatureCelsiusRoom = FieldReader.integer(v, p, -128...127, &d)
            case "calibration_temperature_code_ad9361":
                board.calibrationTemperatureCodeAD9361 = FieldReader.integer(v, p, 0...255, &d)
            case "dsp_stat_interval": board.dspStatInterval = FieldReader.integer(v, p, 0...255, &d)
            case "nb_dsp": board.dspCount = FieldReader.integer(v, p, 0...FieldReader.anyInt.upperBound, &d)
            case "aes_key": board.aesKey = FieldReader.hexBytes(v, p, 16...16, &d)
            case "rf_chain_conf":
                guard let items = FieldReader.array(v, p, &d) else { break }
                if items.count > maximumRFChains {
                    d.error(p, "has \(items.count) entries; a board has at most \(maximumRFChains) RF chains")
                }
                var chains: [RFChainConf] = []
                for (index, item) in items.enumerated() {
                    // Keep positions: a broken entry reads as all-defaults.
                    chains.append(RFChainConf.parse(item, path: JSONPath.index(p, index), &d) ?? RFChainConf())
                }
                board.rfChains = chains
            case "SX1301_conf":
                guard let items = FieldReader.array(v, p, &d) else { break }
                for (index, item) in items.enumerated() {
                    board.chips.append(ChipConf.parse(item, path: JSONPath.index(p, index), &d) ?? ChipConf())
                }
            case "lbt_conf": board.lbt = LBTConf.parse(v, path: p, &d)
            default:
                // Station logs "Ignoring unsupported/unknown field" and goes on.
                d.warning(p, "is not a BOARD field and is ignored; BOARD fields: \(FieldReader.join(fieldNames))")
            }
        }
        board.checkRFChains(path: path, &d)
        return board
    }

    /// Cross-field rules of one board: chips must use an RF chain that
    /// receives; the antenna configuration must be one the seed defines.
    private func checkRFChains(path: String, _ d: inout Diagnostics) {
        let chains = rfChains ?? []
        for (index, chip) in chips.enumerated() where chip.isEnabled {
            let chain = chip.rfChain ?? 0
            let p = JSONPath.member(JSONPath.index(JSONPath.member(path, "SX1301_conf"), index), "chip_rf_chain")
            if chain >= chains.count {
                d.error(p, "\(chain) names an RF chain that rf_chain_conf does not define (it has \(chains.count))")
            } else if !chains[chain].rxEnable {
                d.warning(p, "\(chain): rf_chain_conf[\(chain)] has rx_enable false, so this chip receives nothing")
            }
        }
        let configuration = antennaConfiguration
        if case .invalid(let reason) = configuration {
            d.error(JSONPath.member(path, "rf_chain_conf"),
                    "\(reason); allowed: single antenna, full diversity, sectorization or full duplex")
        }
        if fullDuplex == true, !configuration.isFullDuplex {
            d.error(JSONPath.member(path, "full_duplex"),
                    "true, but rf_chain_conf does not dedicate one RF chain to reception and the other to transmission")
        }
    }

    func json() -> JSONValue {
        var o = JSONObject()
        if let device { o["device"] = .string(device) }
        if let pps { o["pps"] = .bool(pps) }
        if let loramacPublic { o["loramac_public"] = .bool(loramacPublic) }
        if let clockSource { o["clksrc"] = .number(Double(clockSource)) }
        if let boardRxFrequencyHz { o["board_rx_freq"] = .number(Double(boardRxFrequencyHz)) }
        if let boardRxBandwidthHz { o["board_rx_bw"] = .number(Double(boardRxBandwidthHz)) }
        if let fullDuplex { o["full_duplex"] = .bool(fullDuplex) }
        if let boardType { o["board_type"] = .string(boardType.rawValue) }
        if let fskSync { o["FSK_sync"] = .string(Hex.encode(fskSync)) }
        if let v = calibrationTemperatureCelsiusRoom { o["calibration_temperature_celsius_room"] = .number(Double(v)) }
        if let v = calibrationTemperatureCodeAD9361 { o["calibration_temperature_code_ad9361"] = .number(Double(v)) }
        if let dspStatInterval { o["dsp_stat_interval"] = .number(Double(dspStatInterval)) }
        if let dspCount { o["nb_dsp"] = .number(Double(dspCount)) }
        if let aesKey { o["aes_key"] = .string(Hex.encode(aesKey)) }
        if let rfChains { o["rf_chain_conf"] = .array(rfChains.map { $0.json() }) }
        if !chips.isEmpty { o["SX1301_conf"] = .array(chips.map { $0.json() }) }
        if let lbt { o["lbt_conf"] = lbt.json() }
        return .object(o)
    }
}
