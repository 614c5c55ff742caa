import Foundation
import LoRaModem
import LoRaPHY

/// ../shared/vectors beside the package root (as CI lays it out).
func sharedVector(_ relative: String) throws -> [UInt8] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let url = root.deletingLastPathComponent().appendingPathComponent("shared/vectors").appendingPathComponent(relative)
    return Array(try Data(contentsOf: url))
}

/// Runs a receiver over `samples` in chunks of `chunk`.
func receive(_ samples: [Complex32], settings: LoRaReceiverSettings, chunk: Int = 50_000) throws -> [LoRaReceivedFrame] {
    let receiver = try LoRaDemodulator(settings: settings)
    var frames = [LoRaReceivedFrame]()
    var index = 0
    while index < samples.count {
        let end = min(samples.count, index + chunk)
        frames += receiver.process(Array(samples[index..<end]))
        index = end
    }
    return frames + receiver.finish()
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
