/// LoRaWAN frame overhead: a PHY payload is the MAC payload plus MHDR (1 byte)
/// and MIC (4 bytes).
public enum PayloadSize {
    public static let lorawanOverheadBytes = 5
    /// Largest PHY payload an SX127x FIFO can carry.
    public static let maximumPHYBytes = 255

    /// PHY payload size for a MAC payload of `macBytes`.
    public static func phyBytes(macPayload macBytes: Int) -> Int { macBytes + lorawanOverheadBytes }

    /// MAC payload size inside a PHY payload of `phyBytes`.
    public static func macBytes(phyPayload phyBytes: Int) -> Int { phyBytes - lorawanOverheadBytes }

    /// The largest PHY payload (0...255 bytes) whose frame lasts at most
    /// `limitMillis`, or nil if not even an empty one fits.
    public static func largestPHYPayload(fittingMillis limitMillis: Double, parameters: LoRaParameters) -> Int? {
        // Airtime never decreases with size, so a binary search is exact.
        guard Airtime(payloadBytes: 0, parameters: parameters).totalMillis <= limitMillis else { return nil }
        var low = 0
        var high = maximumPHYBytes
        while low < high {
            let mid = (low + high + 1) / 2
            if Airtime(payloadBytes: mid, parameters: parameters).totalMillis <= limitMillis {
                low = mid
            } else {
                high = mid - 1
            }
        }
        return low
    }
}
