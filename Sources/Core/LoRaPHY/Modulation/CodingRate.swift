/// Forward error correction rate 4/(4+n) (datasheet §4.1.1.3); the raw value
/// is n, the "CR" of the airtime formula and of RegModemConfig1 CodingRate.
public enum CodingRate: Int, CaseIterable, Sendable {
    case cr4_5 = 1, cr4_6, cr4_7, cr4_8

    /// Bits per 4-bit nibble after Hamming coding (5...8).
    public var codewordBits: Int { 4 + rawValue }

    /// "4/5" as used in Semtech UDP `codr`.
    public var label: String { "4/\(codewordBits)" }

    /// Parses "4/5" ... "4/8".
    public init?(label: String) {
        for rate in CodingRate.allCases where rate.label == label {
            self = rate
            return
        }
        return nil
    }
}
