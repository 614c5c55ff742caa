/// Chirp symbols → complex baseband at `oversampling` samples per chip:
/// preamble of n up-chirps, two sync-word up-chirps (high and low nibble ×8:
/// 0x34 → bins 24 and 32, 0x12 → 8 and 16), 2.25 down-chirps, data chirps.
public struct LoRaModulator: Sendable {
    public let spreadingFactor: Int
    public let oversampling: Int
    public let syncWord: UInt8
    public let preambleSymbols: Int
    /// Peak amplitude of the samples.
    public var amplitude: Float = 1

    public init(spreadingFactor: Int, oversampling: Int, syncWord: UInt8 = 0x12, preambleSymbols: Int = 8) {
        self.spreadingFactor = spreadingFactor
        self.oversampling = max(1, oversampling)
        self.syncWord = syncWord
        self.preambleSymbols = preambleSymbols
    }

    /// Chirp start bins of the two sync-word chirps.
    public static func syncSymbols(_ syncWord: UInt8) -> (Int, Int) {
        (Int(syncWord >> 4) * 8, Int(syncWord & 0xF) * 8)
    }

    enum Segment {
        case up(Int)
        case down(quarter: Bool)
    }

    func segments(symbols: [Int]) -> [Segment] {
        var list = [Segment](repeating: .up(0), count: preambleSymbols)
        let (first, second) = LoRaModulator.syncSymbols(syncWord)
        list.append(.up(first))
        list.append(.up(second))
        list += [.down(quarter: false), .down(quarter: false), .down(quarter: true)]
        for symbol in symbols { list.append(.up(symbol)) }
        return list
    }

    /// Length of the frame in chips.
    public func frameChips(symbolCount: Int) -> Double {
        Double(1 << spreadingFactor) * (Double(preambleSymbols) + 4.25 + Double(symbolCount))
    }

    /// The frame's samples. `delaySamples` (≥ 0, may be fractional) shifts
    /// the waveform later in time, with zeros before it.
    public func modulate(symbols: [Int], delaySamples: Double = 0) -> [Complex32] {
        let n = 1 << spreadingFactor
        let os = Double(oversampling)
        let totalChips = frameChips(symbolCount: symbols.count)
        let count = Int((totalChips * os + delaySamples).rounded(.up))
        var out = [Complex32](repeating: .zero, count: count)
        var segmentStart = 0.0
        for segment in segments(symbols: symbols) {
            let length: Double
            switch segment {
            case .up: length = Double(n)
            case .down(let quarter): length = quarter ? Double(n) / 4 : Double(n)
            }
            // Samples whose time falls in [segmentStart, segmentStart + length).
            let firstSample = Int(((segmentStart * os) + delaySamples).rounded(.up))
            let endTime = (segmentStart + length) * os + delaySamples
            var index = max(0, firstSample)
            while Double(index) < endTime && index < count {
                let x = (Double(index) - delaySamples) / os - segmentStart
                let cycles: Double
                switch segment {
                case .up(let symbol): cycles = Chirp.upPhase(symbol: symbol & (n - 1), chips: n, at: x)
                case .down: cycles = Chirp.downPhase(chips: n, at: x)
                }
                out[index] = Chirp.rotor(cycles: cycles) * amplitude
                index += 1
            }
            segmentStart += length
        }
        return out
    }
}
