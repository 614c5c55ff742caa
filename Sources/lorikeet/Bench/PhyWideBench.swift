import Foundation
import LoRaModem
import LoRaPHY

/// `lorikeet bench phy`, wideband part: real-time factor of 8 channels ×
/// SF7-12 from a 2 MS/s stream on one core, the channelizer's share, CPU per
/// added channel, channelizer designs compared, and sensitivity inside the
/// wideband stream against the single-channel receiver.
extension PhyBench {
    static let wideRate = 2_000_000
    static let wideCentre: Int64 = 867_800_000
    static let eu868: [WidebandChannel] = [Int64(868_100_000), 868_300_000, 868_500_000, 867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000]
        .enumerated().map { WidebandChannel(index: $0.offset, frequencyHz: $0.element) }

    /// Adds one frame at `offsetHz` from the centre, starting at sample `start`, to `samples`.
    static func place(
        _ payload: [UInt8], sf: Int, offsetHz: Double, start: Double, amplitude: Float, into samples: inout [Complex32]
    ) throws {
        let parameters = LoRaParameters(spreadingFactor: SpreadingFactor(rawValue: sf)!, bandwidth: .khz125, codingRate: .cr4_5)
        let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: payload)
        var modulator = LoRaModulator(spreadingFactor: sf, oversampling: wideRate / 125_000, syncWord: 0x34)
        modulator.amplitude = amplitude
        let first = Int(start.rounded(.down))
        let frame = modulator.modulate(symbols: symbols, delaySamples: start - Double(first))
        let step = offsetHz / Double(wideRate)
        var rotor = Chirp.rotor(cycles: step * Double(first))
        let advance = Chirp.rotor(cycles: step)
        for (k, value) in frame.enumerated() where first + k < samples.count {
            if k % 4096 == 0 { rotor = Chirp.rotor(cycles: step * Double(first + k)) }  // no drift
            samples[first + k] = samples[first + k] + value * rotor
            rotor = rotor * advance
        }
    }

    func wide() throws {
        let seconds = 6.0
        let payload = Array("lorikeet-phy-bench!!".utf8)
        print("phy wide speed: 2 MS/s centred on 867.8 MHz, EU868 channels 0-7 × SF7-SF12, frames of 20 bytes at 5 dB in-band SNR back to back on every channel (SFs rotating), \(Int(seconds)) s, one core (CPU time of the decoding thread)")
        var samples = [Complex32](repeating: .zero, count: Int(seconds) * PhyBench.wideRate)
        var sent = 0
        for (c, channel) in PhyBench.eu868.enumerated() {
            var start = Double(c) * 7_919
            var k = c
            while true {
                let sf = 7 + k % 6
                let parameters = LoRaParameters(spreadingFactor: SpreadingFactor(rawValue: sf)!, bandwidth: .khz125, codingRate: .cr4_5)
                let length = Airtime(payloadBytes: payload.count, parameters: parameters).totalMillis / 1000 * Double(PhyBench.wideRate)
                guard start + length < Double(samples.count) else { break }
                try PhyBench.place(
                    payload, sf: sf, offsetHz: Double(channel.frequencyHz - PhyBench.wideCentre) + Double(c * 1_000 - 4_000),
                    start: start, amplitude: 0.1, into: &samples)
                sent += 1
                start += length + 40_000
                k += 1
            }
        }
        var noise = GaussianNoise(seed: 99)
        noise.add(to: &samples, power: 0.01 / pow(10, 0.5) * 16)  // 5 dB in 125 kHz of 2 MHz

        func decode(channels: [WidebandChannel]) throws -> (cpu: Double, frames: Int) {
            let receiver = try WidebandReceiver(settings: WidebandSettings(
                sampleRateHz: PhyBench.wideRate, centreHz: PhyBench.wideCentre, channels: channels))
            let start = PhyBench.threadCPUSeconds()
            var frames = 0
            var index = 0
            while index < samples.count {
                let end = min(samples.count, index + 262_144)
                frames += receiver.process(Array(samples[index..<end])).filter { $0.frame.result.crc == .ok }.count
                index = end
            }
            frames += receiver.finish().filter { $0.frame.result.crc == .ok }.count
            return (PhyBench.threadCPUSeconds() - start, frames)
        }
        let all = try decode(channels: PhyBench.eu868)
        let one = try decode(channels: Array(PhyBench.eu868.prefix(1)))
        let four = try decode(channels: Array(PhyBench.eu868.prefix(4)))
        let bank = FFTChannelizer(
            sampleRateHz: PhyBench.wideRate, decimation: 8, offsetsHz: PhyBench.eu868.map { Int($0.frequencyHz - PhyBench.wideCentre) })
        let bankSeconds = PhyBench.channelizerCPU(samples) { chunk in bank.process(chunk) { _, _ in } }
        print("  8 channels × SF7-SF12: \(String(format: "%.1f", seconds / all.cpu))× real time (\(String(format: "%.1f", seconds)) s of signal in \(String(format: "%.2f", all.cpu)) s of CPU, \(all.frames)/\(sent) frames decoded) -> goal ≥ 3×: \(seconds / all.cpu >= 3 ? "met" : "not met")")
        print("  channelizer (FFT filter bank, 8 channels): \(String(format: "%.3f", bankSeconds)) s of CPU, \(String(format: "%.0f", 100 * bankSeconds / all.cpu))% of the total")
        print("  CPU per channel: 1 channel \(String(format: "%.2f", one.cpu)) s, 4 channels \(String(format: "%.2f", four.cpu)) s, 8 channels \(String(format: "%.2f", all.cpu)) s -> \(String(format: "%.1f", 100 * (all.cpu - one.cpu) / 7 / seconds))% of a core per added channel")
        try compareChannelizers(samples, seconds: seconds, bankSeconds: bankSeconds)
    }

    /// CPU seconds `body` takes over `samples` in 262 144-sample chunks.
    static func channelizerCPU(_ samples: [Complex32], _ body: ([Complex32]) -> Void) -> Double {
        let start = threadCPUSeconds()
        var index = 0
        while index < samples.count {
            let end = min(samples.count, index + 262_144)
            body(Array(samples[index..<end]))
            index = end
        }
        return threadCPUSeconds() - start
    }

    /// The FFT filter bank against per-channel mixing + FIR decimation, hand-written and liquid-dsp's.
    func compareChannelizers(_ samples: [Complex32], seconds: Double, bankSeconds: Double) throws {
        print("phy channelizers: 8 EU868 channels from 2 MS/s to 250 kS/s each, CPU per second of input (one core)")
        print("  FFT filter bank (overlap-save, FFTW; 513-tap Blackman prototype, flat to ±100 kHz, stop from ±125 kHz): \(String(format: "%.1f", 1000 * bankSeconds / seconds)) ms")
        let offsets = PhyBench.eu868.map { Double($0.frequencyHz - PhyBench.wideCentre) / Double(PhyBench.wideRate) }
        for halfTaps in [144, 40] {
            // Hann-windowed sinc, cutoff at the output's Nyquist (125 kHz); 288 taps ≈ the bank's transition.
            let filter = ChannelFilter(ratio: 8, halfTaps: halfTaps, cutoff: 0.5 / 8)
            let kernels = offsets.map { filter.kernel(fraction: 0, cyclesPerInput: $0) }
            var held = [Complex32]()
            var start = 0
            var output = [Complex32](repeating: .zero, count: 40_000)
            let cpu = PhyBench.channelizerCPU(samples) { chunk in
                held += chunk
                let count = (held.count - 2 * halfTaps) / 8
                guard count > 0 else { return }
                held.withUnsafeBufferPointer { input in
                    output.withUnsafeMutableBufferPointer { out in
                        for (c, kernel) in kernels.enumerated() {
                            filter.apply(kernel, input: input, inputStart: start, centre: start + halfTaps, count: count, output: out.baseAddress!)
                            // Back to baseband: the kernel leaves the channel's carrier on each output.
                            let step = offsets[c] * 8
                            var rotor = Chirp.rotor(cycles: -offsets[c] * Double(start + halfTaps))
                            let advance = Chirp.rotor(cycles: -step)
                            for m in 0..<count {
                                out[m] = out[m] * rotor
                                rotor = rotor * advance
                            }
                        }
                    }
                }
                held.removeFirst(count * 8)
                start += count * 8
            }
            print("  mixing + FIR decimation, hand-written (SIMD, \(2 * halfTaps)-tap Hann\(halfTaps == 144 ? ", the bank's transition" : ", a 3× wider transition")): \(String(format: "%.1f", 1000 * cpu / seconds)) ms")
        }
        guard let liquid = LiquidDSP() else {
            print("  liquid-dsp: libliquid.so.1 not found (apt-get install libliquid1), not measured")
            return
        }
        for m in [18, 5] {
            let cpu = liquid.mixingDecimatorCPU(samples, offsetsCycles: offsets, decimation: 8, semiLength: m)
            print("  mixing + FIR decimation, liquid-dsp 1.5 (nco_crcf + firdecim_crcf, \(2 * 8 * m + 1)-tap Kaiser, 60 dB): \(String(format: "%.1f", 1000 * cpu / seconds)) ms")
        }
        let pfb = liquid.polyphaseBankCPU(samples, channels: 16, semiLength: 4)
        print("  polyphase filter bank, liquid-dsp 1.5 (firpfbch2_crcf, 16 channels on a 125 kHz grid, 2× oversampled; cannot put EU868's channels on its grid at this centre): \(String(format: "%.1f", 1000 * pfb / seconds)) ms")
    }

    // MARK: sensitivity inside the wideband stream

    func wideSensitivity() throws {
        print("phy wide sensitivity: 20-byte payload, CR 4/5, channel 3 (867.1 MHz, 700 kHz from the centre) of a 2 MS/s stream vs the single-channel receiver at 250 kS/s, same frames (CFO uniform ±10 kHz, random timing), AWGN")
        let payload = Array("lorikeet-phy-bench!!".utf8)
        for sf in 7...12 where self.sf == nil || self.sf == sf {
            let limit = PhyBench.datasheetLimits[sf]!
            let count = sf >= 11 ? max(6, wideFrames / 3) : wideFrames
            var widePoints = [(snr: Double, per: Double)](), narrowPoints = [(snr: Double, per: Double)]()
            var snr = limit + 0.5
            while snr >= limit - 3.5 {
                var wideErrors = 0, narrowErrors = 0
                for trial in 0..<count {
                    let seed = UInt64(sf * 7_777 + trial * 131) &+ UInt64(bitPattern: Int64((snr * 100).rounded()))
                    if !(try PhyBench.wideTrial(payload: payload, sf: sf, snrDB: snr, seed: seed)) { wideErrors += 1 }
                    let parameters = LoRaParameters(spreadingFactor: SpreadingFactor(rawValue: sf)!, bandwidth: .khz125, codingRate: .cr4_5)
                    if !(try PhyBench.trial(payload: payload, parameters: parameters, snrDB: snr, seed: seed)) { narrowErrors += 1 }
                }
                widePoints.append((snr, Double(wideErrors) / Double(count)))
                narrowPoints.append((snr, Double(narrowErrors) / Double(count)))
                snr -= 1
            }
            let wide = PhyBench.crossing(widePoints, target: 0.1), narrow = PhyBench.crossing(narrowPoints, target: 0.1)
            let label = { (value: Double?) in value.map { String(format: "%.1f dB", $0) } ?? "not crossed" }
            var difference = ""
            if let wide, let narrow { difference = String(format: " (%+.1f dB)", wide - narrow) }
            let curve = zip(widePoints, narrowPoints).map { String(format: "%.1f dB: %.0f%%/%.0f%%", $0.0.snr, $0.0.per * 100, $0.1.per * 100) }
                .joined(separator: ", ")
            print("  SF\(sf): 10% PER at \(label(wide)) wideband vs \(label(narrow)) single-channel\(difference); PER wide/single \(curve); \(count) frames per point")
        }
    }

    /// One frame on channel 3 of a 2 MS/s stream; true when received intact on channel 3.
    static func wideTrial(payload: [UInt8], sf: Int, snrDB: Double, seed: UInt64) throws -> Bool {
        var noise = GaussianNoise(seed: seed)
        let cfoHz = (noise.uniform() * 2 - 1) * 10_000
        let delay = noise.uniform() * 64 * 16
        let parameters = LoRaParameters(spreadingFactor: SpreadingFactor(rawValue: sf)!, bandwidth: .khz125, codingRate: .cr4_5)
        let length = Airtime(payloadBytes: payload.count, parameters: parameters).totalMillis / 1000 * Double(wideRate)
        var samples = [Complex32](repeating: .zero, count: Int(length + delay) + (1 << sf) * 16 * 2)
        try place(payload, sf: sf, offsetHz: -700_000 + cfoHz, start: delay, amplitude: 1, into: &samples)
        noise.add(to: &samples, power: pow(10, -snrDB / 10) * 16)
        let receiver = try WidebandReceiver(settings: WidebandSettings(
            sampleRateHz: wideRate, centreHz: wideCentre, channels: [eu868[3]],
            spreadingFactors: [SpreadingFactor(rawValue: sf)!]))
        let frames = receiver.process(samples) + receiver.finish()
        return frames.contains { $0.frame.result.crc == .ok && $0.frame.result.payload == payload && $0.channel == 3 }
    }
}
