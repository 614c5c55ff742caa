import ArgumentParser
import Foundation
import JSON
import LoRaModem
import LoRaPHY

/// `lorikeet phy decode`: every LoRa frame in an IQ recording (or standard input).
struct PhyDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Find and decode LoRa frames in an IQ recording (FILE, or - for standard input).",
        discussion: """
            Examples:
              lorikeet phy decode hello.cf32 --rate 500000 --bw 125000 --sf 7
              lorikeet phy decode wide.cu8 --rate 2000000 --center 867.8M --plan EU868 --json
              lorikeet phy decode wide.cf32 --rate 2M --channels 868.1M,868.3M --sf 7,9
              rtl_sdr -f 868.1M -s 1M - | lorikeet phy decode - --format cu8 --rate 1000000 --bw 125000 --sf 7 --sync 0x34 --json
            """
    )

    @Argument(help: "IQ file, or - for standard input.")
    var file: String

    @Option(name: .customLong("rate"), help: "Sample rate in Hz, a whole multiple of the bandwidth (wideband: of twice the bandwidth).")
    var rate: String

    @OptionGroup var radio: PhyRadioOptions

    @OptionGroup(title: "Wideband decoding (every channel of the stream at every SF)") var wide: PhyWideOptions

    @Option(name: .customLong("format"), help: "cf32, cs16 or cu8 (default: from the file extension, else cf32).")
    var format: String?

    @Option(name: .customLong("length"), help: "Payload length in bytes (implicit header only).")
    var length: String?

    @Option(name: .customLong("cr"), help: "Coding rate 1 to 4 (implicit header only; explicit frames carry it).")
    var cr: String = "1"

    @Flag(name: .customLong("hard"), help: "Hard symbol decisions instead of soft decoding.")
    var hard = false

    @Flag(name: .customLong("json"), help: "One JSON object per frame and line.")
    var json = false

    func run() throws {
        if wide.isWide { return try runWide() }
        let settings: LoRaReceiverSettings
        let iqFormat: IQFormat
        do throws(PhyUsageError) {
            let parameters = try radio.parameters(codingRate: cr)
            guard let sampleRate = PhyRadioOptions.rate(rate) else { throw PhyUsageError("--rate \(rate): expected a sample rate in Hz") }
            var implicitLength = 0
            if radio.implicit {
                guard let text = length, let value = Int(text), (0...255).contains(value) else {
                    throw PhyUsageError("--implicit needs --length N (0 to 255 bytes)")
                }
                implicitLength = value
            } else if length != nil {
                throw PhyUsageError("--length applies only with --implicit (explicit frames carry their length)")
            }
            iqFormat = try PhyRadioOptions.format(format, path: file)
            settings = LoRaReceiverSettings(
                parameters: parameters, sampleRate: sampleRate, syncWord: try radio.syncWord(),
                implicitPayloadLength: implicitLength, softDecoding: !hard)
        } catch {
            throw error.exit("decode")
        }
        let receiver: LoRaDemodulator
        do {
            receiver = try LoRaDemodulator(settings: settings)
        } catch {
            throw PhyUsageError("--rate \(rate): \(error.message)").exit("decode")
        }
        let name = file == "-" ? "standard input" : file
        var reader = IQReader(source: openInput(), format: iqFormat)
        var count = 0
        do {
            while let samples = try reader.next(maxSamples: 262_144) {
                for frame in receiver.process(samples) { count += 1; report(frame, index: count, settings: settings) }
            }
        } catch {
            fail("\(name): \(error.message)")
        }
        for frame in receiver.finish() { count += 1; report(frame, index: count, settings: settings) }
        if reader.samplesRead == 0 { fail("\(name) is empty: no \(iqFormat.rawValue) samples") }
        if count == 0 {
            sayNoFrame(
                in: name, samples: reader.samplesRead, seconds: Double(reader.samplesRead) / settings.sampleRate, extra: "",
                otherSyncWords: receiver.otherSyncWords, syncWord: settings.syncWord)
        }
    }

    func openInput() -> FileByteSource {
        if file == "-" { return FileByteSource(handle: FileHandle.standardInput) }
        guard let opened = FileHandle(forReadingAtPath: file) else {
            fail("\(file): cannot open (no such file or not readable)")
        }
        return FileByteSource(handle: opened)
    }

    /// Every channel of the plan (or list) at every SF asked for.
    func runWide() throws {
        let settings: WidebandSettings
        let iqFormat: IQFormat
        do throws(PhyUsageError) {
            if radio.implicit || length != nil { throw PhyUsageError("wideband decoding takes explicit-header frames only (no --implicit, --length)") }
            settings = try wide.settings(rate: rate, radio: radio)
            iqFormat = try PhyRadioOptions.format(format, path: file)
        } catch {
            throw error.exit("decode")
        }
        let receiver: WidebandReceiver
        do {
            receiver = try WidebandReceiver(settings: settings)
        } catch {
            throw PhyUsageError(error.message).exit("decode")
        }
        let name = file == "-" ? "standard input" : file
        var reader = IQReader(source: openInput(), format: iqFormat)
        var report = PhyWideReport(json: json)
        do {
            while let samples = try reader.next(maxSamples: 262_144) {
                for frame in receiver.process(samples) { report.report(frame) }
            }
        } catch {
            fail("\(name): \(error.message)")
        }
        for frame in receiver.finish() { report.report(frame) }
        if reader.samplesRead == 0 { fail("\(name) is empty: no \(iqFormat.rawValue) samples") }
        if report.count == 0 {
            sayNoFrame(
                in: name, samples: reader.samplesRead, seconds: Double(reader.samplesRead) / Double(settings.sampleRateHz),
                extra: ", \(settings.channels.count) channels", otherSyncWords: receiver.otherSyncWords, syncWord: settings.syncWord)
        }
    }

    /// No frame is not an error: one line (on stderr with --json, so stdout stays JSON), naming
    /// preambles of another sync word.
    func sayNoFrame(in name: String, samples: Int64, seconds: Double, extra: String, otherSyncWords: [UInt8], syncWord: UInt8) {
        var line = "no frame found in \(name) (\(samples) samples, \(String(format: "%.3f", seconds)) s\(extra))"
        if let other = otherSyncWords.first {
            line += "; \(otherSyncWords.count) preamble(s) with sync word \(String(format: "0x%02x", other)), not \(String(format: "0x%02x", syncWord)) (see --sync)"
        }
        if json {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            print(line)
        }
    }

    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("lorikeet phy decode: \(message)\n".utf8))
        Foundation.exit(1)
    }

    func report(_ frame: LoRaReceivedFrame, index: Int, settings: LoRaReceiverSettings) {
        let sf = settings.parameters.spreadingFactor.rawValue
        if json {
            print(PhyFrameFields.line(PhyFrameFields.object(frame, spreadingFactor: sf, bandwidthHz: settings.parameters.bandwidth.hertz)))
            return
        }
        let place = "at \(String(format: "%.6f", frame.offsetSeconds)) s, SNR \(String(format: "%.1f", frame.snrDB)) dB, CFO \(Int(frame.cfoHz.rounded())) Hz"
        print(PhyFrameFields.text(frame, index: index, spreadingFactor: sf, place: place))
    }
}
