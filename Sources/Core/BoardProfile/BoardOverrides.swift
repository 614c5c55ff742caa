import LoRaPHY

/// Command-line replacements for a profile's frequency plan, channel,
/// frequency and data rate, as typed (`--region`, `--channel`,
/// `--frequency`, `--data-rate`); validated exactly as the profile's own keys.
public struct BoardOverrides: Sendable, Equatable {
    public var region: String?
    public var channel: String?
    /// Hz ("868100000") or MHz with a decimal point ("868.1").
    public var frequency: String?
    public var dataRate: String?

    public init(region: String? = nil, channel: String? = nil, frequency: String? = nil, dataRate: String? = nil) {
        self.region = region
        self.channel = channel
        self.frequency = frequency
        self.dataRate = dataRate
    }

    public var isEmpty: Bool { region == nil && channel == nil && frequency == nil && dataRate == nil }

    /// The option that sets each profile key.
    static func option(for key: String) -> String {
        switch key {
        case "region": return "--region"
        case "channel": return "--channel"
        case "frequency-hz": return "--frequency"
        case "data-rate": return "--data-rate"
        default: return "--" + key
        }
    }
}

extension BoardProfile {
    /// The profile with `overrides` applied. A new plan drops the profile's
    /// channel and frequency (they belong to the old plan) unless given too;
    /// a channel replaces a frequency and the other way round.
    public func applying(_ overrides: BoardOverrides, file: String = "command line") throws(BoardProfileError)
        -> BoardProfile
    {
        func fail(_ key: String, _ detail: String) -> BoardProfileError {
            BoardProfileError(file: file, field: BoardOverrides.option(for: key), detail: detail)
        }
        var result = self
        if let region = overrides.region {
            result.region = try ChannelRules.regionID(region) { key, detail in fail(key, detail) }
            result.channel = nil
            result.frequencyHz = nil
        }
        if let text = overrides.channel {
            guard let channel = Int(text), BoardProfileLoader.channelRange.contains(channel) else {
                throw fail("channel", "expected a channel number of the plan (0-95), got \"\(text)\"")
            }
            if overrides.frequency != nil {
                throw fail("channel", "give either --channel or --frequency, not both")
            }
            result.channel = channel
            result.frequencyHz = nil
        }
        if let text = overrides.frequency {
            guard let hertz = BoardOverrides.parseFrequency(text) else {
                throw fail("frequency-hz", "expected a frequency in Hz (868100000) or MHz (868.1), got \"\(text)\"")
            }
            result.frequencyHz = hertz
            result.channel = nil
        }
        if let text = overrides.dataRate {
            guard let rate = DataRateName(text) else {
                throw fail("data-rate", "expected a data rate such as \"SF7BW125\" (SF7-SF12, BW125/250/500), got \"\(text)\"")
            }
            result.dataRate = rate
        }
        try ChannelRules.check(result) { key, detail in fail(key, detail) }
        return result
    }
}

extension BoardOverrides {
    /// "868100000" → 868100000; "868.1" → 868100000 (MHz, up to 6 decimals).
    static func parseFrequency(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        if let dot = bytes.firstIndex(of: UInt8(ascii: ".")) {
            guard let whole = BoardProfileLoader.decimal(bytes[..<dot]) else { return nil }
            let fractionDigits = bytes[(dot + 1)...]
            guard fractionDigits.count <= 6 else { return nil }
            var fraction = fractionDigits.isEmpty ? 0 : (BoardProfileLoader.decimal(fractionDigits) ?? -1)
            if fraction < 0 { return nil }
            for _ in fractionDigits.count..<6 { fraction *= 10 }
            return whole * 1_000_000 + fraction
        }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value < 10_000 ? value * 1_000_000 : value
    }
}
