import JSON

/// One channel of an LNS channel plan: an IF offset on one of the chip's
/// two radios (the Semtech packet-forwarder layout Station's
/// `router_config.sx1301_conf` uses).
public struct PlanChannel: Sendable, Equatable {
    public var enabled: Bool = false
    /// `radio`: which of the chip's radios (0 or 1) the channel sits on.
    public var radio: Int = 0
    /// `if`: offset from that radio's centre frequency, in Hz.
    public var intermediateFrequencyHz: Int = 0
    /// `bandwidth` (chan_LoRa_std only).
    public var bandwidthHz: Int?
    /// `spread_factor` (chan_LoRa_std only): one spreading factor.
    public var spreadFactor: Int?
    /// `datarate` (chan_FSK only), bit/s.
    public var datarate: Int?

    public init() {}
}

/// One SX1301 of an LNS channel plan.
public struct PlanChip: Sendable, Equatable, ChannelSlots {
    /// `radio_0.freq`, `radio_1.freq` in Hz; nil where not given.
    public var radioFrequencyHz: [Int?] = [nil, nil]
    public var multiSF: [PlanChannel?] = Array(repeating: nil, count: 8)
    public var loraStandard: PlanChannel?
    public var fsk: PlanChannel?

    public init() {}

    /// Every slot in SX1301 order.
    public static var slots: [ChannelSlot] {
        var out: [ChannelSlot] = []
        for n in 0..<8 { out.append(.multiSF(n)) }
        out.append(.loraStandard)
        out.append(.fsk)
        return out
    }

    /// The absolute frequency of an enabled channel: its radio's frequency plus its IF.
    public func frequencyHz(_ slot: ChannelSlot) -> Int? {
        guard let channel = self[slot], channel.enabled, let radio = radioFrequencyHz[channel.radio] else { return nil }
        return radio + channel.intermediateFrequencyHz
    }
}

/// The channel plan a Basics Station LNS submits in `router_config`
/// (`sx1301_conf`: one object per SX1301). Lorikeet merges it into the
/// local `radio_conf` before the boards are initialised.
public struct ChannelPlan: Sendable, Equatable {
    public var chips: [PlanChip]

    public init(chips: [PlanChip] = []) { self.chips = chips }

    /// Reads a router_config message (an object with `sx1301_conf`) or the
    /// `sx1301_conf` array itself. Problems are collected in `d`.
    public static func read(routerConfig value: JSONValue, _ d: inout Diagnostics) -> ChannelPlan {
        if let object = value.objectValue {
            guard let plan = object["sx1301_conf"] else {
                d.error("router_config.sx1301_conf", "is missing; the router_config message carries the channel plan in \"sx1301_conf\": [ .. ]")
                return ChannelPlan()
            }
            return parse(plan, path: "router_config.sx1301_conf", &d)
        }
        return parse(value, path: "sx1301_conf", &d)
    }

    static func parse(_ value: JSONValue, path: String, _ d: inout Diagnostics) -> ChannelPlan {
        var plan = ChannelPlan()
        guard let items = FieldReader.array(value, path, &d) else { return plan }
        if items.isEmpty { d.error(path, "is empty; the channel plan needs at least one SX1301") }
        for (index, item) in items.enumerated() {
            plan.chips.append(parseChip(item, path: JSONPath.index(path, index), &d))
        }
        return plan
    }

    private static func parseChip(_ value: JSONValue, path: String, _ d: inout Diagnostics) -> PlanChip {
        var chip = PlanChip()
        guard let object = FieldReader.object(value, path, &d) else { return chip }
        for member in object.members {
            let p = JSONPath.member(path, member.key)
            switch member.key {
            case "radio_0", "radio_1":
                let radio = member.key == "radio_0" ? 0 : 1
                guard let o = FieldReader.object(member.value, p, &d) else { break }
                for field in o.members {
                    let fp = JSONPath.member(p, field.key)
                    switch field.key {
                    case "enable": _ = FieldReader.bool(field.value, fp, &d)
                    case "freq": chip.radioFrequencyHz[radio] = FieldReader.integer(field.value, fp, 1_000_000...1_000_000_000, &d)
                    default: FieldReader.unknownField(p, field.key, object: "a plan radio", allowed: ["enable", "freq"], &d)
                    }
                }
            case "chan_Lora_std":  // the packet forwarder's spelling, which Station also reads
                chip.loraStandard = parseChannel(member.value, slot: .loraStandard, path: p, &d)
            default:
                if let slot = ChannelSlot(fieldName: member.key) {
                    chip[slot] = parseChannel(member.value, slot: slot, path: p, &d)
                } else {
                    var allowed = ["radio_0", "radio_1"]
                    for slot in PlanChip.slots { allowed.append(slot.fieldName) }
                    FieldReader.unknownField(path, member.key, object: "a plan SX1301", allowed: allowed, &d)
                }
            }
        }
        for slot in PlanChip.slots {
            guard let channel = chip[slot], channel.enabled else { continue }
            if chip.radioFrequencyHz[channel.radio] == nil {
                d.error(JSONPath.member(JSONPath.member(path, slot.fieldName), "radio"),
                        "\(channel.radio) is not allowed; radio_\(channel.radio) has no freq, so the channel has no frequency")
            }
        }
        return chip
    }

    private static func parseChannel(_ value: JSONValue, slot: ChannelSlot, path: String, _ d: inout Diagnostics) -> PlanChannel? {
        guard let object = FieldReader.object(value, path, &d) else { return nil }
        var channel = PlanChannel()
        var allowed = ["enable", "radio", "if"]
        switch slot {
        case .multiSF: break
        case .loraStandard: allowed += ["bandwidth", "spread_factor"]
        case .fsk: allowed += ["datarate"]
        }
        for member in object.members {
            let p = JSONPath.member(path, member.key)
            guard allowed.contains(member.key) else {
                FieldReader.unknownField(path, member.key, object: "a plan \(slot.fieldName)", allowed: allowed, &d)
                continue
            }
            switch member.key {
            case "enable": channel.enabled = FieldReader.bool(member.value, p, &d) ?? false
            case "radio": channel.radio = FieldReader.integer(member.value, p, 0...1, &d) ?? 0
            case "if": channel.intermediateFrequencyHz = FieldReader.integer(member.value, p, -1_000_000...1_000_000, &d) ?? 0
            case "bandwidth": channel.bandwidthHz = ChannelConf.parseBandwidth(member.value, p, &d)
            case "spread_factor": channel.spreadFactor = FieldReader.integer(member.value, p, 7...12, &d)
            default: channel.datarate = FieldReader.integer(member.value, p, 1...FieldReader.unsigned.upperBound, &d)
            }
        }
        return channel
    }
}
