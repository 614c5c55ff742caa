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
              rtl_sdr -f 868.1M -s 1M - | lorikeet phy decode - --format cu8 --rate 1000000 --bw 125000 --sf 7 --sync 0x34 --json
            """
    )

    @Argument(help: "IQ file, or - for standard input.")
    var file: String

    @Option(name: .customLong("rate"), help: "Sample rate in Hz, a whole multiple of the bandwidth.")
    var rate: String

    @OptionGroup var radio: PhyRadioOptions

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
        let handle: FileHandle
        if file == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                fail("\(file): cannot open (no such file or not readable)")
            }
            handle = opened
        }
        let name = file == "-" ? "standard input" : file
        var reader = IQReader(source: FileByteSource(handle: handle), format: iqFormat)
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
            let seconds = Double(reader.samplesRead) / settings.sampleRate
            var line = "no frame found in \(name) (\(reader.samplesRead) samples, \(String(format: "%.3f", seconds)) s)"
            if let other = receiver.otherSyncWords.first {
                line += "; \(receiver.otherSyncWords.count) preamble(s) with sync word \(String(format: "0x%02x", other)), not \(String(format: "0x%02x", settings.syncWord)) (see --sync)"
            }
            if json {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            } else {
                print(line)
            }
        }
    }

    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("lorikeet phy decode: \(message)\n".utf8))
        Foundation.exit(1)
    }

    func report(_ frame: LoRaReceivedFrame, index: Int, settings: LoRaReceiverSettings) {
        let result = frame.result
        let hexPayload = result.payload.map { String(format: "%02x", $0) }.joined()
        let sf = settings.parameters.spreadingFactor.rawValue
        if json {
            var object = JSONObject()
            object["payload"] = .string(hexPayload)
            object["crc"] = .string(result.crc.rawValue)
            object["header"] = .string(result.headerValid ? "ok" : "bad")
            object["sf"] = .number(Double(sf))
            object["bw"] = .number(settings.parameters.bandwidth.hertz)
            object["cr"] = result.header.map { .number(Double($0.codingRate.rawValue)) } ?? .null
            object["length"] = result.header.map { .number(Double($0.payloadLength)) } ?? .null
            object["snr_db"] = .number((frame.snrDB * 10).rounded() / 10)
            object["cfo_hz"] = .number(frame.cfoHz.rounded())
            object["offset_s"] = .number((frame.offsetSeconds * 1e6).rounded() / 1e6)
            print(JSONSerializer.compact(.object(object)))
            return
        }
        let place = "at \(String(format: "%.6f", frame.offsetSeconds)) s, SNR \(String(format: "%.1f", frame.snrDB)) dB, CFO \(Int(frame.cfoHz.rounded())) Hz"
        guard result.headerValid, let header = result.header else {
            print("frame \(index): header checksum failed, \(place)")
            return
        }
        let printable = result.payload.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let text = printable ? " \"\(String(decoding: result.payload, as: UTF8.self))\"" : ""
        print("frame \(index): \(header.payloadLength) bytes\(text) [\(hexPayload)] crc \(result.crc.rawValue), SF\(sf) CR \(header.codingRate.label), \(place)")
    }
}
