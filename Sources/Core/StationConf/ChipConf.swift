import JSON

/// SX1301CONF (seed 003): one SX1301 baseband chip of a board.
///
///     "chip_enable"      : BOOL
///     "chip_center_freq" : INT
///     "chip_rf_chain"    : INT            (0 or 1: the board's two radio front-ends)
///     "chan_multiSF_X"   : CHANCONF       X in 0..7
///     "chan_LoRa_std"    : CHANCONF
///     "chan_FSK"         : CHANCONF
public struct ChipConf: Sendable, Equatable, ChannelSlots {
    /// `chip_rf_chain` indexes `rf_chain_conf`; a Concentrator Design v2
    /// board has two radio front-ends (Station: 0..SX1301AR_BOARD_RFCHAIN_NB-1).
    public static let rfChains: ClosedRange<Int> = 0...1

    public var chipEnable: Bool?
    public var centerFrequencyHz: Int?
    public var rfChain: Int?
    /// `chan_multiSF_0` ... `chan_multiSF_7`; nil where absent.
    public var multiSF: [ChannelConf?] = Array(repeating: nil, count: 8)
    public var loraStandard: ChannelConf?
    public var fsk: ChannelConf?

    public init() {}

    /// Absent `chip_enable` reads as false, as Station's zeroed defaults do.
    public var isEnabled: Bool { chipEnable ?? false }

    /// Every configured channel with its slot, in SX1301 order (multi-SF 0-7, LoRa std, FSK).
    public var channels: [(slot: ChannelSlot, channel: ChannelConf)] {
        var out: [(slot: ChannelSlot, channel: ChannelConf)] = []
        for (index, channel) in multiSF.enumerated() {
            if let channel { out.append((slot: .multiSF(index), channel: channel)) }
        }
        if let loraStandard { out.append((slot: .loraStandard, channel: loraStandard)) }
        if let fsk { out.append((slot: .fsk, channel: fsk)) }
        return out
    }

    /// Removes every channel (before a channel plan is applied).
    public mutating func clearChannels() {
        multiSF = Array(repeating: nil, count: 8)
        loraStandard = nil
        fsk = nil
    }

    static var fieldNames: [String] {
        var names = ["chip_enable", "chip_center_freq", "chip_rf_chain"]
        for n in 0..<8 { names.append("chan_multiSF_\(n)") }
        names.append("chan_LoRa_std")
        names.append("chan_FSK")
        return names
    }

    static func parse(_ value: JSONValue, path: String, _ d: inout Diagnostics) -> ChipConf? {
        guard let object = FieldReader.object(value, path, &d) else { return nil }
        var chip = ChipConf()
        for member in object.members {
            let p = JSONPath.member(path, member.key)
            switch member.key {
            case "chip_enable": chip.chipEnable = FieldReader.bool(member.value, p, &d)
            case "chip_center_freq": chip.centerFrequencyHz = FieldReader.integer(member.value, p, FieldReader.unsigned, &d)
            case "chip_rf_chain": chip.rfChain = FieldReader.integer(member.value, p, rfChains, &d)
            default:
                if let slot = ChannelSlot(fieldName: member.key) {
                    chip[slot] = ChannelConf.parse(member.value, slot: slot, path: p, &d)
                } else {
                    FieldReader.unknownField(path, member.key, object: "SX1301CONF", allowed: fieldNames, &d)
                }
            }
        }
        return chip
    }

    func json() -> JSONValue {
        var o = JSONObject()
        if let chipEnable { o["chip_enable"] = .bool(chipEnable) }
        if let centerFrequencyHz { o["chip_center_freq"] = .number(Double(centerFrequencyHz)) }
        if let rfChain { o["chip_rf_chain"] = .number(Double(rfChain)) }
        for (slot, channel) in channels { o[slot.fieldName] = channel.json(slot: slot) }
        return .object(o)
    }
}
