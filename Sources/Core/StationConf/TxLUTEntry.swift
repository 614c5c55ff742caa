import JSON

/// TXLUT (seed 003): one row of an RF chain's transmit gain table.
/// Ranges are the seed's (and Station's `parse_tx_lut`).
public struct TxLUTEntry: Sendable, Equatable {
    public var rfPower: Int?            // "rf_power"              INT(-128..127), dBm
    public var fpgaDigitalGain: Int?    // "fpga_dig_gain"         INT(0..255)
    public var ad9361Attenuation: Int?  // "ad9361_atten"          INT(0..65535)
    public var ad9361AuxDACVref: Int?   // "ad9361_auxdac_vref"    INT(0..255)
    public var ad9361AuxDACWord: Int?   // "ad9361_auxdac_word"    INT(0..65535)
    public var ad9361TcompCoeffA: Int?  // "ad9361_tcomp_coeff_a"  INT(-32768..32767)
    public var ad9361TcompCoeffB: Int?  // "ad9361_tcomp_coeff_b"  INT(-32768..32767)

    public init() {}

    /// Field names with their ranges, in the seed's order.
    static let fields: [(name: String, range: ClosedRange<Int>)] = [
        ("rf_power", -128...127),
        ("fpga_dig_gain", 0...255),
        ("ad9361_atten", 0...65535),
        ("ad9361_auxdac_vref", 0...255),
        ("ad9361_auxdac_word", 0...65535),
        ("ad9361_tcomp_coeff_a", -32768...32767),
        ("ad9361_tcomp_coeff_b", -32768...32767),
    ]

    /// The value of field `index` of `fields`.
    subscript(field index: Int) -> Int? {
        get {
            switch index {
            case 0: return rfPower
            case 1: return fpgaDigitalGain
            case 2: return ad9361Attenuation
            case 3: return ad9361AuxDACVref
            case 4: return ad9361AuxDACWord
            case 5: return ad9361TcompCoeffA
            default: return ad9361TcompCoeffB
            }
        }
        set {
            switch index {
            case 0: rfPower = newValue
            case 1: fpgaDigitalGain = newValue
            case 2: ad9361Attenuation = newValue
            case 3: ad9361AuxDACVref = newValue
            case 4: ad9361AuxDACWord = newValue
            case 5: ad9361TcompCoeffA = newValue
            default: ad9361TcompCoeffB = newValue
            }
        }
    }

    static func parse(_ value: JSONValue, path: String, _ d: inout Diagnostics) -> TxLUTEntry? {
        guard let object = FieldReader.object(value, path, &d) else { return nil }
        var entry = TxLUTEntry()
        for member in object.members {
            let p = JSONPath.member(path, member.key)
            if let index = fields.firstIndex(where: { $0.name == member.key }) {
                entry[field: index] = FieldReader.integer(member.value, p, fields[index].range, &d)
            } else {
                FieldReader.unknownField(path, member.key, object: "TXLUT", allowed: fields.map { $0.name }, &d)
            }
        }
        return entry
    }

    func json() -> JSONValue {
        var o = JSONObject()
        for (index, field) in Self.fields.enumerated() {
            if let v = self[field: index] { o[field.name] = .number(Double(v)) }
        }
        return .object(o)
    }
}
