import Foundation
import LoRaModem
import LoRaPHY
import Testing

/// The wideband receiver on synthetic recordings made by the tests' mixer:
/// 2 MS/s centred on 867.8 MHz, EU868 channels 0-7.
@Suite struct WidebandTests {
    static let centreHz: Int64 = 867_800_000
    static let rate = 2_000_000.0
    /// EU868 channels 0-7 (RP002 defaults 0-2 and the common CFList 3-7).
    static let eu868: [WidebandChannel] = [Int64(868_100_000), 868_300_000, 868_500_000, 867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000]
        .enumerated().map { WidebandChannel(index: $0.offset, frequencyHz: $0.element) }

    static func settings(_ sfs: [SpreadingFactor]) -> WidebandSettings {
        WidebandSettings(sampleRateHz: Int(rate), centreHz: centreHz, channels: eu868, spreadingFactors: sfs)
    }

    static func offset(channel: Int, cfoHz: Double) -> Double { Double(eu868[channel].frequencyHz - centreHz) + cfoHz }

    static func receive(_ samples: [Complex32], settings: WidebandSettings, chunk: Int = 100_000) throws -> [WidebandFrame] {
        let receiver = try WidebandReceiver(settings: settings)
        return inChunks(samples, chunk: chunk, receiver.process) + receiver.finish()
    }

    @Test func framesOnAllEightChannelsAtMixedSFsOverlappingInTimeAreAllDecoded() throws {
        // Nine frames in 0.3 s, all on air together around 0.1 s; channel 0
        // carries two at once (SF7 and SF9). In-band SNR about 5 dB, carrier
        // errors up to ±15 kHz (±17 ppm at 868 MHz).
        let plan: [(channel: Int, sf: SpreadingFactor, cfoHz: Double, start: Double, cr: CodingRate)] = [
            (0, .sf7, 12_000, 0.060, .cr4_5), (0, .sf9, -3_000, 0.010, .cr4_8), (1, .sf8, -15_000, 0.030, .cr4_6),
            (2, .sf9, 7_000, 0.005, .cr4_5), (3, .sf7, -8_000, 0.080, .cr4_7), (4, .sf8, 2_500, 0.040, .cr4_5),
            (5, .sf9, -11_000, 0.020, .cr4_5), (6, .sf7, 14_000, 0.100, .cr4_6), (7, .sf8, -500, 0.050, .cr4_5),
        ]
        var placed = [PlacedFrame]()
        for (number, entry) in plan.enumerated() {
            placed.append(PlacedFrame(
                payload: Array("frame \(number) ch\(entry.channel)".utf8), spreadingFactor: entry.sf, codingRate: entry.cr,
                offsetHz: Self.offset(channel: entry.channel, cfoHz: entry.cfoHz), startSeconds: entry.start))
        }
        // Amplitude 0.1 → signal 0.01; noise 0.05 per sample is 0.05/16 in 125 kHz: 5 dB in-band SNR.
        let samples = try widebandRecording(placed, sampleRate: Self.rate, seconds: 0.3, noisePower: 0.05, seed: 13)
        let frames = try Self.receive(samples, settings: Self.settings([.sf7, .sf8, .sf9]))

        let got = Set(frames.map { "\($0.channel) SF\($0.spreadingFactor.rawValue) \(String(decoding: $0.frame.result.payload, as: UTF8.self)) \($0.frame.result.crc)" })
        let expected = Set(plan.enumerated().map { "\($0.element.channel) SF\($0.element.sf.rawValue) frame \($0.offset) ch\($0.element.channel) ok" })
        #expect(got == expected)
        #expect(frames.count == plan.count)
        for frame in frames {
            guard let number = placed.firstIndex(where: { $0.payload == frame.frame.result.payload }) else { continue }
            #expect(frame.frequencyHz == Self.eu868[frame.channel].frequencyHz)
            // Timestamps on the sample clock: the preamble's start within a few µs, the end from the airtime.
            let startMicros = placed[number].startSeconds * 1e6
            #expect(abs(Double(frame.startMicros) - startMicros) < 10, "\(frame.startMicros) vs \(startMicros)")
            let airtime = Airtime(
                payloadBytes: placed[number].payload.count,
                parameters: LoRaParameters(spreadingFactor: plan[number].sf, bandwidth: .khz125, codingRate: plan[number].cr))
            #expect(abs(Double(frame.endMicros) - startMicros - Double(airtime.totalMicros)) < 10, "end \(frame.endMicros)")
            #expect(frame.tmst == UInt32(truncatingIfNeeded: frame.endMicros))
            // Carrier error as sent (the channel's centre is exact on this grid), RSSI of −20 dBFS plus in-band noise.
            #expect(abs(frame.frame.cfoHz - plan[number].cfoHz) < 300, "cfo \(frame.frame.cfoHz)")
            // Channel 0 carries two frames at once: each is the other's interference there.
            guard frame.channel != 0 else { continue }
            let expectedRSSI = 10 * log10(0.01 + 0.05 / 16)
            #expect(abs(frame.rssiDB - expectedRSSI) < 1, "rssi \(frame.rssiDB) vs \(expectedRSSI)")
            #expect(frame.frame.snrDB > 2 && frame.frame.snrDB < 8, "snr \(frame.frame.snrDB)")
        }
    }

