/// Payload CRC outcome of a decoded frame.
public enum LoRaCRCStatus: String, Sendable, Equatable {
    case ok, bad, none
}

/// What the decoder recovered from a frame's symbols.
public struct LoRaDecodeResult: Sendable, Equatable {
    /// The header in effect: received (explicit mode, when its checksum
    /// matched) or given (implicit mode). Nil when the explicit header was bad.
    public var header: LoRaHeader?
    /// False when an explicit header failed its checksum (nothing else decoded).
    public var headerValid: Bool
    public var payload: [UInt8]
    public var crc: LoRaCRCStatus
    /// Codewords a hard decision repaired / found inconsistent (0 for soft decoding).
    public var correctedCodewords: Int
    public var uncorrectableCodewords: Int
    /// Data symbols the frame occupies (0 when the header was bad).
    public var symbolCount: Int
}

/// Chirp symbols → payload, as an SX127x receiver does, plus soft decoding:
/// given each symbol's FFT magnitudes it takes max-log bit metrics through the
/// Gray map and de-interleaver and decodes each codeword by maximum likelihood.
public struct LoRaDecoder: Sendable {
    public let parameters: LoRaParameters
    /// Payload length in implicit-header mode (ignored with an explicit header).
    public let implicitPayloadLength: Int

    public init(parameters: LoRaParameters, implicitPayloadLength: Int = 0) {
        self.parameters = parameters
        self.implicitPayloadLength = implicitPayloadLength
    }

    /// Hard symbols (chirp start bins) or, per symbol, 2^SF FFT magnitudes.
    enum Evidence {
        case hard([Int])
        case soft([[Float]])

        var count: Int {
            switch self {
            case .hard(let symbols): return symbols.count
            case .soft(let spectra): return spectra.count
            }
        }
    }

    // MARK: header

    /// The explicit header from the first 8 hard symbols; nil when its checksum fails.
    public func header(firstBlock symbols: [Int]) -> LoRaHeader? {
        guard symbols.count >= LoRaFrameLayout.firstBlockSymbols else { return nil }
        return LoRaHeader(nibbles: decodeBlock(.hard(symbols), start: 0, first: true).nibbles)
    }

    /// The explicit header from the first 8 symbols' magnitudes.
    public func header(firstBlockMagnitudes spectra: [[Float]]) -> LoRaHeader? {
        guard spectra.count >= LoRaFrameLayout.firstBlockSymbols else { return nil }
        return LoRaHeader(nibbles: decodeBlock(.soft(spectra), start: 0, first: true).nibbles)
    }

    /// The header that implicit mode assumes.
    public var implicitHeader: LoRaHeader {
        LoRaHeader(payloadLength: implicitPayloadLength, codingRate: parameters.codingRate, crcOn: parameters.crcOn)
    }

    /// Data symbols of a frame with `header` (header block included).
    public func symbolCount(header: LoRaHeader) -> Int {
        layout(header).symbolCount(payloadLength: header.payloadLength)
    }

    // MARK: frame

    public func decode(symbols: [Int]) throws(LoRaCodecError) -> LoRaDecodeResult {
        try decode(.hard(symbols))
    }

    public func decode(magnitudes: [[Float]]) throws(LoRaCodecError) -> LoRaDecodeResult {
        try decode(.soft(magnitudes))
    }

    func decode(_ evidence: Evidence) throws(LoRaCodecError) -> LoRaDecodeResult {
        guard evidence.count >= LoRaFrameLayout.firstBlockSymbols else {
            throw LoRaCodecError(message: "\(evidence.count) symbols: a frame has at least 8")
        }
        let first = decodeBlock(evidence, start: 0, first: true)
        var nibbles = first.nibbles
        var corrected = first.corrected
        var uncorrectable = first.uncorrectable
        let header: LoRaHeader
        if parameters.explicitHeader {
            guard let received = LoRaHeader(nibbles: nibbles) else {
                return LoRaDecodeResult(
                    header: nil, headerValid: false, payload: [], crc: .none, correctedCodewords: corrected,
                    uncorrectableCodewords: uncorrectable, symbolCount: 0)
            }
            header = received
            nibbles.removeFirst(LoRaHeader.nibbleCount)
        } else {
            header = implicitHeader
        }
        let frameLayout = layout(header)
        let needed = frameLayout.symbolCount(payloadLength: header.payloadLength)
        guard evidence.count >= needed else {
            throw LoRaCodecError(message: "\(evidence.count) symbols: the frame needs \(needed)")
        }
        var start = LoRaFrameLayout.firstBlockSymbols
        while start < needed {
            let block = decodeBlock(evidence, start: start, first: false, codingRate: header.codingRate)
            nibbles += block.nibbles
            corrected += block.corrected
            uncorrectable += block.uncorrectable
            start += header.codingRate.codewordBits
        }
        var whitened = [UInt8]()
        whitened.reserveCapacity(header.payloadLength)
        for index in 0..<header.payloadLength {
            whitened.append(nibbles[2 * index] | nibbles[2 * index + 1] << 4)
        }
        let payload = LoRaWhitening.apply(whitened)
        var crc = LoRaCRCStatus.none
        if header.crcOn {
            let received = LoRaPayloadCRC.value(nibbles: Array(nibbles[(2 * header.payloadLength)...]))
            crc = received == LoRaPayloadCRC.compute(payload) ? .ok : .bad
        }
        return LoRaDecodeResult(
            header: header, headerValid: true, payload: payload, crc: crc, correctedCodewords: corrected,
            uncorrectableCodewords: uncorrectable, symbolCount: needed)
    }

    // MARK: blocks

    func layout(_ header: LoRaHeader) -> LoRaFrameLayout {
        LoRaFrameLayout(
            spreadingFactor: parameters.spreadingFactor.rawValue, codingRate: header.codingRate,
            explicitHeader: parameters.explicitHeader, crcOn: header.crcOn,
            lowDataRateOptimize: parameters.lowDataRateOptimizeEnabled)
    }

    func decodeBlock(
        _ evidence: Evidence, start: Int, first: Bool, codingRate: CodingRate = .cr4_8
    ) -> (nibbles: [UInt8], corrected: Int, uncorrectable: Int) {
        let sf = parameters.spreadingFactor.rawValue
        let rowBits = first || parameters.lowDataRateOptimizeEnabled ? sf - 2 : sf
        let codewordBits = first ? 8 : codingRate.codewordBits
        let reduced = rowBits != sf
        var nibbles = [UInt8]()
        var corrected = 0
        var uncorrectable = 0
        switch evidence {
        case .hard(let symbols):
            var rows = [Int]()
            for index in start..<(start + codewordBits) {
                rows.append(LoRaGray.row(symbol: symbols[index], spreadingFactor: sf, reducedRate: reduced))
            }
            for codeword in LoRaInterleaver.deinterleave(rows, rowBits: rowBits) {
                let (nibble, outcome) = LoRaHamming.decode(codeword, codewordBits: codewordBits)
                nibbles.append(nibble)
                if outcome == .corrected { corrected += 1 }
                if outcome == .uncorrectable { uncorrectable += 1 }
            }
        case .soft(let spectra):
            var rows = [[Float]]()
            for index in start..<(start + codewordBits) {
                rows.append(LoRaSoftBits.rowLLRs(magnitudes: spectra[index], spreadingFactor: sf, reducedRate: reduced))
            }
            for llrs in LoRaInterleaver.deinterleave(soft: rows, rowBits: rowBits) {
                nibbles.append(LoRaHamming.decode(softBits: llrs, codewordBits: codewordBits))
            }
        }
        return (nibbles, corrected, uncorrectable)
    }
}
