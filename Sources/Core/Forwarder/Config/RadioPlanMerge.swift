import BoardProfile
import LoRaPHY
import Regions

/// Issue 12 #1: where the radio listens. The board profile's region, channel
/// (or frequency) and data rate are the default; the configuration's `radio`
/// keys override them, and flags override both. A result that makes no sense
/// — a frequency outside the region, outside the chip's range or outside the
/// profile's RF port — is an error naming both sources. The downlink band
/// (`transmitBandHz`) becomes the chip's range narrowed to the profile's port.
public enum RadioPlanMerge {
    /// Flag values and how to name them ("--frequency").
    public struct Flags: Sendable {
        public var frequencyHz: UInt32?
        public var dataRate: DataRateName?
        public init(frequencyHz: UInt32? = nil, dataRate: DataRateName? = nil) {
            self.frequencyHz = frequencyHz
            self.dataRate = dataRate
        }
    }

    /// `profileName`: how to name the profile in errors ("boards/adafruit-rfm9x-bonnet.json").
    public static func apply(profile: BoardProfile, profileName: String, flags: Flags = Flags(),
                             to configuration: inout ForwarderConfiguration) throws(ConfigurationError) {
        let keys = configuration.radioKeySources
        var radio = configuration.radio
        let profileSays = "\(profileName) (\(profile.name))"

        // Region: the file's, else the profile's.
        let regionSource: String
        if let source = keys["region"] {
            regionSource = source
        } else {
            radio.region = profile.region
            regionSource = "\(profileSays) region"
        }
        let plan = radio.region.plan

        // Frequency: flag, file, profile (channel or frequency-hz, when its region is this one), region default.
        let frequencySource: String
        if let hz = flags.frequencyHz {
            radio.frequencyHz = hz
            frequencySource = "--frequency"
        } else if let source = keys["frequency"] {
            frequencySource = source
        } else if profile.region == radio.region, let hz = UInt32(exactly: profile.listenFrequencyHz) {
            // exactly: Int(UInt32.max) itself traps where Int is 32 bits (armhf).
            radio.frequencyHz = hz
            frequencySource = profile.frequencyHz != nil ? "\(profileSays) frequency-hz"
                : profile.channel.map { "\(profileSays) channel \($0)" } ?? "\(profileSays) region default"
        } else {
            radio.frequencyHz = plan.singleChannel.frequencyHz
            frequencySource = "\(regionSource) (its default channel)"
        }

        // Data rate: flag, file, profile, region default.
        if let rate = flags.dataRate {
            radio.dataRate = rate
        } else if keys["datarate"] == nil, profile.region == radio.region {
            radio.dataRate = profile.listenDataRate
        } else if keys["datarate"] == nil {
            radio.dataRate = RadioConfiguration(region: radio.region).dataRate
        }

        // Antenna and PA: the file's gain if set, else the profile's; the lower PA limit.
        if keys["antenna_gain"] == nil { radio.antennaGainDBi = profile.antennaGainDBi }
        radio.maxConductedPowerDBm = min(radio.maxConductedPowerDBm, profile.maxTxPowerDBm)

        let hz = radio.frequencyHz
        let mhz = FrequencyText.megahertz(hz) + " MHz"
        guard plan.uplinkChannel(frequencyHz: hz) != nil || plan.isAllowedTransmit(frequencyHz: hz) else {
            throw ConfigurationError("\(frequencySource): \(mhz) is not a \(plan.id.rawValue) frequency (region from \(regionSource))")
        }
        guard profile.radio.canTune(frequencyHz: Int(hz)) else {
            throw ConfigurationError("\(frequencySource): \(mhz) is outside the \(profile.radio.rawValue)'s range \(profile.radio.frequencyRangeLabel) (\(profileSays))")
        }
        let port = profile.frequencyPort
        guard FrequencyPort(frequencyHz: Int(hz)) == port else {
            throw ConfigurationError("\(frequencySource): \(mhz) needs the other RF port; \(profileSays) is built for the \(port.bandLabel)")
        }
        radio.transmitBandHz = transmitBand(chip: profile.radio, port: port, containing: hz)
        configuration.radio = radio
    }

    /// The chip's range that contains `hz`, narrowed to the port's band.
    static func transmitBand(chip: RadioChip, port: FrequencyPort, containing hz: UInt32) -> ClosedRange<UInt32> {
        let portBand: ClosedRange<Int> = port == .lowFrequency ? 137_000_000...524_999_999 : 525_000_000...1_020_000_000
        for range in chip.frequencyRangesHz where range.contains(Int(hz)) {
            let low = max(range.lowerBound, portBand.lowerBound), high = min(range.upperBound, portBand.upperBound)
            if low <= high { return UInt32(low)...UInt32(high) }
        }
        return hz...hz
    }
}
