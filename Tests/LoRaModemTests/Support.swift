import Foundation
import LoRaModem
import LoRaPHY

/// A recording in Tests/LoRaModemTests/Fixtures (copied from the shared
/// vectors, see Fixtures/PROVENANCE.md).
func fixture(_ name: String) throws -> [UInt8] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    return Array(try Data(contentsOf: folder.appendingPathComponent(name)))
}

/// Runs a receiver over `samples` in chunks of `chunk`.
func receive(_ samples: [Complex32], settings: LoRaReceiverSettings, chunk: Int = 50_000) throws -> [LoRaReceivedFrame] {
    let receiver = try LoRaDemodulator(settings: settings)
    return inChunks(samples, chunk: chunk, receiver.process) + receiver.finish()
}

/// `process` over `samples` in chunks of `chunk` (as a stream arrives), everything it returned.
func inChunks<Frame>(_ samples: [Complex32], chunk: Int, _ process: ([Complex32]) -> [Frame]) -> [Frame] {
    var frames = [Frame]()
    var index = 0
    while index < samples.count {
        let end = min(samples.count, index + chunk)
        frames += process(Array(samples[index..<end]))
        index = end
    }
    return frames
}

/// A frame at `oversampling`, delayed, with a carrier offset, in noise of in-band SNR `snrDB`.
func channel(
    payload: [UInt8], parameters: LoRaParameters, oversampling: Int, syncWord: UInt8 = 0x12, cfoHz: Double, delaySamples: Double,
    snrDB: Double?, seed: UInt64, silenceAfter: Int = 2000
) throws -> [Complex32] {
    let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: payload)
    var samples = LoRaModulator(spreadingFactor: parameters.spreadingFactor.rawValue, oversampling: oversampling, syncWord: syncWord)
        .modulate(symbols: symbols, delaySamples: delaySamples)
    samples += [Complex32](repeating: .zero, count: silenceAfter)
    let rate = parameters.bandwidth.hertz * Double(oversampling)
    for index in samples.indices {
        let angle = 2 * Double.pi * cfoHz * Double(index) / rate
        samples[index] = samples[index] * Complex32(Float(cos(angle)), Float(sin(angle)))
    }
    if let snrDB {
        var noise = GaussianNoise(seed: seed)
        // In-band noise power 10^(-SNR/10) means oversampling times that over the whole sampled band.
        noise.add(to: &samples, power: pow(10, -snrDB / 10) * Double(oversampling))
    }
    return samples
}

/// One frame to place in a synthetic wideband recording.
struct PlacedFrame {
    var payload: [UInt8]
    var spreadingFactor: SpreadingFactor
    var codingRate: CodingRate = .cr4_5
    /// Offset of the channel from the stream's centre, plus the transmitter's carrier error.
    var offsetHz: Double
    var startSeconds: Double
    /// Amplitude of the frame's samples (1 = full scale).
    var amplitude: Float = 0.1
    var syncWord: UInt8 = 0x34
}

/// The tests' mixer: frames modulated at the stream's rate, shifted to their
/// channels, added together, plus noise of `noisePower` per sample.
func widebandRecording(_ frames: [PlacedFrame], sampleRate: Double, seconds: Double, noisePower: Double, seed: UInt64) throws -> [Complex32] {
    var samples = [Complex32](repeating: .zero, count: Int(seconds * sampleRate))
    for placed in frames {
        let parameters = LoRaParameters(spreadingFactor: placed.spreadingFactor, bandwidth: .khz125, codingRate: placed.codingRate)
        let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: placed.payload)
        var modulator = LoRaModulator(
            spreadingFactor: placed.spreadingFactor.rawValue, oversampling: Int(sampleRate / 125_000), syncWord: placed.syncWord)
        modulator.amplitude = placed.amplitude
        let position = placed.startSeconds * sampleRate
        let first = Int(position.rounded(.down))
        let frame = modulator.modulate(symbols: symbols, delaySamples: position - Double(first))
        let step = placed.offsetHz / sampleRate
        for (k, value) in frame.enumerated() where first + k < samples.count {
            let t = first + k
            samples[t] = samples[t] + value * Chirp.rotor(cycles: step * Double(t))
        }
    }
    var noise = GaussianNoise(seed: seed)
    noise.add(to: &samples, power: noisePower)
    return samples
}
