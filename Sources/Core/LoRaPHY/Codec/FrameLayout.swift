/// How a LoRa frame's nibbles are cut into interleaver blocks: the first block
/// always holds SF−2 codewords at CR 4/8 (8 symbols, reduced rate); the
/// following blocks hold SF codewords (SF−2 with LDRO) at the frame's coding
/// rate, 4+CR symbols each. The symbol count equals the datasheet formula's
/// payload symbols (§4.1.1.6).
public struct LoRaFrameLayout: Sendable, Equatable {
    public let spreadingFactor: Int
    public let codingRate: CodingRate
    public let explicitHeader: Bool
    public let crcOn: Bool
    public let lowDataRateOptimize: Bool

    public init(spreadingFactor: Int, codingRate: CodingRate, explicitHeader: Bool, crcOn: Bool, lowDataRateOptimize: Bool) {
        self.spreadingFactor = spreadingFactor
        self.codingRate = codingRate
        self.explicitHeader = explicitHeader
        self.crcOn = crcOn
        self.lowDataRateOptimize = lowDataRateOptimize
    }

    public init(parameters: LoRaParameters) {
        self.init(
            spreadingFactor: parameters.spreadingFactor.rawValue, codingRate: parameters.codingRate,
            explicitHeader: parameters.explicitHeader, crcOn: parameters.crcOn,
            lowDataRateOptimize: parameters.lowDataRateOptimizeEnabled)
    }

    /// Symbols of the first block (always CR 4/8).
    public static let firstBlockSymbols = 8

    /// Codewords (nibbles) in the first block.
    public var firstBlockNibbles: Int { spreadingFactor - 2 }

    /// Codewords (nibbles) in every later block.
    public var blockNibbles: Int { lowDataRateOptimize ? spreadingFactor - 2 : spreadingFactor }

    /// Nibbles carried: header, payload (two per byte), CRC.
    public func nibbleCount(payloadLength: Int) -> Int {
        (explicitHeader ? LoRaHeader.nibbleCount : 0) + 2 * payloadLength + (crcOn ? 4 : 0)
    }

    /// Blocks after the first one.
    public func laterBlocks(payloadLength: Int) -> Int {
        let rest = max(0, nibbleCount(payloadLength: payloadLength) - firstBlockNibbles)
        return (rest + blockNibbles - 1) / blockNibbles
    }

    /// Data symbols of the whole frame (header block included).
    public func symbolCount(payloadLength: Int) -> Int {
        LoRaFrameLayout.firstBlockSymbols + laterBlocks(payloadLength: payloadLength) * codingRate.codewordBits
    }
}
