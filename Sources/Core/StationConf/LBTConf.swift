import JSON

/// LBTCONF (seed 003): listen-before-talk settings of a board.
///
///     "enable"      : BOOL
///     "rssi_target" : INT(-128..127)
///     "rssi_shift"  : INT(0..255)
///     "chan_cfg"    : [ .. ]   must NOT appear in station.conf: Station
///                              generates it from the LNS channel plan.
public struct LBTConf: Sendable, Equatable {
    public var enable: Bool?
    public var rssiTarget: Int?
    public var rssiShift: Int?

    public init(enable: Bool? = nil, rssiTarget: Int? = nil, rssiShift: Int? = nil) {
        self.enable = enable
        self.rssiTarget = rssiTarget
        self.rssiShift = rssiShift
    }

    static let fieldNames = ["enable", "rssi_target", "rssi_shift"]

    static func parse(_ value: JSONValue, path: String, _ d: inout Diagnostics) -> LBTConf? {
        guard let object = FieldReader.object(value, path, &d) else { return nil }
        var lbt = LBTConf()
        for member in object.members {
            let p = JSONPath.member(path, member.key)
            switch member.key {
            case "enable": lbt.enable = FieldReader.bool(member.value, p, &d)
            case "rssi_target": lbt.rssiTarget = FieldReader.integer(member.value, p, -128...127, &d)
            case "rssi_shift": lbt.rssiShift = FieldReader.integer(member.value, p, 0...255, &d)
            case "chan_cfg":
                d.error(p, "must not be specified in a station.conf; it is generated from the channel plan the LNS submits")
            default:
                FieldReader.unknownField(path, member.key, object: "LBTCONF", allowed: fieldNames, &d)
            }
        }
        return lbt
    }

    func json() -> JSONValue {
        var o = JSONObject()
        if let enable { o["enable"] = .bool(enable) }
        if let rssiTarget { o["rssi_target"] = .number(Double(rssiTarget)) }
        if let rssiShift { o["rssi_shift"] = .number(Double(rssiShift)) }
        return .object(o)
    }
}
