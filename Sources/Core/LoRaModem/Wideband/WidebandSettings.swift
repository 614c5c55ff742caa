import LoRaPHY

/// One channel to receive inside the wideband stream.
public struct WidebandChannel: Sendable, Equatable {
    /// The channel's number (a region plan's index, e.g. EU868 0-7, US915
    /// 8-15; or the position in an explicit list).
    public var index: Int
    /// 64-bit: a 32-bit Int (armhf) cannot hold 2.4 GHz.
    public var frequencyHz: Int64

    public init(index: Int, frequencyHz: Int64) {
        self.index = index
        self.frequencyHz = frequencyHz
    }
}

/// What a wideband receiver listens to: a complex baseband stream of
/// `sampleRateHz` centred on `centreHz`, split into `channels` of
/// `bandwidth`, each decoded at every SF of `spreadingFactors`.
public struct WidebandSettings: Sendable {
    public var sampleRateHz: Int
    public var centreHz: Int64
    public var channels: [WidebandChannel]
    public var bandwidth: Bandwidth
    public var spreadingFactors: [SpreadingFactor]
    public var syncWord: UInt8
    /// Added to the channel power (dB relative to full scale) to give RSSI in
    /// dBm: the front end's gain, found once by feeding a known level (see
    /// docs/phy.md "RSSI"). 0 reports dBFS.
    public var rssiOffsetDB: Double

    public init(
        sampleRateHz: Int, centreHz: Int64, channels: [WidebandChannel], bandwidth: Bandwidth = .khz125,
        spreadingFactors: [SpreadingFactor] = [.sf7, .sf8, .sf9, .sf10, .sf11, .sf12], syncWord: UInt8 = 0x34,
        rssiOffsetDB: Double = 0
    ) {
        self.sampleRateHz = sampleRateHz
        self.centreHz = centreHz
        self.channels = channels
        self.bandwidth = bandwidth
        self.spreadingFactors = spreadingFactors
        self.syncWord = syncWord
        self.rssiOffsetDB = rssiOffsetDB
    }

    /// Highest input rate taken (bounds the channelizer's block, 1024 × the decimation).
    public static let maxSampleRateHz = 64_000_000
    /// Part of the stream's band a channel may occupy: the outer 10 % on each
    /// side is the SDR's own anti-alias roll-off.
    public static let usableFraction = 0.8

    /// Samples per second each channel is decimated to: 2 per chip.
    public var channelRateHz: Int { 2 * Int(bandwidth.hertz) }

    /// Each channel's centre minus the stream's (fits an Int once validated: within the rate).
    public var offsetsHz: [Int] { channels.map { Int($0.frequencyHz - centreHz) } }

    /// The decimation from the stream to a channel, after checking every
    /// number against the others; the message names what is wrong.
    public func validated() throws(LoRaModemError) -> Int {
        let bandwidthHz = Int(bandwidth.hertz)
        guard bandwidth == .khz125 || bandwidth == .khz250 || bandwidth == .khz500 else {
            throw LoRaModemError(message: "wideband decoding takes 125, 250 or 500 kHz channels, not \(bandwidth.kilohertzLabel) kHz")
        }
        guard sampleRateHz > 0, sampleRateHz <= WidebandSettings.maxSampleRateHz else {
            throw LoRaModemError(message: "sample rate \(sampleRateHz) Hz: expected 1 to \(WidebandSettings.maxSampleRateHz) Hz")
        }
        guard sampleRateHz % channelRateHz == 0 else {
            throw LoRaModemError(
                message: "sample rate \(sampleRateHz) Hz is not a whole multiple of \(channelRateHz / 1000) kHz (2 samples per chip of the \(bandwidth.kilohertzLabel) kHz channels), e.g. 2000000 or 2500000")
        }
        guard !channels.isEmpty else { throw LoRaModemError(message: "no channel to receive") }
        guard !spreadingFactors.isEmpty else { throw LoRaModemError(message: "no spreading factor to receive") }
        for sf in spreadingFactors where sf == .sf6 {
            throw LoRaModemError(message: "SF6 needs an implicit header: wideband decoding takes SF7 to SF12")
        }
        guard centreHz >= 0, centreHz <= 10_000_000_000 else {
            throw LoRaModemError(message: "centre frequency \(centreHz) Hz: expected 0 to 10 GHz")
        }
        // Usable: |offset| + BW/2 within usableFraction/2 of the rate.
        let reach = Int64(Double(sampleRateHz) * WidebandSettings.usableFraction / 2)
        var outside = ""
        for channel in channels {
            guard channel.frequencyHz >= 0, channel.frequencyHz <= 10_000_000_000 else {
                throw LoRaModemError(message: "channel \(channel.index): frequency \(channel.frequencyHz) Hz: expected 0 to 10 GHz")
            }
            let offset = channel.frequencyHz - centreHz
            if abs(offset) + Int64(bandwidthHz / 2) > reach {
                if !outside.isEmpty { outside += ", " }
                outside += "\(channel.index) (\(WidebandSettings.megahertz(channel.frequencyHz)) MHz)"
            }
        }
        if !outside.isEmpty {
            throw LoRaModemError(
                message: "channel(s) \(outside) outside the usable band \(WidebandSettings.megahertz(centreHz - reach))-\(WidebandSettings.megahertz(centreHz + reach)) MHz of a \(sampleRateHz) Hz stream centred on \(WidebandSettings.megahertz(centreHz)) MHz")
        }
        return sampleRateHz / channelRateHz
    }

    /// "868.1", "867.8125": hertz as megahertz with no trailing zeros (exact, integer arithmetic).
    public static func megahertz(_ hertz: Int64) -> String {
        let sign = hertz < 0 ? "-" : ""
        let magnitude = hertz < 0 ? -hertz : hertz
        var text = sign + String(magnitude / 1_000_000)
        var fraction = magnitude % 1_000_000
        if fraction == 0 { return text }
        var digits = ""
        var scale: Int64 = 100_000
        while fraction > 0 {
            digits += String(fraction / scale)
            fraction %= scale
            scale /= 10
        }
        text += "." + digits
        return text
    }
}
