import CFFTW
import LoRaPHY

/// One frame received by the wideband receiver, with what a packet
/// forwarder's `rxpk` needs: channel, frequency, data rate, RSSI, SNR and a
/// timestamp on the sample clock.
public struct WidebandFrame: Sendable {
    /// The channel's number (`WidebandChannel.index`) and centre frequency.
    public var channel: Int
    public var frequencyHz: Int64
    public var spreadingFactor: SpreadingFactor
    public var bandwidth: Bandwidth
    /// Payload, header, CRC, SNR, carrier offset (the channel's own times in
    /// `frame.offsetSeconds`/`endSeconds` are before the filter delay is removed).
    public var frame: LoRaReceivedFrame
    /// Channel power plus the settings' calibration offset.
    public var rssiDB: Double
    /// Microseconds from the stream's first sample to the start of the
    /// preamble and to the end of the frame, on the sample clock.
    public var startMicros: UInt64
    public var endMicros: UInt64

    /// The packet forwarder's 32-bit `tmst`: the end of the frame (as the
    /// SX1301's "RX finished" event, so that tmst + 1 s is RX1), wrapping
    /// every 2^32 µs (71.6 minutes) as the concentrator's counter does.
    public var tmst: UInt32 { WidebandFrame.tmst(micros: endMicros) }

    public static func tmst(micros: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: micros) }
}

/// Every channel of a wideband stream at every SF at once: an FFT filter
/// bank splits the stream into channels at 2 samples per chip, and each
/// channel feeds one `LoRaDemodulator` per SF. Frames on different
/// channels, or on different SFs of one channel, are independent, so
/// overlapping ones are all decoded; two on the same channel and SF collide:
/// the demodulator locks onto the first preamble, and when that frame fails
/// its CRC it scans the frame again, so the stronger of the two is received
/// when it is stronger by the capture margin: about 4 dB (docs/phy.md has the
/// measurement; the tests use 10 dB, in both orders).
///
/// Memory is bounded whatever the stream's length: the filter bank holds one
/// block (1024 × decimation samples), each demodulator the frame it decodes.
/// Use from one thread at a time (see `FFTPlan` for several receivers on
/// several threads).
public final class WidebandReceiver {
    public let settings: WidebandSettings
    public let decimation: Int
    let channelizer: FFTChannelizer
    /// demodulators[channel][sf]
    let demodulators: [[LoRaDemodulator]]
    public private(set) var samplesRead: UInt64 = 0

    public init(settings: WidebandSettings) throws(LoRaModemError) {
        self.settings = settings
        decimation = try settings.validated()
        channelizer = FFTChannelizer(
            sampleRateHz: settings.sampleRateHz, decimation: decimation,
            offsetsHz: settings.offsetsHz)
        var all = [[LoRaDemodulator]]()
        for _ in settings.channels {
            var row = [LoRaDemodulator]()
            for sf in settings.spreadingFactors {
                let parameters = LoRaParameters(spreadingFactor: sf, bandwidth: settings.bandwidth, codingRate: .cr4_5)
                row.append(try LoRaDemodulator(settings: LoRaReceiverSettings(
                    parameters: parameters, sampleRate: Double(settings.channelRateHz), syncWord: settings.syncWord)))
            }
            all.append(row)
        }
        demodulators = all
    }

    /// Sync words of preambles on any channel that did not match the settings'.
    public var otherSyncWords: [UInt8] { demodulators.flatMap { $0.flatMap { $0.otherSyncWords } } }

    /// Appends samples (any count); returns the frames they complete, in order of their end.
    public func process(_ samples: [Complex32]) -> [WidebandFrame] {
        samplesRead += UInt64(samples.count)
        var frames = [WidebandFrame]()
        channelizer.process(samples) { channel, output in
            for demodulator in demodulators[channel] {
                for frame in demodulator.process(output) { frames.append(wideband(frame, channel: channel, demodulator)) }
            }
        }
        return ordered(frames)
    }

    /// End of the stream: decodes what the held input still holds.
    public func finish() -> [WidebandFrame] {
        var frames = [WidebandFrame]()
        channelizer.finish { channel, output in
            for demodulator in demodulators[channel] {
                for frame in demodulator.process(output) { frames.append(wideband(frame, channel: channel, demodulator)) }
            }
        }
        for (channel, row) in demodulators.enumerated() {
            for demodulator in row {
                for frame in demodulator.finish() { frames.append(wideband(frame, channel: channel, demodulator)) }
            }
        }
        return ordered(frames)
    }

    func ordered(_ frames: [WidebandFrame]) -> [WidebandFrame] {
        frames.sorted { ($0.endMicros, $0.channel) < ($1.endMicros, $1.channel) }
    }

    func wideband(_ frame: LoRaReceivedFrame, channel: Int, _ demodulator: LoRaDemodulator) -> WidebandFrame {
        let delaySeconds = Double(channelizer.delaySamples) / Double(settings.sampleRateHz)
        let channelInfo = settings.channels[channel]
        // The channelizer centres each channel on its nearest bin: the carrier
        // offset is reported against the channel's own frequency.
        var frame = frame
        frame.cfoHz += channelizer.binResidueHz(channel: channel)
        return WidebandFrame(
            channel: channelInfo.index, frequencyHz: channelInfo.frequencyHz,
            spreadingFactor: demodulator.settings.parameters.spreadingFactor, bandwidth: settings.bandwidth, frame: frame,
            rssiDB: frame.channelPowerDB + settings.rssiOffsetDB,
            startMicros: WidebandReceiver.micros(frame.offsetSeconds - delaySeconds),
            endMicros: WidebandReceiver.micros(frame.endSeconds - delaySeconds))
    }

    /// Seconds → whole microseconds, 0 for anything before the stream's start.
    static func micros(_ seconds: Double) -> UInt64 {
        let value = (seconds * 1e6).rounded()
        guard value.isFinite, value > 0 else { return 0 }
        return value < 1.8e19 ? UInt64(value) : UInt64.max
    }
}
