/// The spreading factors a channel demodulates, SF7...SF12. Written in a
/// configuration either as one integer or, under `chan_LoRa_std`, as the
/// string "N-M" (seed 003, CHANCONF).
public struct SpreadingFactorRange: Sendable, Equatable {
    public static let allowed: ClosedRange<Int> = 7...12
    /// A multi-SF channel without `spread_factor` demodulates all of them.
    public static let all = SpreadingFactorRange(lowest: 7, highest: 12)!

    public let lowest: Int
    public let highest: Int

    /// nil unless 7 <= lowest <= highest <= 12.
    public init?(lowest: Int, highest: Int) {
        guard Self.allowed.contains(lowest), Self.allowed.contains(highest), lowest <= highest else { return nil }
        self.lowest = lowest
        self.highest = highest
    }

    /// Parses "N-M" (N <= M, both 7..12); nothing else (no spaces, no single number).
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard let dash = bytes.firstIndex(of: 0x2D),
              let low = Self.decimal(bytes[..<dash]),
              let high = Self.decimal(bytes[(dash + 1)...]) else { return nil }
        self.init(lowest: low, highest: high)
    }

    /// "N-M", the `chan_LoRa_std` form.
    public var text: String { "\(lowest)-\(highest)" }

    /// "SF7" or "SF7-12", for people.
    public var label: String { lowest == highest ? "SF\(lowest)" : "SF\(lowest)-\(highest)" }

    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 2 else { return nil }
        var value = 0
        for d in digits {
            guard d >= 0x30, d <= 0x39 else { return nil }
            value = value * 10 + Int(d - 0x30)
        }
        return value
    }
}