    @Test func onOneChannelAndSFTheStrongerFrameWinsByTheCaptureMargin() throws {
        let settings = Self.settings([.sf7])
        let weak = Array("weak one".utf8), strong = Array("the strong one".utf8)
        // The strong frame (10 dB above) starts while the weak one is on air, and the other way round.
        for strongFirst in [false, true] {
            let frames = [
                PlacedFrame(payload: weak, spreadingFactor: .sf7, offsetHz: Self.offset(channel: 4, cfoHz: 1_000),
                            startSeconds: strongFirst ? 0.02 : 0.005, amplitude: 0.05),
                PlacedFrame(payload: strong, spreadingFactor: .sf7, offsetHz: Self.offset(channel: 4, cfoHz: -2_000),
                            startSeconds: strongFirst ? 0.005 : 0.02, amplitude: 0.05 * 3.162),
            ]
            let samples = try widebandRecording(frames, sampleRate: Self.rate, seconds: 0.1, noisePower: 0.002, seed: 7)
            let received = try Self.receive(samples, settings: settings).filter { $0.frame.result.crc == .ok }
            #expect(received.map(\.frame.result.payload) == [strong], "strong first: \(strongFirst)")
            #expect(received.first?.channel == 4)
        }
    }

    @Test func channelsOutsideTheStreamsBandAreRefusedByName() throws {
        var settings = Self.settings([.sf7])
        settings.channels.append(WidebandChannel(index: 8, frequencyHz: 869_525_000))
        settings.channels.append(WidebandChannel(index: 9, frequencyHz: 866_900_000))
        #expect(throws: LoRaModemError(message:
            "channel(s) 8 (869.525 MHz), 9 (866.9 MHz) outside the usable band 867-868.6 MHz of a 2000000 Hz stream centred on 867.8 MHz"
        )) { _ = try WidebandReceiver(settings: settings) }
        // All eight fit a 2 MS/s stream centred between them, not a 1 MS/s one.
        #expect(throws: Never.self) { _ = try WidebandReceiver(settings: Self.settings([.sf7])) }
        var narrow = Self.settings([.sf7])
        narrow.sampleRateHz = 1_000_000
        #expect(throws: LoRaModemError.self) { _ = try WidebandReceiver(settings: narrow) }
    }

    @Test func badNumbersAreRefusedBeforeAnythingIsAllocated() throws {
        let cases: [(WidebandSettings, String)] = [
            (with { $0.sampleRateHz = 2_400_000 }, "sample rate 2400000 Hz is not a whole multiple of 250 kHz"),
            (with { $0.sampleRateHz = 0 }, "sample rate 0 Hz: expected 1 to 64000000 Hz"),
            (with { $0.sampleRateHz = Int.max }, "sample rate 9223372036854775807 Hz: expected 1 to 64000000 Hz"),
            (with { $0.centreHz = -5 }, "centre frequency -5 Hz"),
            (with { $0.channels = [] }, "no channel"),
            (with { $0.spreadingFactors = [.sf6] }, "SF6 needs an implicit header"),
            (with { $0.bandwidth = .khz62_5 }, "takes 125, 250 or 500 kHz channels"),
            (with { $0.channels = [WidebandChannel(index: 0, frequencyHz: Int64.min)] }, "channel 0: frequency"),
        ]
        for (settings, fragment) in cases {
            do {
                _ = try WidebandReceiver(settings: settings)
                Issue.record("accepted: \(fragment)")
            } catch {
                #expect(error.message.contains(fragment), "\(error.message)")
            }
        }
    }

    func with(_ change: (inout WidebandSettings) -> Void) -> WidebandSettings {
        var settings = Self.settings([.sf7])
        change(&settings)
        return settings
    }

    @Test func tmstWrapsAt32Bits() {
        #expect(WidebandFrame.tmst(micros: (1 << 32) + 5) == 5)
        #expect(WidebandFrame.tmst(micros: (1 << 32) - 1) == UInt32.max)
        #expect(WidebandFrame.tmst(micros: 1_000_000) == 1_000_000)
    }
}

