/// An uplink channel: centre frequency and the data rates allowed on it.
public struct Channel: Sendable, Equatable {
    /// Channel index as end devices number it (LinkADRReq ChMask bit).
    public var index: Int
    public var frequencyHz: UInt32
    public var minDataRate: Int
    public var maxDataRate: Int

    public init(index: Int, frequencyHz: UInt32, minDataRate: Int, maxDataRate: Int) {
        self.index = index
        self.frequencyHz = frequencyHz
        self.minDataRate = minDataRate
        self.maxDataRate = maxDataRate
    }
}

/// `count` evenly spaced channels, e.g. US915 channels 0-63: 902.3 MHz + n × 200 kHz.
public struct ChannelBlock: Sendable, Equatable {
    public var firstIndex: Int
    public var count: Int
    public var firstFrequencyHz: UInt32
    public var stepHz: UInt32
    public var minDataRate: Int
    public var maxDataRate: Int
    /// "125 kHz" / "500 kHz": printed with the block.
    public var bandwidthLabel: String

    public init(
        firstIndex: Int, count: Int, firstFrequencyHz: UInt32, stepHz: UInt32, minDataRate: Int, maxDataRate: Int,
        bandwidthLabel: String
    ) {
        self.firstIndex = firstIndex
        self.count = count
        self.firstFrequencyHz = firstFrequencyHz
        self.stepHz = stepHz
        self.minDataRate = minDataRate
        self.maxDataRate = maxDataRate
        self.bandwidthLabel = bandwidthLabel
    }

    public var lastIndex: Int { firstIndex + count - 1 }
    public var lastFrequencyHz: UInt32 { frequencyHz(offset: count - 1) }

    func frequencyHz(offset: Int) -> UInt32 { firstFrequencyHz + UInt32(offset) * stepHz }

    /// The block's channel with absolute index `index`, if it has it.
    public func channel(index: Int) -> Channel? {
        guard index >= firstIndex, index <= lastIndex else { return nil }
        return Channel(
            index: index, frequencyHz: frequencyHz(offset: index - firstIndex), minDataRate: minDataRate,
            maxDataRate: maxDataRate)
    }

    /// The channel centred exactly on `frequencyHz`, if any.
    public func channel(frequencyHz: UInt32) -> Channel? {
        guard frequencyHz >= firstFrequencyHz, frequencyHz <= lastFrequencyHz,
              (frequencyHz - firstFrequencyHz) % stepHz == 0 else { return nil }
        return channel(index: firstIndex + Int((frequencyHz - firstFrequencyHz) / stepHz))
    }

    public var channels: [Channel] {
        var list: [Channel] = []
        for offset in 0..<count {
            list.append(Channel(
                index: firstIndex + offset, frequencyHz: frequencyHz(offset: offset), minDataRate: minDataRate,
                maxDataRate: maxDataRate))
        }
        return list
    }
}

/// How a region defines its uplink channels (RP002 §2 "dynamic" vs "fixed" channel plans).
public enum UplinkChannelPlan: Sendable, Equatable {
    /// Default channels every device has from power-up, plus up to
    /// `maxChannels` in total added by CFList / NewChannelReq (EU868-style).
    case dynamic(defaults: [Channel], maxChannels: Int)
    /// A fixed grid of channels enabled by ChMask (US915, AU915, CN470).
    case fixed([ChannelBlock])
}

/// An inclusive frequency range in hertz.
public struct FrequencyRange: Sendable, Equatable {
    public var lowerHz: UInt32
    public var upperHz: UInt32

    public init(lowerHz: UInt32, upperHz: UInt32) {
        self.lowerHz = lowerHz
        self.upperHz = upperHz
    }

    public func contains(_ frequencyHz: UInt32) -> Bool { frequencyHz >= lowerHz && frequencyHz <= upperHz }
}

/// A regulatory sub-band with a transmit duty-cycle limit.
public struct DutyCycleBand: Sendable, Equatable {
    /// "g1" (ETSI EN 300 220 band names for EU868).
    public var name: String
    public var range: FrequencyRange
    /// Allowed transmit fraction in parts per million: 10_000 = 1 %.
    public var dutyCyclePPM: Int

    public init(name: String, range: FrequencyRange, dutyCyclePPM: Int) {
        self.name = name
        self.range = range
        self.dutyCyclePPM = dutyCyclePPM
    }

    /// "1 %", "0.1 %", "10 %".
    public var percentLabel: String {
        let whole = dutyCyclePPM / 10_000
        var fraction = dutyCyclePPM % 10_000
        if fraction == 0 { return "\(whole) %" }
        var digits = ""
        var scale = 1_000
        while fraction > 0 {
            digits += "\(fraction / scale)"
            fraction %= scale
            scale /= 10
        }
        return "\(whole).\(digits) %"
    }

    /// Minimum silence after `airtimeMicros` on air so the band stays within
    /// its duty cycle: airtime × (1/dc − 1) (the LoRaMac-node "time-off" rule).
    public func offTimeMicros(afterAirtimeMicros airtimeMicros: UInt64) -> UInt64 {
        airtimeMicros * UInt64(1_000_000 - dutyCyclePPM) / UInt64(dutyCyclePPM)
    }
}

/// Maximum dwell time (time on air of one transmission) a region imposes.
public struct DwellTimeLimit: Sendable, Equatable {
    public var limitMillis: Int
    public var uplink: Bool
    public var downlink: Bool
    /// True when devices start with it in force (US915 always; AS923 until
    /// TxParamSetupReq lifts it); false when only TxParamSetupReq turns it on (AU915).
    public var enabledByDefault: Bool
    /// One line for people: who imposes it and when.
    public var note: String

    public init(limitMillis: Int, uplink: Bool, downlink: Bool, enabledByDefault: Bool, note: String) {
        self.limitMillis = limitMillis
        self.uplink = uplink
        self.downlink = downlink
        self.enabledByDefault = enabledByDefault
        self.note = note
    }
}
