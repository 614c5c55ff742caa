/// LowDataRateOptimize (RegModemConfig3 bit 3, datasheet §4.1.1.6): mandated
/// when a symbol lasts 16 ms or more; `auto` applies exactly that rule.
public enum LowDataRateOptimize: Sendable, Equatable {
    case auto, on, off

    /// Symbols this long or longer need LDRO (SF11/SF12 at 125 kHz).
    public static let thresholdMicros: Double = 16_000

    /// Whether LDRO is in effect for a symbol of `symbolMicros`.
    public func isEnabled(symbolMicros: Double) -> Bool {
        switch self {
        case .auto: return symbolMicros >= LowDataRateOptimize.thresholdMicros
        case .on: return true
        case .off: return false
        }
    }
}
