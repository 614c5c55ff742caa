/// Frequency-plan names a profile may give. Until the Regions module's plan
/// catalogue is merged this is the list of plans issue 4 names
/// (RP002-1.0.x); the loader asks only `RegionName.isKnown`.
public enum RegionName {
    public static let known: [String] = [
        "EU868", "US915", "IN865", "AS923-1", "AS923-2", "AS923-3", "AS923-4", "AU915", "KR920", "CN470",
        "EU433", "RU864",
    ]

    public static func isKnown(_ name: String) -> Bool { known.contains(name) }

    public static var knownList: String { joined(known) }
}

func joined(_ items: [String], separator: String = ", ") -> String {
    var text = ""
    for (index, item) in items.enumerated() { text += (index == 0 ? "" : separator) + item }
    return text
}
