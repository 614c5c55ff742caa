import LoRaPHY
import Regions

/// The checks a profile's frequency plan, channel, frequency and data rate
/// must pass together — shared by the loader and by command-line overrides,
/// so a value is judged the same wherever it came from. Plans come from the
/// Regions module (LoRaWAN Regional Parameters RP002-1.0.x).
enum ChannelRules {
    static func regionID(_ name: String, error: (String, String) -> BoardProfileError) throws(BoardProfileError)
        -> RegionID
    {
        guard let id = RegionID(name: name) else {
            throw error("region", "expected a frequency plan name (\(RegionID.namesList)), got \"\(name)\"")
        }
        return id
    }

    static func check(_ profile: BoardProfile, error: (String, String) -> BoardProfileError) throws(BoardProfileError) {
        let plan = profile.region.plan
        let regionName = profile.region.rawValue
        if profile.channel != nil && profile.frequencyHz != nil {
            throw error("frequency-hz", "give either \"channel\" or \"frequency-hz\", not both")
        }
        if let index = profile.channel, plan.uplinkChannel(index: index) == nil {
            throw error("channel", "channel \(index) is not an uplink channel of \(regionName) (\(channelsText(plan)))")
        }
        if let frequency = profile.frequencyHz {
            var inPlan = false
            if let hertz = UInt32(exactly: frequency) {
                for range in plan.txFrequencyRanges where range.contains(hertz) { inPlan = true }
            }
            if !inPlan {
                throw error(
                    "frequency-hz", "\(megahertzLabel(frequency)) is outside the \(regionName) plan (\(rangesText(plan)))")
            }
        }
        let listen = profile.listenFrequencyHz
        if !profile.radio.canTune(frequencyHz: listen) {
            let key = profile.frequencyHz != nil ? "frequency-hz" : (profile.channel != nil ? "channel" : "region")
            throw error(
                key,
                "\(regionName) listens on \(megahertzLabel(listen)), outside what an \(profile.radio.displayName) tunes (\(profile.radio.frequencyRangeLabel))")
        }
        if let rate = profile.dataRate,
           plan.dataRateIndex(spreadingFactor: rate.spreadingFactor, bandwidth: rate.bandwidth) == nil
        {
            throw error("data-rate", "\"\(rate.text)\" is not an uplink data rate of \(regionName) (\(dataRatesText(plan)))")
        }
    }

    static func channelsText(_ plan: RegionalPlan) -> String {
        switch plan.uplinkChannels {
        case .dynamic(let defaults, _):
            var parts: [String] = []
            for channel in defaults { parts.append("\(channel.index): \(megahertzLabel(Int(channel.frequencyHz)))") }
            return "default channels " + joined(parts)
                + "; a channel the network adds needs an explicit frequency"
        case .fixed(let blocks):
            var parts: [String] = []
            for block in blocks {
                parts.append("\(block.firstIndex)-\(block.lastIndex): \(megahertzLabel(Int(block.firstFrequencyHz)))"
                    + " + n × \(megahertzLabel(Int(block.stepHz)))")
            }
            return "channels " + joined(parts, separator: "; ")
        }
    }

    static func rangesText(_ plan: RegionalPlan) -> String {
        var parts: [String] = []
        for range in plan.txFrequencyRanges {
            parts.append("\(FrequencyText.megahertz(range.lowerHz))-\(FrequencyText.megahertz(range.upperHz)) MHz")
        }
        return joined(parts)
    }

    static func dataRatesText(_ plan: RegionalPlan) -> String {
        var parts: [String] = []
        for rate in plan.dataRates where rate.uplink {
            if case .lora = rate.modulation { parts.append("\(rate.label) \(rate.modulation.name)") }
        }
        return joined(parts)
    }
}

extension BoardProfile {
    /// The frequency the gateway listens on: `frequencyHz`, else the plan
    /// channel, else the plan's single-channel default.
    public var listenFrequencyHz: Int {
        if let frequencyHz { return frequencyHz }
        let plan = region.plan
        if let index = channel, let found = plan.uplinkChannel(index: index) { return Int(found.frequencyHz) }
        return Int(plan.singleChannel.frequencyHz)
    }

    /// The data rate the gateway listens at: `dataRate`, else the plan's
    /// single-channel default.
    public var listenDataRate: DataRateName {
        if let dataRate { return dataRate }
        let plan = region.plan
        if let rate = plan.dataRate(index: plan.singleChannel.dataRate), let sf = rate.spreadingFactor,
           let bw = rate.bandwidth
        {
            return DataRateName(spreadingFactor: sf, bandwidth: bw)
        }
        return DataRateName(spreadingFactor: .sf7, bandwidth: .khz125)
    }

    /// The radio port the listening frequency uses.
    public var frequencyPort: FrequencyPort { FrequencyPort(frequencyHz: listenFrequencyHz) }
}

func joined(_ items: [String], separator: String = ", ") -> String {
    var text = ""
    for (index, item) in items.enumerated() { text += (index == 0 ? "" : separator) + item }
    return text
}
