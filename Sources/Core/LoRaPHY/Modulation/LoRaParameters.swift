/// Everything that decides how a LoRa frame looks on air.
public struct LoRaParameters: Sendable, Equatable {
    public var spreadingFactor: SpreadingFactor
    public var bandwidth: Bandwidth
    public var codingRate: CodingRate
    /// Explicit header (LoRaWAN always); false means implicit header mode.
    public var explicitHeader: Bool
    /// Payload CRC present (LoRaWAN uplinks yes, downlinks no).
    public var crcOn: Bool
    public var lowDataRateOptimize: LowDataRateOptimize
    /// Programmed preamble length in symbols (the chip adds 4.25).
    public var preambleSymbols: Int

    public init(
        spreadingFactor: SpreadingFactor, bandwidth: Bandwidth = .khz125, codingRate: CodingRate = .cr4_5,
        explicitHeader: Bool = true, crcOn: Bool = true, lowDataRateOptimize: LowDataRateOptimize = .auto,
        preambleSymbols: Int = 8
    ) {
        self.spreadingFactor = spreadingFactor
        self.bandwidth = bandwidth
        self.codingRate = codingRate
        self.explicitHeader = explicitHeader
        self.crcOn = crcOn
        self.lowDataRateOptimize = lowDataRateOptimize
        self.preambleSymbols = preambleSymbols
    }

    /// Symbol duration in microseconds: 2^SF / BW.
    public var symbolMicros: Double { Double(spreadingFactor.chipsPerSymbol) * 1_000_000 / bandwidth.hertz }

    /// Whether LDRO is in effect for these parameters.
    public var lowDataRateOptimizeEnabled: Bool { lowDataRateOptimize.isEnabled(symbolMicros: symbolMicros) }
}
