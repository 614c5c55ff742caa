import ArgumentParser
import Foundation
import LoRaModem
import LoRaPHY

/// `lorikeet phy encode`: a payload → one LoRa frame as an IQ file.
struct PhyEncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode and modulate one LoRa frame to an IQ file.",
        discussion: """
            Examples:
              lorikeet phy encode --sf 7 --cr 1 --bw 125000 --rate 500000 --text "hello lora" -o hello.cf32
              lorikeet phy encode --sf 9 --rate 2M --offset-hz 300k --sync 0x34 --text "on 868.1" -o ch0.cf32

            The frame is held in memory: at most \(PhyEncodeCommand.maxSamples) samples
            (rate × airtime), and at most \(LoRaDemodulator.maxSamplesPerChip) samples per chip.
            """
    )

    @OptionGroup var radio: PhyRadioOptions

    @Option(name: .customLong("cr"), help: "Coding rate n of 4/(4+n), 1 to 4.")
    var cr: String = "1"

    @Option(name: .customLong("rate"), help: "Sample rate in Hz, a whole multiple of the bandwidth (e.g. 500000).")
    var rate: String

    @Option(name: .customLong("preamble"), help: "Preamble up-chirps (6 to 65535).")
    var preamble: String = "8"

    @Option(name: .customLong("format"), help: "cf32, cs16 or cu8 (default: from the file extension, else cf32).")
    var format: String?

    @Option(name: .customLong("text"), help: "Payload as UTF-8 text.")
    var text: String?

    @Option(name: .customLong("hex"), help: "Payload as hex bytes.")
    var hex: String?

    @Option(name: .customShort("o"), help: "Output file (- for standard output).")
    var output: String

    @Option(name: .customLong("offset-hz"), help: "Shift the frame by this many Hz from the stream's centre (e.g. 300k: channel 868.1 MHz in a stream centred on 867.8 MHz).")
    var offsetHz: String = "0"

    /// The most samples one frame may have (512 MiB as cf32): rate × airtime is
    /// checked against it before anything is allocated.
    static let maxSamples = 1 << 26

    func run() throws {
        let parameters: LoRaParameters
        let samples: [Complex32]
        let iqFormat: IQFormat
        let symbols: [Int]
        do throws(PhyUsageError) {
            parameters = try radio.parameters(codingRate: cr, preamble: preamble)
            let payload = try phyPayload(text: text, hex: hex)
            guard let sampleRate = PhyRadioOptions.rate(rate) else { throw PhyUsageError("--rate \(rate): expected a sample rate in Hz") }
            let ratio = sampleRate / parameters.bandwidth.hertz
            guard ratio >= 1, abs(ratio - ratio.rounded()) < 1e-6 else {
                throw PhyUsageError("--rate \(rate): must be a whole multiple of the bandwidth (\(Int(parameters.bandwidth.hertz)) Hz)")
            }
            guard ratio <= Double(LoRaDemodulator.maxSamplesPerChip) else {
                throw PhyUsageError("--rate \(rate): at most \(LoRaDemodulator.maxSamplesPerChip) samples per chip (\(Int(parameters.bandwidth.hertz) * LoRaDemodulator.maxSamplesPerChip) Hz at this bandwidth)")
            }
            guard let offset = PhyRadioOptions.hertz(offsetHz), abs(offset) + parameters.bandwidth.hertz / 2 <= sampleRate / 2 else {
                throw PhyUsageError("--offset-hz \(offsetHz): expected hertz such that the channel stays inside the stream (|offset| + bandwidth/2 ≤ rate/2)")
            }
            iqFormat = try PhyRadioOptions.format(format, path: output)
            do {
                symbols = try LoRaEncoder(parameters: parameters).symbols(payload: payload)
            } catch {
                throw PhyUsageError(error.message)
            }
            let modulator = LoRaModulator(
                spreadingFactor: parameters.spreadingFactor.rawValue, oversampling: Int(ratio.rounded()),
                syncWord: try radio.syncWord(), preambleSymbols: parameters.preambleSymbols)
            // Checked in floating point before the modulator allocates: preamble × SF × rate can ask for terabytes.
            let count = modulator.frameChips(symbolCount: symbols.count) * ratio.rounded()
            guard count <= Double(PhyEncodeCommand.maxSamples) else {
                throw PhyUsageError("this frame would be \(String(format: "%.3g", count)) samples (\(String(format: "%.3g", count * 8 / 1e9)) GB as cf32): at most \(PhyEncodeCommand.maxSamples); lower --rate, --preamble, --sf or the payload")
            }
            var modulated = modulator.modulate(symbols: symbols)
            if offset != 0 {
                let cycles = offset / sampleRate
                for t in modulated.indices { modulated[t] = modulated[t] * Chirp.rotor(cycles: cycles * Double(t)) }
            }
            samples = modulated
        } catch {
            throw error.exit("encode")
        }
        let handle: FileHandle
        if output == "-" {
            handle = FileHandle.standardOutput
        } else {
            guard FileManager.default.createFile(atPath: output, contents: nil), let opened = FileHandle(forWritingAtPath: output) else {
                FileHandle.standardError.write(Data("lorikeet phy encode: cannot write \(output)\n".utf8))
                throw ExitCode(1)
            }
            handle = opened
        }
        // In chunks, so the bytes never need a second copy of the frame in memory.
        var index = 0
        while index < samples.count {
            let end = min(samples.count, index + 1 << 20)
            handle.write(Data(iqFormat.encode(Array(samples[index..<end]))))
            index = end
        }
        if output == "-" { return }
        let seconds = Airtime(payloadBytes: 0, parameters: parameters).symbolMicros
            * (Double(parameters.preambleSymbols) + 4.25 + Double(symbols.count)) / 1e6
        print("wrote \(samples.count) \(iqFormat.rawValue) samples (\(String(format: "%.6f", seconds)) s, \(symbols.count) data symbols) to \(output)")
    }
}
