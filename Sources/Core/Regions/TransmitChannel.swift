import LoRaPHY

/// The one place that says whether a gateway may transmit on a channel:
/// issue 12 #12 — the centre alone is not enough, the whole occupied
/// channel (centre ± bandwidth/2) must lie inside the region's downlink
/// range and inside one duty-cycle sub-band (where the region's ranges are
/// band edges), and the data rate must be one the region allows downlinks on.
extension RegionalPlan {
    /// Why a downlink on `centreHz` with `spreadingFactor`/`bandwidth` is not
    /// allowed here, or nil when it is.
    public func transmitChannelProblem(centreHz: UInt32, spreadingFactor: SpreadingFactor,
                                       bandwidth: Bandwidth) -> String? {
        let name = DataRateName(spreadingFactor: spreadingFactor, bandwidth: bandwidth).text
        guard dataRateIndex(spreadingFactor: spreadingFactor, bandwidth: bandwidth, direction: .downlink) != nil else {
            return "\(name) is not a downlink data rate of \(id.rawValue)"
        }
        let centre = FrequencyText.megahertz(centreHz) + " MHz"
        guard txRangesAreBandEdges else {
            return isAllowedTransmit(frequencyHz: centreHz) ? nil : "\(centre) is outside \(id.rawValue)'s downlink ranges"
        }
        let half = UInt32(bandwidth.hertz / 2)
        guard centreHz > half, centreHz <= UInt32.max - half else { return "\(centre) is outside every band" }
        let low = centreHz - half, high = centreHz + half
        var inRange = false
        for range in txFrequencyRanges where range.contains(low) && range.contains(high) { inRange = true }
        guard inRange else {
            return "the \(name) channel at \(centre) (\(FrequencyText.megahertz(low))-\(FrequencyText.megahertz(high)) MHz) leaves \(id.rawValue)'s downlink range"
        }
        if dutyCycleBands.isEmpty { return nil }
        for band in dutyCycleBands where band.range.contains(low) && band.range.contains(high) { return nil }
        return "the \(name) channel at \(centre) (\(FrequencyText.megahertz(low))-\(FrequencyText.megahertz(high)) MHz) is not inside one duty-cycle sub-band"
    }
}
