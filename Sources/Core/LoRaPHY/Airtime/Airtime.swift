/// Time on air of one LoRa frame, by the SX1276 datasheet formula
/// (§4.1.1.6 "LoRa Packet Structure", Rev.5), computed step by step exactly
/// as the time-on-air calculator of seed 001 does, so that every figure it
/// prints can be reproduced.
public struct Airtime: Sendable, Equatable {
    /// PHY payload size in bytes (PL in the formula).
    public let payloadBytes: Int
    public let parameters: LoRaParameters

    /// Symbols per second: BW / 2^SF.
    public let symbolRate: Double
    /// One symbol in milliseconds.
    public let symbolMillis: Double
    /// Preamble duration in milliseconds: (n + 4.25) symbols.
    public let preambleMillis: Double
    /// DE in the formula: 1 when LowDataRateOptimize is in effect.
    public let lowDataRateOptimizeEnabled: Bool
    /// The argument of ceil() in the formula,
    /// (8·PL − 4·SF + 28 + 16·CRC − 20·IH) / (4·(SF − 2·DE)).
    public let ceilArgument: Double
    /// Payload symbols: 8 + max(ceil(…)·(CR + 4), 0).
    public let payloadSymbols: Int
    /// Payload duration in milliseconds.
    public let payloadMillis: Double
    /// Whole frame in milliseconds, unrounded.
    public let totalMillis: Double

    public init(payloadBytes: Int, parameters: LoRaParameters) {
        self.payloadBytes = payloadBytes
        self.parameters = parameters
        let sf = Double(parameters.spreadingFactor.rawValue)
        // Same operations in the same order as the seed, so doubles match bit for bit.
        symbolRate = parameters.bandwidth.hertz / Double(parameters.spreadingFactor.chipsPerSymbol)
        symbolMillis = 1000.0 / symbolRate
        preambleMillis = (Double(parameters.preambleSymbols) + 4.25) * symbolMillis
        lowDataRateOptimizeEnabled = parameters.lowDataRateOptimize.isEnabled(symbolMicros: symbolMillis * 1000)
        let de = lowDataRateOptimizeEnabled ? 1.0 : 0.0
        let ih = parameters.explicitHeader ? 0.0 : 1.0
        let crc = parameters.crcOn ? 1.0 : 0.0
        let a = 8.0 * Double(payloadBytes) - 4.0 * sf + 28 + 16 * crc - 20.0 * ih
        let b = 4.0 * (sf - 2.0 * de)
        ceilArgument = a / b
        payloadSymbols = 8 + max(Int(ceilArgument.rounded(.up)) * parameters.codingRate.codewordBits, 0)
        payloadMillis = Double(payloadSymbols) * symbolMillis
        totalMillis = preambleMillis + payloadMillis
    }

    /// Whole frame in microseconds, to the nearest (the formula's values are
    /// whole microseconds but for floating-point artefacts).
    public var totalMicros: Int64 { Int64((totalMillis * 1000).rounded()) }

    /// Preamble in microseconds, rounded to the nearest.
    public var preambleMicros: Int64 { Int64((preambleMillis * 1000).rounded()) }

    /// One symbol in microseconds.
    public var symbolMicros: Double { symbolMillis * 1000 }

    /// Header end: the preamble plus the first 8 symbols (the block that carries
    /// the explicit header), when a receiver raises ValidHeader.
    public var headerEndMicros: Int64 { Int64(((preambleMillis + 8 * symbolMillis) * 1000).rounded()) }
}
