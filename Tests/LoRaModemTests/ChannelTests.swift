import Testing
import LoRaModem
import LoRaPHY

@Suite struct ChannelTests {
    @Test(arguments: [
        // (SF, CR, oversampling, CFO Hz, delay samples, SNR dB)
        (7, 1, 4, 3_300.0, 37.3, 0.0),
        (7, 4, 1, -20_150.0, 11.6, -3.0),
        (8, 2, 2, 9_870.0, 100.5, -5.0),
        (9, 3, 4, -4_100.0, 3.75, -8.0),
        (10, 1, 1, 1_234.0, 0.5, -10.0),
        (12, 2, 1, 700.0, 5.2, -15.0),
    ])
    func frameSurvivesNoiseCarrierAndTimingOffsets(
        sf: Int, cr: Int, oversampling: Int, cfoHz: Double, delay: Double, snr: Double
    ) throws {
        let parameters = LoRaParameters(
            spreadingFactor: SpreadingFactor(rawValue: sf)!, bandwidth: .khz125, codingRate: CodingRate(rawValue: cr)!)
        let payload = Array("lorikeet \(sf)".utf8)
        let samples = try channel(
            payload: payload, parameters: parameters, oversampling: oversampling, cfoHz: cfoHz, delaySamples: delay, snrDB: snr,
            seed: UInt64(sf * 10 + cr))
        let frames = try receive(
            samples, settings: LoRaReceiverSettings(parameters: parameters, sampleRate: 125_000 * Double(oversampling)))
        #expect(frames.count == 1)
        let frame = try #require(frames.first)
        #expect(frame.result.payload == payload)
        #expect(frame.result.crc == .ok)
        let binHz = 125_000 / Double(1 << sf)
        #expect(abs(frame.cfoHz - cfoHz) < 0.1 * binHz)
        #expect(abs(frame.snrDB - snr) < 1.5)
        let expectedOffset = delay / (125_000 * Double(oversampling))
        #expect(abs(frame.offsetSeconds - expectedOffset) < 2 / 125_000)
    }

    /// An SF11 preamble 47.55 bins off whose peaks alternate 2 bins apart
    /// (1346, 1348, …): found now, missed when a run needed peaks within 1 bin.
    /// Decoded with another sync word, so that finding it shows as a note of 0x34.
    @Test func preambleWhosePeaksFallTwoBinsApartIsFound() throws {
        let samples = try IQFormat.cu8.decode(try fixture("sf11_preamble_half_bin.cu8"))
        let parameters = LoRaParameters(spreadingFactor: .sf11, bandwidth: .khz125, codingRate: .cr4_5)
        let receiver = try LoRaDemodulator(settings: LoRaReceiverSettings(parameters: parameters, sampleRate: 250_000, syncWord: 0x12))
        #expect((receiver.process(samples) + receiver.finish()).isEmpty)
        #expect(receiver.otherSyncWords == [0x34])
    }

    @Test func severalFramesOfDifferentLengthsInOneRecording() throws {
        let parameters = LoRaParameters(spreadingFactor: .sf7, bandwidth: .khz125, codingRate: .cr4_6)
        let payloads = [Array("one".utf8), Array("a longer second frame".utf8), [UInt8](repeating: 0xA5, count: 40)]
        var samples = [Complex32](repeating: .zero, count: 3_000)
        for (index, payload) in payloads.enumerated() {
            samples += try channel(
                payload: payload, parameters: parameters, oversampling: 2, cfoHz: Double(index) * 2_000 - 1_500,
                delaySamples: Double(index) * 0.4, snrDB: nil, seed: 1, silenceAfter: 5_000 + index * 777)
        }
        var noise = GaussianNoise(seed: 99)
        noise.add(to: &samples, power: 0.2)
        let frames = try receive(samples, settings: LoRaReceiverSettings(parameters: parameters, sampleRate: 250_000), chunk: 4_096)
        #expect(frames.map(\.result.payload) == payloads)
        #expect(frames.allSatisfy { $0.result.crc == .ok })
        #expect(zip(frames, frames.dropFirst()).allSatisfy { $0.offsetSeconds < $1.offsetSeconds })
    }

    @Test func implicitHeaderAndLowDataRateOptimize() throws {
        let parameters = LoRaParameters(
            spreadingFactor: .sf8, bandwidth: .khz125, codingRate: .cr4_8, explicitHeader: false, crcOn: true, lowDataRateOptimize: .on)
        let payload: [UInt8] = [1, 2, 3, 4, 5]
        let samples = try channel(
            payload: payload, parameters: parameters, oversampling: 1, cfoHz: 500, delaySamples: 3.3, snrDB: 0, seed: 5)
        let frames = try receive(
            samples, settings: LoRaReceiverSettings(parameters: parameters, sampleRate: 125_000, implicitPayloadLength: 5))
        #expect(frames.count == 1)
        #expect(frames.first?.result.payload == payload)
        #expect(frames.first?.result.crc == .ok)
    }

    @Test func otherSyncWordIsIgnoredAndNoiseHasNoFrame() throws {
        let parameters = LoRaParameters(spreadingFactor: .sf7, bandwidth: .khz125)
        let samples = try channel(
            payload: [1, 2, 3], parameters: parameters, oversampling: 1, syncWord: 0x34, cfoHz: 0, delaySamples: 0, snrDB: 10, seed: 3)
        let settings = LoRaReceiverSettings(parameters: parameters, sampleRate: 125_000, syncWord: 0x12)
        #expect(try receive(samples, settings: settings).isEmpty)
        let public34 = LoRaReceiverSettings(parameters: parameters, sampleRate: 125_000, syncWord: 0x34)
        #expect(try receive(samples, settings: public34).count == 1)
        var noise = [Complex32](repeating: .zero, count: 200_000)
        var generator = GaussianNoise(seed: 8)
        generator.add(to: &noise, power: 1)
        #expect(try receive(noise, settings: settings).isEmpty)
    }

    @Test func hardDecisionDecodingAlsoWorks() throws {
        let parameters = LoRaParameters(spreadingFactor: .sf9, bandwidth: .khz125, codingRate: .cr4_7)
        let samples = try channel(
            payload: Array("hard".utf8), parameters: parameters, oversampling: 1, cfoHz: -900, delaySamples: 1.5, snrDB: 0, seed: 4)
        let frames = try receive(
            samples, settings: LoRaReceiverSettings(parameters: parameters, sampleRate: 125_000, softDecoding: false))
        #expect(frames.first?.result.payload == Array("hard".utf8))
    }

    @Test func sampleRateMustBeAMultipleOfTheBandwidth() {
        #expect(throws: LoRaModemError.self) {
            try LoRaDemodulator(settings: LoRaReceiverSettings(parameters: LoRaParameters(spreadingFactor: .sf7), sampleRate: 300_000))
        }
    }
}
