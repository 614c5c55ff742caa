/// The checks a profile's frequency plan, channel, frequency and data rate
/// must pass together — shared by the loader and by command-line overrides,
/// so a value is judged the same wherever it came from.
enum ChannelRules {
    static func check(
        _ profile: inout BoardProfile, error: (String, String) -> BoardProfileError
    ) throws(BoardProfileError) {
        guard RegionName.isKnown(profile.region) else {
            throw error("region", "expected a frequency plan name (\(RegionName.knownList)), got \"\(profile.region)\"")
        }
        if profile.channel != nil && profile.frequencyHz != nil {
            throw error("frequency-hz", "give either \"channel\" or \"frequency-hz\", not both")
        }
        if let frequency = profile.frequencyHz, !profile.radio.canTune(frequencyHz: frequency) {
            throw error(
                "frequency-hz",
                "\(megahertzLabel(frequency)) is outside what an \(profile.radio.displayName) tunes (\(profile.radio.frequencyRangeLabel))")
        }
        if let rate = profile.dataRate, rate.spreadingFactor < .sf7 {
            throw error("data-rate", "expected a LoRaWAN data rate (SF7-SF12), got \"\(rate.text)\"")
        }
    }
}
