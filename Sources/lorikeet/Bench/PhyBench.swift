import ArgumentParser
import Foundation
import LoRaModem
import LoRaPHY

/// `lorikeet bench phy`: the software receiver's sensitivity (packet error
/// rate against in-band SNR in AWGN with a carrier offset, per SF at 125 kHz,
/// against the SX1276 datasheet's demodulator limits) and its speed (real-time
/// factor decoding a 500 kS/s recording on one core); and the wideband
/// receiver's (PhyWideBench.swift).
struct PhyBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "phy", abstract: "LoRa PHY sensitivity and decoding speed.")

    @Option(help: "Frames per SNR point for SF7-SF10 (SF11 and SF12 use half).")
    var frames = 150

    @Flag(help: "Only the speed figures.")
    var speedOnly = false

    @Option(help: "Only this spreading factor's sensitivity (7 to 12).")
    var sf: Int?

    @Flag(help: "Only the wideband figures (speed, channelizers, sensitivity inside the stream).")
    var wideOnly = false

    @Option(help: "Frames per SNR point of the wideband sensitivity for SF7-SF10 (SF11 and SF12 use a third).")
    var wideFrames = 40

    /// SX1276 datasheet, Table 13 "Range of spreading factors": demodulator SNR limits.
    static let datasheetLimits: [Int: Double] = [7: -7.5, 8: -10, 9: -12.5, 10: -15, 11: -17.5, 12: -20]

    func run() throws {
        if !wideOnly {
            if !speedOnly { try sensitivity() }
            try speed()
        }
        try wide()
        if !speedOnly { try wideSensitivity() }
    }

    // MARK: sensitivity

    func sensitivity() throws {
        let payload = Array("lorikeet-phy-bench!!".utf8)  // 20 bytes, CR 4/5, CRC on, explicit header
        print("phy sensitivity: \(payload.count)-byte payload, CR 4/5, CRC on, BW 125 kHz, 250 kS/s, AWGN, CFO uniform ±10 kHz, random fractional timing, soft decoding")
        for sf in 7...12 where self.sf == nil || self.sf == sf {
            let limit = PhyBench.datasheetLimits[sf]!
            let parameters = LoRaParameters(spreadingFactor: SpreadingFactor(rawValue: sf)!, bandwidth: .khz125, codingRate: .cr4_5)
            let count = sf >= 11 ? max(10, frames / 2) : frames
            var points = [(snr: Double, per: Double)]()
            var snr = limit + 2
            var used = 0
            let start = DispatchTime.now().uptimeNanoseconds
            while snr >= limit - 5 {
                var errors = 0
                for trial in 0..<count {
                    let ok = try PhyBench.trial(payload: payload, parameters: parameters, snrDB: snr, seed: UInt64(sf * 1_000_003 + trial * 7919) &+ UInt64(bitPattern: Int64((snr * 100).rounded())))
                    if !ok { errors += 1 }
                }
                used += count
                let per = Double(errors) / Double(count)
                points.append((snr, per))
                if per >= 0.6 { break }
                snr -= 1
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let curve = points.map { "\(String(format: "%.1f", $0.snr)) dB: \(String(format: "%.0f", $0.per * 100))%" }.joined(separator: ", ")
            let threshold = PhyBench.crossing(points, target: 0.1)
            let summary: String
            if let threshold {
                summary = "SNR at 10% PER \(String(format: "%.1f", threshold)) dB vs datasheet \(String(format: "%.1f", limit)) dB (\(String(format: "%+.1f", threshold - limit)) dB)"
            } else {
                summary = "10% PER not crossed in the swept range"
            }
            print("  SF\(sf): \(summary); PER \(curve); \(used) frames (\(count) per point), \(String(format: "%.1f", seconds)) s")
        }
    }

    /// One frame through the channel; true when it was received intact.
    static func trial(payload: [UInt8], parameters: LoRaParameters, snrDB: Double, seed: UInt64) throws -> Bool {
        let oversampling = 2
        var noise = GaussianNoise(seed: seed)
        let cfoHz = (noise.uniform() * 2 - 1) * 10_000
        let delay = noise.uniform() * 64 * Double(oversampling)
        let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: payload)
        var samples = LoRaModulator(spreadingFactor: parameters.spreadingFactor.rawValue, oversampling: oversampling)
            .modulate(symbols: symbols, delaySamples: delay)
        samples += [Complex32](repeating: .zero, count: (1 << parameters.spreadingFactor.rawValue) * oversampling)
        let rate = 125_000.0 * Double(oversampling)
        let step = 2 * Double.pi * cfoHz / rate
        let noisePower = pow(10, -snrDB / 10) * Double(oversampling)
        for index in samples.indices {
            let angle = step * Double(index)
            samples[index] = samples[index] * Complex32(Float(cos(angle)), Float(sin(angle))) + noise.sample(power: noisePower)
        }
        let receiver = try LoRaDemodulator(settings: LoRaReceiverSettings(parameters: parameters, sampleRate: rate))
        let frames = receiver.process(samples) + receiver.finish()
        return frames.contains { $0.result.crc == .ok && $0.result.payload == payload }
    }

    /// SNR where PER crosses `target`, interpolating between swept points (high SNR first).
    static func crossing(_ points: [(snr: Double, per: Double)], target: Double) -> Double? {
        for index in 1..<max(1, points.count) where points[index - 1].per <= target && points[index].per >= target {
            let (a, b) = (points[index - 1], points[index])
            if b.per == a.per { return a.snr }
            return a.snr + (b.snr - a.snr) * (target - a.per) / (b.per - a.per)
        }
        return nil
    }

    // MARK: speed

    /// CPU time of this thread: the machine is shared, so wall-clock time
    /// would count other processes' time slices as ours.
    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    func speed() throws {
        let rate = 500_000.0
        print("phy speed: decoding a 500 kS/s recording (BW 125 kHz, frames of 20 bytes at 0 dB SNR separated by noise), one core (CPU time of the decoding thread)")
        var load = 0.0
        for sf in 7...12 {
            let parameters = LoRaParameters(spreadingFactor: SpreadingFactor(rawValue: sf)!, bandwidth: .khz125, codingRate: .cr4_5)
            let payload = Array("lorikeet-phy-bench!!".utf8)
            let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: payload)
            let frame = LoRaModulator(spreadingFactor: sf, oversampling: 4).modulate(symbols: symbols)
            let seconds = sf >= 11 ? 8.0 : 4.0
            var samples = [Complex32]()
            samples.reserveCapacity(Int(seconds * rate))
            var sent = 0
            while samples.count + frame.count + 20_000 < Int(seconds * rate) {
                samples += [Complex32](repeating: .zero, count: 20_000)
                samples += frame
                sent += 1
            }
            samples += [Complex32](repeating: .zero, count: Int(seconds * rate) - samples.count)
            var noise = GaussianNoise(seed: UInt64(sf))
            noise.add(to: &samples, power: 4)  // in-band SNR 0 dB at 4 samples per chip
            let receiver = try LoRaDemodulator(settings: LoRaReceiverSettings(parameters: parameters, sampleRate: rate))
            let start = PhyBench.threadCPUSeconds()
            var decoded = 0
            var index = 0
            while index < samples.count {
                let end = min(samples.count, index + 65_536)
                decoded += receiver.process(Array(samples[index..<end])).filter { $0.result.crc == .ok }.count
                index = end
            }
            decoded += receiver.finish().filter { $0.result.crc == .ok }.count
            let elapsed = PhyBench.threadCPUSeconds() - start
            let factor = seconds / elapsed
            load += 1 / factor
            print("  SF\(sf): \(String(format: "%.0f", factor))× real time (\(String(format: "%.1f", seconds)) s of signal in \(String(format: "%.3f", elapsed)) s of CPU, \(decoded)/\(sent) frames decoded)")
        }
        let verdict = load < 1 ? "yes" : "no"
        print("  SF7-SF12 together on one channel: \(String(format: "%.1f", load * 100))% of one core -> real time: \(verdict) (\(String(format: "%.0f", 1 / load))× real time)")
    }
}
