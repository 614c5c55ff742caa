/// What a single-channel gateway listens on by default, and what end devices
/// must be configured with so that every uplink reaches it (seed 000's
/// "Nano-gateway node" channel setup, generalised to every region).
public struct SingleChannelSetup: Sendable, Equatable {
    /// The one uplink channel the gateway receives on.
    public var frequencyHz: UInt32
    /// The one data rate (spreading factor) it receives.
    public var dataRate: Int
    /// Why this channel: printed with the plan.
    public var rationale: String
    public var node: NodeChannelSetup

    public init(frequencyHz: UInt32, dataRate: Int, rationale: String, node: NodeChannelSetup) {
        self.frequencyHz = frequencyHz
        self.dataRate = dataRate
        self.rationale = rationale
        self.node = node
    }
}

/// End-device configuration for a single-channel gateway, as data plus text.
public struct NodeChannelSetup: Sendable, Equatable {
    /// Channels to (re)define on the gateway's frequency before joining.
    public var channelsToSet: [Channel]
    /// Channel indices to remove (dynamic plans) or mask off (fixed plans).
    public var channelsToDisable: [ClosedRange<Int>]
    /// The data rate devices must transmit at, with ADR off.
    public var dataRate: Int
    /// Always false: ADR would move devices to data rates the gateway cannot hear.
    public var adrEnabled: Bool
    /// RX1 answer to an uplink on the channel at `dataRate` with RX1DROffset 0.
    public var rx1: RX1Window
    /// Numbered instructions for people.
    public var instructions: [String]
    /// The same setup for Pycom MicroPython devices (seed 000's form).
    public var pycomExample: [String]
}

extension RegionalPlan {
    /// Fills `singleChannel` for a gateway on `frequencyHz` at `dataRate`.
    mutating func setSingleChannel(frequencyHz: UInt32, dataRate: Int, rationale: String) {
        singleChannel = SingleChannelSetup(
            frequencyHz: frequencyHz, dataRate: dataRate, rationale: rationale,
            node: nodeSetup(frequencyHz: frequencyHz, dataRate: dataRate))
    }

    func nodeSetup(frequencyHz: UInt32, dataRate: Int) -> NodeChannelSetup {
        let mhz = FrequencyText.megahertz(frequencyHz)
        let drName = self.dataRate(index: dataRate)?.modulation.name ?? "?"
        let rx1 = (try? rx1(uplinkFrequencyHz: frequencyHz, uplinkDataRate: dataRate))
            ?? RX1Window(frequencyHz: frequencyHz, dataRate: dataRate)
        let rx1Name = self.dataRate(index: rx1.dataRate)?.modulation.name ?? "?"
        let rx2Name = self.dataRate(index: rx2DataRate)?.modulation.name ?? "?"
        var toSet: [Channel] = []
        var toDisable: [ClosedRange<Int>] = []
        var steps: [String] = []
        var pycom: [String] = []
        switch uplinkChannels {
        case .dynamic(let defaults, let maxChannels):
            let maxDR = defaults.first?.maxDataRate ?? dataRate
            for channel in defaults {
                toSet.append(Channel(index: channel.index, frequencyHz: frequencyHz, minDataRate: 0, maxDataRate: maxDR))
            }
            let last = defaults.count - 1
            toDisable.append(defaults.count...(maxChannels - 1))
            steps.append(
                "Set channels 0-\(last) (the default channels) to \(mhz) MHz, DR0-DR\(maxDR), before joining, "
                    + "so join requests also reach the gateway.")
            steps.append(
                "Remove channels \(defaults.count)-\(maxChannels - 1), including any the join-accept CFList adds.")
            pycom.append("for i in range(\(defaults.count), \(maxChannels)):")
            pycom.append("    lora.remove_channel(i)")
            for channel in defaults {
                pycom.append("lora.add_channel(\(channel.index), frequency=\(frequencyHz), dr_min=0, dr_max=\(maxDR))")
            }
        case .fixed(let blocks):
            let index = uplinkChannel(frequencyHz: frequencyHz)?.index ?? 0
            let lastIndex = blocks.last?.lastIndex ?? index
            if index > 0 { toDisable.append(0...(index - 1)) }
            if index < lastIndex { toDisable.append((index + 1)...lastIndex) }
            toSet.append(Channel(index: index, frequencyHz: frequencyHz, minDataRate: dataRate, maxDataRate: dataRate))
            steps.append(
                "Enable only channel \(index) (\(mhz) MHz) before joining: mask off channels "
                    + RegionalPlan.rangesText(toDisable) + "; a sub-band mask alone is not enough, "
                    + "the gateway hears one channel of eight.")
            let maxDR = blocks.first?.maxDataRate ?? dataRate
            pycom.append("for i in range(3, \(lastIndex + 1)):")
            pycom.append("    lora.remove_channel(i)")
            for channel in 0..<3 {
                pycom.append("lora.add_channel(\(channel), frequency=\(frequencyHz), dr_min=0, dr_max=\(maxDR))")
            }
        }
        steps.append(
            "Transmit at DR\(dataRate) (\(drName)) with ADR off: the gateway receives no other data rate.")
        steps.append(
            "Downlinks: RX1 on \(FrequencyText.megahertz(rx1.frequencyHz)) MHz at DR\(rx1.dataRate) (\(rx1Name)) "
                + "with RX1DROffset 0; RX2 on \(FrequencyText.megahertz(rx2FrequencyHz)) MHz at "
                + "DR\(rx2DataRate) (\(rx2Name)).")
        var numbered: [String] = []
        for (n, step) in steps.enumerated() { numbered.append("\(n + 1). \(step)") }
        return NodeChannelSetup(
            channelsToSet: toSet, channelsToDisable: toDisable, dataRate: dataRate, adrEnabled: false, rx1: rx1,
            instructions: numbered, pycomExample: pycom)
    }