/// The FFT filter bank alone.
@Suite struct FFTChannelizerTests {
    /// A tone 1 kHz above a channel's centre comes out of that channel as a
    /// 1 kHz tone of the same amplitude, continuous across blocks; a tone in
    /// the neighbouring channel is suppressed.
    @Test func passesItsChannelAndStopsTheNeighbours() {
        let rate = 2_000_000
        let channelizer = FFTChannelizer(sampleRateHz: rate, decimation: 8, offsetsHz: [300_000, 100_000, 0])
        var outputs = [[Complex32]](repeating: [], count: 3)
        let count = 40_000
        var input = [Complex32](repeating: .zero, count: count)
        for t in 0..<count { input[t] = Chirp.rotor(cycles: 301_000 * Double(t) / Double(rate)) * 0.5 }
        // Chunks that do not line up with the blocks.
        var index = 0
        while index < count {
            let end = min(count, index + 3_333)
            channelizer.process(Array(input[index..<end])) { outputs[$0] += $1 }
            index = end
        }
        channelizer.finish { outputs[$0] += $1 }
        #expect(outputs[0].count >= count / 8)
        // The channel's centre is on a bin (300 kHz = 1228.8 bins of 244 Hz: rounded); the residue is a carrier offset.
        let binHz = Double(rate) / Double(channelizer.blockSize)
        let residueHz = 300_000 - Double(channelizer.channelBins[0]) * binHz
        let delay = channelizer.delaySamples
        var worst: Float = 0
        for m in 200..<(count / 8 - 200) {
            let t = Double(m * 8 - delay)
            let expected = Chirp.rotor(cycles: (1_000 + residueHz) * t / Double(rate)) * 0.5
            let error = outputs[0][m] + expected * -1
            worst = max(worst, error.power.squareRoot())
        }
        #expect(worst < 0.005, "worst error \(worst)")
        // 200 kHz away (the next channel) the tone is far below: more than 60 dB.
        let leaked = outputs[1][200..<4000].map(\.power).reduce(0, +) / 3800
        #expect(10 * log10(Double(leaked) / 0.25) < -60, "leak \(10 * log10(Double(leaked) / 0.25)) dB")
        // 300 kHz away, nothing either; and the output counts match across channels.
        #expect(outputs[2][200..<4000].map(\.power).reduce(0, +) / 3800 < 0.25e-6)
        #expect(outputs[0].count == outputs[1].count)
    }
}
