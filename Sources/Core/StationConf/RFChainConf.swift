import JSON

/// RFCONF (seed 003): one radio front-end (RF chain) of a board, an entry of
/// `rf_chain_conf`.
///
///     "rx_enable" : BOOL              "tx_freq_min"  : INT
///     "tx_enable" : BOOL              "tx_freq_max"  : INT
///     "rssi_offset" : INT             "tx_lut"       : [ TXLUT, .. ]
///     "rssi_offset_coeff_a" : INT     "txpow_adjust" : INT  (alias: "antenna_gain")
///     "rssi_offset_coeff_b" : INT     "antenna_type" : "omni" | "sector"
///
/// Every field is optional; absent fields read as false or zero, except
/// `antenna_type`, which is then undefined (nil).
public struct RFChainConf: Sendable, Equatable {
    public var rxEnable: Bool = false
    public var txEnable: Bool = false
    /// Station reads it as a number (`uj_num`), so fractions are accepted.
    public var rssiOffset: Double = 0
    public var rssiOffsetCoeffA: Int = 0
    public var rssiOffsetCoeffB: Int = 0
    public var txFrequencyMinHz: Int = 0
    public var txFrequencyMaxHz: Int = 0
    public var txLUT: [TxLUTEntry] = []
    /// dB subtracted from the output power target: antenna gain minus cable
    /// loss. Written `txpow_adjust` or, its alias, `antenna_gain`.
    public var txpowAdjustDB: Double = 0
    public var antennaType: AntennaType?
    /// The radio chip (`type`, e.g. "SX1257"), kept as written when present.
    public var radioType: String?

    public init(rxEnable: Bool = false, txEnable: Bool = false, txpowAdjustDB: Double = 0,
                antennaType: AntennaType? = nil) {
        self.rxEnable = rxEnable
        self.txEnable = txEnable
        self.txpowAdjustDB = txpowAdjustDB
        self.antennaType = antennaType
    }

    static let fieldNames = [
        "rx_enable", "tx_enable", "rssi_offset", "rssi_offset_coeff_a", "rssi_offset_coeff_b",
        "tx_freq_min", "tx_freq_max", "tx_lut", "txpow_adjust", "antenna_gain", "antenna_type", "type",
    ]

    static func parse(_ value: JSONValue, path: String, _ d: inout Diagnostics) -> RFChainConf? {
        guard let object = FieldReader.object(value, path, &d) else { return nil }
        var chain = RFChainConf()
        var adjustKey: String?
        for member in object.members {
            let p = JSONPath.member(path, member.key)
            switch member.key {
            case "rx_enable": chain.rxEnable = FieldReader.bool(member.value, p, &d) ?? false
            case "tx_enable": chain.txEnable = FieldReader.bool(member.value, p, &d) ?? false
            case "rssi_offset": chain.rssiOffset = FieldReader.number(member.value, p, &d) ?? 0
            case "rssi_offset_coeff_a":
                chain.rssiOffsetCoeffA = FieldReader.integer(member.value, p, -32768...32767, &d) ?? 0
            case "rssi_offset_coeff_b":
                chain.rssiOffsetCoeffB = FieldReader.integer(member.value, p, -32768...32767, &d) ?? 0
            case "tx_freq_min": chain.txFrequencyMinHz = FieldReader.integer(member.value, p, FieldReader.unsigned, &d) ?? 0
            case "tx_freq_max": chain.txFrequencyMaxHz = FieldReader.integer(member.value, p, FieldReader.unsigned, &d) ?? 0
            case "tx_lut":
                if let rows = FieldReader.array(member.value, p, &d) {
                    for (index, row) in rows.enumerated() {
                        if let entry = TxLUTEntry.parse(row, path: JSONPath.index(p, index), &d) {
                            chain.txLUT.append(entry)
                        }
                    }
                }
            case "txpow_adjust", "antenna_gain":
                // Seed 003: "The txpow_adjust field is simply an alias for antenna_gain."
                if let other = adjustKey {
                    d.error(p, "\(member.key) is an alias of \(other), which is already given; give only one")
                } else {
                    adjustKey = member.key
                    chain.txpowAdjustDB = FieldReader.number(member.value, p, &d) ?? 0
                }
            case "antenna_type":
                if let text = member.value.stringValue, let type = AntennaType(rawValue: text) {
                    chain.antennaType = type
                } else {
                    d.error(p, "\(JSONPath.show(member.value)) is not allowed; antenna_type must be \"omni\" or \"sector\"")
                }
            case "type":
                chain.radioType = FieldReader.string(member.value, p, &d)
            default:
                FieldReader.unknownField(path, member.key, object: "RFCONF", allowed: fieldNames, &d)
            }
        }
        if chain.txFrequencyMinHz != 0, chain.txFrequencyMaxHz != 0, chain.txFrequencyMinHz > chain.txFrequencyMaxHz {
            d.error(JSONPath.member(path, "tx_freq_min"),
                    "\(chain.txFrequencyMinHz) is above tx_freq_max \(chain.txFrequencyMaxHz); tx_freq_min must not exceed tx_freq_max")
        }
        return chain
    }

    /// rx_enable and tx_enable always; the other fields when not zero/absent.
    func json() -> JSONValue {
        var o = JSONObject()
        o["rx_enable"] = .bool(rxEnable)
        o["tx_enable"] = .bool(txEnable)
        if rssiOffset != 0 { o["rssi_offset"] = .number(rssiOffset) }
        if rssiOffsetCoeffA != 0 { o["rssi_offset_coeff_a"] = .number(Double(rssiOffsetCoeffA)) }
        if rssiOffsetCoeffB != 0 { o["rssi_offset_coeff_b"] = .number(Double(rssiOffsetCoeffB)) }
        if txFrequencyMinHz != 0 { o["tx_freq_min"] = .number(Double(txFrequencyMinHz)) }
        if txFrequencyMaxHz != 0 { o["tx_freq_max"] = .number(Double(txFrequencyMaxHz)) }
        if !txLUT.isEmpty { o["tx_lut"] = .array(txLUT.map { $0.json() }) }
        if txpowAdjustDB != 0 { o["txpow_adjust"] = .number(txpowAdjustDB) }
        if let antennaType { o["antenna_type"] = .string(antennaType.rawValue) }
        if let radioType { o["type"] = .string(radioType) }
        return .object(o)
    }
}
