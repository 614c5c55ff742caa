import JSON

/// Which IF channel of an SX1301 a CHANCONF configures: the eight multi-SF
/// LoRa channels, the single-SF "LoRa standard" channel, or the FSK channel.
public enum ChannelSlot: Sendable, Equatable {
    case multiSF(Int)
    case loraStandard
    case fsk

    /// The SX1301CONF field name: `chan_multiSF_3`, `chan_LoRa_std`, `chan_FSK`.
    public var fieldName: String {
        switch self {
        case .multiSF(let n): return "chan_multiSF_\(n)"
        case .loraStandard: return "chan_LoRa_std"
        case .fsk: return "chan_FSK"
        }
    }

    /// The slot of an SX1301CONF field name, or nil.
    public init?(fieldName: String) {
        switch fieldName {
        case "chan_LoRa_std": self = .loraStandard
        case "chan_FSK": self = .fsk
        default:
            let prefix = Array("chan_multiSF_".utf8)
            let bytes = Array(fieldName.utf8)
            guard bytes.count == prefix.count + 1, Array(bytes[..<prefix.count]) == prefix,
                  bytes[prefix.count] >= 0x30, bytes[prefix.count] <= 0x37 else { return nil }
            self = .multiSF(Int(bytes[prefix.count] - 0x30))
        }
    }
}

/// The ten channel slots of one SX1301, whatever a channel is (a local
/// CHANCONF or an LNS plan's channel): reading and writing by `ChannelSlot`.
public protocol ChannelSlots {
    associatedtype Channel
    /// `chan_multiSF_0` ... `chan_multiSF_7`; nil where absent.
    var multiSF: [Channel?] { get set }
    var loraStandard: Channel? { get set }
    var fsk: Channel? { get set }
}

extension ChannelSlots {
    public subscript(slot: ChannelSlot) -> Channel? {
        get {
            switch slot {
            case .multiSF(let n): return multiSF[n]
            case .loraStandard: return loraStandard
            case .fsk: return fsk
            }
        }
        set {
            switch slot {
            case .multiSF(let n): multiSF[n] = newValue
            case .loraStandard: loraStandard = newValue
            case .fsk: fsk = newValue
            }
        }
    }
}

/// CHANCONF (seed 003): one IF channel of an SX1301.
///
///     "chan_rx_freq"  : INT
///     "bandwidth"     : INT(125000,250000,500000)
///     "spread_factor" : INT(7..12)   under chan_multiSF_X
///     "spread_factor" : "N-M"        under chan_LoRa_std (7 <= N <= M <= 12)
///                                    absent under chan_FSK
///     "bit_rate"      : INT          only under chan_FSK
///
/// Note: Station's own parser (src/sx1301v2conf.c) swaps the two
/// spread_factor forms; Lorikeet follows the seed, as issue 7 asks.
public struct ChannelConf: Sendable, Equatable {
    public static let bandwidthsHz: [Int] = [125_000, 250_000, 500_000]

    public var rxFrequencyHz: Int?
    public var bandwidthHz: Int?
    /// For `chan_multiSF_X` a single factor (lowest == highest); for
    /// `chan_LoRa_std` the "N-M" range; nil when absent.
    public var spreadingFactors: SpreadingFactorRange?
    /// FSK bit rate in bit/s, only under `chan_FSK`.
    public var bitRate: Int?

    public init(rxFrequencyHz: Int? = nil, bandwidthHz: Int? = nil,
                spreadingFactors: SpreadingFactorRange? = nil, bitRate: Int? = nil) {
        self.rxFrequencyHz = rxFrequencyHz
        self.bandwidthHz = bandwidthHz
        self.spreadingFactors = spreadingFactors
        self.bitRate = bitRate
    }

    static let fieldNames = ["chan_rx_freq", "bandwidth", "spread_factor", "bit_rate"]

    static func parse(_ value: JSONValue, slot: ChannelSlot, path: String, _ d: inout Diagnostics) -> ChannelConf? {
        guard let object = FieldReader.object(value, path, &d) else { return nil }
        var channel = ChannelConf()
        for member in object.members {
            let p = JSONPath.member(path, member.key)
            switch member.key {
            case "chan_rx_freq":
                channel.rxFrequencyHz = FieldReader.integer(member.value, p, FieldReader.unsigned, &d)
            case "bandwidth":
                channel.bandwidthHz = parseBandwidth(member.value, p, &d)
            case "spread_factor":
                channel.spreadingFactors = parseSpreadFactor(member.value, slot: slot, p, &d)
            case "bit_rate":
                if slot == .fsk {
                    channel.bitRate = FieldReader.integer(member.value, p, 1...FieldReader.unsigned.upperBound, &d)
                } else {
                    d.error(p, "\(JSONPath.show(member.value)) is not allowed; bit_rate is valid only under chan_FSK")
                }
            default:
                FieldReader.unknownField(path, member.key, object: "CHANCONF", allowed: fieldNames, &d)
            }
        }
        return channel
    }

    static func parseBandwidth(_ value: JSONValue, _ path: String, _ d: inout Diagnostics) -> Int? {
        if let n = value.integerValue, bandwidthsHz.contains(where: { Int64($0) == n }) { return Int(n) }
        d.error(path, "\(JSONPath.show(value)) is not allowed; bandwidth must be 125000, 250000 or 500000 (Hz)")
        return nil
    }

    private static func parseSpreadFactor(
        _ value: JSONValue, slot: ChannelSlot, _ path: String, _ d: inout Diagnostics
    ) -> SpreadingFactorRange? {
        let shown = JSONPath.show(value)
        switch slot {
        case .multiSF:
            if let n = value.integerValue, n >= 7, n <= 12 {
                return SpreadingFactorRange(lowest: Int(n), highest: Int(n))
            }
            d.error(path, "\(shown) is not allowed; spread_factor under chan_multiSF_X must be an integer 7..12")
        case .loraStandard:
            if let text = value.stringValue, let range = SpreadingFactorRange(text: text) { return range }
            d.error(path, "\(shown) is not allowed; spread_factor under chan_LoRa_std must be a string \"N-M\" with 7 <= N <= M <= 12")
        case .fsk:
            d.error(path, "\(shown) is not allowed; spread_factor must be absent under chan_FSK")
        }
        return nil
    }

    func json(slot: ChannelSlot) -> JSONValue {
        var o = JSONObject()
        if let rxFrequencyHz { o["chan_rx_freq"] = .number(Double(rxFrequencyHz)) }
        if let bandwidthHz { o["bandwidth"] = .number(Double(bandwidthHz)) }
        if let sf = spreadingFactors {
            switch slot {
            case .multiSF: o["spread_factor"] = .number(Double(sf.lowest))
            case .loraStandard: o["spread_factor"] = .string(sf.text)
            case .fsk: break
            }
        }
        if let bitRate { o["bit_rate"] = .number(Double(bitRate)) }
        return .object(o)
    }
}
