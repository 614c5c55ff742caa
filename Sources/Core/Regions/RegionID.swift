/// The LoRaWAN regional channel plans Lorikeet knows, by their common names
/// (LoRaWAN Regional Parameters RP002-1.0.4, "Regional Parameter Channel
/// Plan Common Names"; AS923 groups 1-4 from RP002-1.0.1 on).
public enum RegionID: String, CaseIterable, Sendable {
    case eu868 = "EU868"
    case us915 = "US915"
    case in865 = "IN865"
    case as923_1 = "AS923-1"
    case as923_2 = "AS923-2"
    case as923_3 = "AS923-3"
    case as923_4 = "AS923-4"
    case au915 = "AU915"
    case kr920 = "KR920"
    case cn470 = "CN470"
    case eu433 = "EU433"
    case ru864 = "RU864"

    /// Looks a region up by name, ignoring case and accepting `_` for `-`
    /// ("eu868", "as923_2"). Plain "AS923" is AS923-1, the group whose
    /// frequencies carry no offset (RP002 "AS923-1 ... AS923_FREQ_OFFSET = 0").
    public init?(name: String) {
        var folded: [UInt8] = []
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): folded.append(byte - 32)
            case UInt8(ascii: "_"): folded.append(UInt8(ascii: "-"))
            default: folded.append(byte)
            }
        }
        let key = String(decoding: folded, as: UTF8.self)
        if key == "AS923" {
            self = .as923_1
            return
        }
        for region in RegionID.allCases where region.rawValue == key {
            self = region
            return
        }
        return nil
    }

    /// "EU868, US915, ..." for error messages and help.
    public static var namesList: String {
        var text = ""
        for region in allCases {
            if !text.isEmpty { text += ", " }
            text += region.rawValue
        }
        return text
    }

    /// The region's plan (built on each call; keep the value).
    public var plan: RegionalPlan {
        switch self {
        case .eu868: return RegionalPlan.eu868()
        case .us915: return RegionalPlan.us915()
        case .in865: return RegionalPlan.in865()
        case .as923_1: return RegionalPlan.as923(group: 1)
        case .as923_2: return RegionalPlan.as923(group: 2)
        case .as923_3: return RegionalPlan.as923(group: 3)
        case .as923_4: return RegionalPlan.as923(group: 4)
        case .au915: return RegionalPlan.au915()
        case .kr920: return RegionalPlan.kr920()
        case .cn470: return RegionalPlan.cn470()
        case .eu433: return RegionalPlan.eu433()
        case .ru864: return RegionalPlan.ru864()
        }
    }
}
