import Testing
@testable import LoRaPHY

@Suite struct WhiteningAndCRCTests {
    @Test func whiteningSequenceStartsLikeTheLFSR() {
        #expect(LoRaWhitening.sequence(count: 10) == [0xFF, 0xFE, 0xFC, 0xF8, 0xF0, 0xE1, 0xC2, 0x85, 0x0B, 0x17])
        let data: [UInt8] = [1, 2, 3, 200, 0]
        #expect(LoRaWhitening.apply(LoRaWhitening.apply(data)) == data)
    }

    @Test func crcIsCCITTOverAllButTheLastTwoBytesXoredWithThem() {
        // CRC-16/XMODEM("123456789") = 0x31C3; appending two zero bytes leaves it unchanged.
        let digits = Array("123456789".utf8)
        #expect(LoRaPayloadCRC.compute(digits + [0, 0]) == 0x31C3)
        #expect(LoRaPayloadCRC.compute(digits + [0x12, 0x34]) == 0x31C3 ^ 0x1234)
        #expect(LoRaPayloadCRC.value(nibbles: LoRaPayloadCRC.nibbles(0xBEEF)) == 0xBEEF)
        #expect(LoRaPayloadCRC.nibbles(0xBEEF) == [0xF, 0xE, 0xE, 0xB])
    }
}

@Suite struct HeaderTests {
    @Test func headerRoundTripsAndChecksumCatchesEveryFlip() {
        for length in [0, 1, 10, 51, 255] {
            for rate in CodingRate.allCases {
                for crc in [false, true] {
                    let header = LoRaHeader(payloadLength: length, codingRate: rate, crcOn: crc)
                    let nibbles = header.nibbles
                    #expect(LoRaHeader(nibbles: nibbles) == header)
                    // Any single-bit change in the 17 used bits is caught.
                    for index in 0..<5 {
                        for bit in 0..<4 where !(index == 3 && bit > 0) {
                            var corrupted = nibbles
                            corrupted[index] ^= 1 << UInt8(bit)
                            #expect(LoRaHeader(nibbles: corrupted) == nil)
                        }
                    }
                }
            }
        }
    }

    @Test func knownHeaderNibbles() {
        // Length 10, CR 4/5, CRC on.
        #expect(LoRaHeader(payloadLength: 10, codingRate: .cr4_5, crcOn: true).nibbles.prefix(3) == [0, 10, 3])
    }
}

@Suite struct HammingTests {
    @Test func hammingCorrectsAndDetects() {
        for rate in CodingRate.allCases {
            let bits = rate.codewordBits
            for nibble in UInt8(0)..<16 {
                let word = LoRaHamming.encode(nibble, codewordBits: bits)
                #expect(LoRaHamming.decode(word, codewordBits: bits) == (nibble, .clean))
                for flip in 0..<bits {
                    let (decoded, outcome) = LoRaHamming.decode(word ^ (1 << UInt8(flip)), codewordBits: bits)
                    if bits >= 7 {
                        #expect(decoded == nibble && outcome == .corrected)
                    } else {
                        #expect(outcome == .uncorrectable)
                    }
                }
                // Soft decoding with one confidently wrong bit still finds the codeword at 4/7 and 4/8.
                var llrs = (0..<bits).map { (word >> UInt8(bits - 1 - $0)) & 1 == 1 ? Float(1) : Float(-1) }
                llrs[2] = -llrs[2] * 0.5
                if bits >= 7 { #expect(LoRaHamming.decode(softBits: llrs, codewordBits: bits) == nibble) }
            }
        }
        // Two errors at 4/8 are detected, not miscorrected.
        let word = LoRaHamming.encode(0x5, codewordBits: 8)
        #expect(LoRaHamming.decode(word ^ 0b1000_0001, codewordBits: 8).outcome == .uncorrectable)
    }
}

@Suite struct InterleaverAndGrayTests {
    @Test func interleaverRoundTrips() {
        for rowBits in 4...12 {
            for codewordBits in 5...8 {
                let codewords = (0..<rowBits).map { UInt8(truncatingIfNeeded: ($0 * 37 + 11) & ((1 << codewordBits) - 1)) }
                let rows = LoRaInterleaver.interleave(codewords, codewordBits: codewordBits)
                #expect(rows.count == codewordBits)
                #expect(LoRaInterleaver.deinterleave(rows, rowBits: rowBits) == codewords)
            }
        }
    }