    /// "0-7, 9-71".
    static func rangesText(_ ranges: [ClosedRange<Int>]) -> String {
        var text = ""
        for range in ranges {
            if !text.isEmpty { text += ", " }
            text += range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
        }
        return text
    }
}

extension RegionalPlan {
    /// The single-channel setup for a channel other than the default (a board
    /// profile's or the command line's choice), checked against the plan: the
    /// frequency must lie in the region's band (and be a grid channel of a
    /// fixed plan) and the data rate must be a LoRa uplink data rate.
    public func singleChannelSetup(frequencyHz: UInt32, dataRate: Int) throws(RegionError) -> SingleChannelSetup {
        let mhz = FrequencyText.megahertz(frequencyHz)
        var inBand = false
        for range in txFrequencyRanges where range.contains(frequencyHz) { inBand = true }
        guard inBand else {
            throw RegionError("\(mhz) MHz is outside the \(id.rawValue) band")
        }
        if case .fixed = uplinkChannels, uplinkChannel(frequencyHz: frequencyHz) == nil {
            throw RegionError("\(mhz) MHz is not a \(id.rawValue) uplink channel")
        }
        guard let rate = self.dataRate(index: dataRate), rate.uplink, rate.spreadingFactor != nil else {
            throw RegionError("DR\(dataRate) is not a LoRa uplink data rate in \(id.rawValue)")
        }
        if let channel = uplinkChannel(frequencyHz: frequencyHz), case .fixed = uplinkChannels,
           dataRate < channel.minDataRate || dataRate > channel.maxDataRate {
            throw RegionError(
                "DR\(dataRate) is not allowed on \(id.rawValue) channel \(channel.index) "
                    + "(DR\(channel.minDataRate)-DR\(channel.maxDataRate))")
        }
        if frequencyHz == singleChannel.frequencyHz, dataRate == singleChannel.dataRate { return singleChannel }
        return SingleChannelSetup(
            frequencyHz: frequencyHz, dataRate: dataRate, rationale: "chosen by configuration",
            node: nodeSetup(frequencyHz: frequencyHz, dataRate: dataRate))
    }
}
