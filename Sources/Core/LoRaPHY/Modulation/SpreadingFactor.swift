/// LoRa spreading factor: 2^SF chips per symbol, SF bits per symbol.
/// SF6 exists only on SX1276/77/79 and only with an implicit header.
public enum SpreadingFactor: Int, CaseIterable, Comparable, Sendable {
    case sf6 = 6, sf7, sf8, sf9, sf10, sf11, sf12

    /// Chips per symbol (2^SF).
    public var chipsPerSymbol: Int { 1 << rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