    @Test func grayMappingAndReducedRate() {
        for sf in 6...12 {
            for row in 0..<(1 << sf) {
                let symbol = LoRaGray.symbol(row: row, spreadingFactor: sf, reducedRate: false)
                #expect(LoRaGray.row(symbol: symbol, spreadingFactor: sf, reducedRate: false) == row)
            }
            for row in 0..<(1 << (sf - 2)) {
                let symbol = LoRaGray.symbol(row: row, spreadingFactor: sf, reducedRate: true)
                #expect(symbol % 4 == 1)
                // A one-bin error does not change a reduced-rate row.
                for error in [-1, 0, 1] {
                    let received = (symbol + error) & ((1 << sf) - 1)
                    #expect(LoRaGray.row(symbol: received, spreadingFactor: sf, reducedRate: true) == row)
                }
            }
        }
    }
}

@Suite struct CodecRoundTripTests {
    static func payload(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 73 &+ seed &* 29 &+ 5) }
    }

    @Test func everyCombinationRoundTrips() throws {
        for sf in SpreadingFactor.allCases {
            for rate in CodingRate.allCases {
                for explicit in [true, false] where !(explicit && sf == .sf6) {
                    for crc in [true, false] {
                        for ldro in [LowDataRateOptimize.on, .off] {
                            let parameters = LoRaParameters(
                                spreadingFactor: sf, codingRate: rate, explicitHeader: explicit, crcOn: crc, lowDataRateOptimize: ldro)
                            for length in [0, 1, 3, 14] {
                                let data = Self.payload(length, seed: sf.rawValue + rate.rawValue)
                                let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: data)
                                let airtime = Airtime(payloadBytes: length, parameters: parameters)
                                #expect(symbols.count == airtime.payloadSymbols)
                                #expect(symbols.allSatisfy { $0 >= 0 && $0 < sf.chipsPerSymbol })
                                let decoder = LoRaDecoder(parameters: parameters, implicitPayloadLength: length)
                                let result = try decoder.decode(symbols: symbols)
                                #expect(result.headerValid)
                                #expect(result.payload == data)
                                #expect(result.crc == (crc ? .ok : .none))
                                #expect(result.symbolCount == symbols.count)
                                #expect(result.header == LoRaHeader(payloadLength: length, codingRate: rate, crcOn: crc))
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func softDecodingFromIdealSpectra() throws {
        let parameters = LoRaParameters(spreadingFactor: .sf8, codingRate: .cr4_6)
        let data = Array("soft".utf8)
        let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: data)
        let spectra = symbols.map { symbol in (0..<256).map { $0 == symbol ? Float(10) : Float(1) } }
        let result = try LoRaDecoder(parameters: parameters).decode(magnitudes: spectra)
        #expect(result.payload == data && result.crc == .ok)
        #expect(LoRaDecoder(parameters: parameters).header(firstBlockMagnitudes: spectra)?.payloadLength == 4)
    }

    @Test func hardErrorsAreCorrectedOrReported() throws {
        let parameters = LoRaParameters(spreadingFactor: .sf9, codingRate: .cr4_8)
        let data = Array("correct me".utf8)
        var symbols = try LoRaEncoder(parameters: parameters).symbols(payload: data)
        // One wrong symbol in a 4/8 block damages one bit of each codeword: corrected.
        symbols[10] ^= 0x55
        let fixed = try LoRaDecoder(parameters: parameters).decode(symbols: symbols)
        #expect(fixed.payload == data && fixed.crc == .ok && fixed.correctedCodewords > 0)

        // At 4/5 the same damage is detected by the CRC.
        let weak = LoRaParameters(spreadingFactor: .sf9, codingRate: .cr4_5)
        var weakSymbols = try LoRaEncoder(parameters: weak).symbols(payload: data)
        weakSymbols[10] ^= 0x55
        let broken = try LoRaDecoder(parameters: weak).decode(symbols: weakSymbols)
        #expect(broken.crc == .bad && broken.uncorrectableCodewords > 0)
    }

    @Test func corruptedHeaderIsReported() throws {
        let parameters = LoRaParameters(spreadingFactor: .sf7, codingRate: .cr4_5)
        var symbols = try LoRaEncoder(parameters: parameters).symbols(payload: [1, 2, 3])
        // Two header symbols wrong (a data and a parity column): two bit errors
        // in several codewords, beyond what 4/8 corrects; the checksum fails.
        symbols[0] = (symbols[0] + 64) % 128
        symbols[4] = (symbols[4] + 64) % 128
        let result = try LoRaDecoder(parameters: parameters).decode(symbols: symbols)
        #expect(!result.headerValid && result.header == nil && result.payload.isEmpty)
    }

    @Test func truncatedAndOversizedInputsAreErrors() throws {
        let parameters = LoRaParameters(spreadingFactor: .sf7)
        #expect(throws: LoRaCodecError.self) { try LoRaEncoder(parameters: LoRaParameters(spreadingFactor: .sf6)).symbols(payload: [1]) }
        #expect(throws: LoRaCodecError.self) { try LoRaEncoder(parameters: parameters).symbols(payload: [UInt8](repeating: 0, count: 256)) }
        #expect(throws: LoRaCodecError.self) { try LoRaDecoder(parameters: parameters).decode(symbols: [1, 2, 3]) }
        let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(throws: LoRaCodecError.self) { try LoRaDecoder(parameters: parameters).decode(symbols: Array(symbols.prefix(12))) }
    }
}
