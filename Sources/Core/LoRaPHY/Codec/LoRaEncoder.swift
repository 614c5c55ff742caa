/// Bytes → chirp symbols, as an SX127x transmitter does: whitening, header,
/// CRC, Hamming coding, diagonal interleaving, Gray mapping and the +1 shift.
public struct LoRaEncoder: Sendable {
    public let parameters: LoRaParameters

    public init(parameters: LoRaParameters) {
        self.parameters = parameters
    }

    /// Largest payload a LoRa frame carries.
    public static let maximumPayloadLength = 255

    /// The nibble stream before coding: header, whitened payload (low nibble
    /// first), CRC (not whitened).
    public func nibbles(payload: [UInt8]) throws(LoRaCodecError) -> [UInt8] {
        guard payload.count <= LoRaEncoder.maximumPayloadLength else {
            throw LoRaCodecError(message: "payload of \(payload.count) bytes: LoRa carries at most 255")
        }
        // The 5 header nibbles do not fit SF6's 4-nibble first block (SX1276 datasheet §4.1.1.2).
        guard !(parameters.explicitHeader && parameters.spreadingFactor == .sf6) else {
            throw LoRaCodecError(message: "SF6 works only with an implicit header")
        }
        var nibbles = [UInt8]()
        if parameters.explicitHeader {
            nibbles += LoRaHeader(payloadLength: payload.count, codingRate: parameters.codingRate, crcOn: parameters.crcOn).nibbles
        }
        for byte in LoRaWhitening.apply(payload) {
            nibbles.append(byte & 0xF)
            nibbles.append(byte >> 4)
        }
        if parameters.crcOn {
            nibbles += LoRaPayloadCRC.nibbles(LoRaPayloadCRC.compute(payload))
        }
        return nibbles
    }

    /// Chirp start bins (0..<2^SF, +1 shift included) of the frame's data part.
    public func symbols(payload: [UInt8]) throws(LoRaCodecError) -> [Int] {
        let layout = LoRaFrameLayout(parameters: parameters)
        let sf = parameters.spreadingFactor.rawValue
        let nibbles = try nibbles(payload: payload)
        var symbols = [Int]()
        symbols.reserveCapacity(layout.symbolCount(payloadLength: payload.count))
        var position = 0
        let blocks = 1 + layout.laterBlocks(payloadLength: payload.count)
        for block in 0..<blocks {
            let first = block == 0
            let rowBits = first ? layout.firstBlockNibbles : layout.blockNibbles
            let codewordBits = first ? 8 : parameters.codingRate.codewordBits
            var codewords = [UInt8]()
            for _ in 0..<rowBits {
                // Past the end the block is filled with zero codewords.
                codewords.append(position < nibbles.count ? LoRaHamming.encode(nibbles[position], codewordBits: codewordBits) : 0)
                position += 1
            }
            let reduced = rowBits != sf
            for row in LoRaInterleaver.interleave(codewords, codewordBits: codewordBits) {
                symbols.append(LoRaGray.symbol(row: row, spreadingFactor: sf, reducedRate: reduced))
            }
        }
        return symbols
    }
}
