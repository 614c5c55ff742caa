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
            Example:
              lorikeet phy encode --sf 7 --cr 1 --bw 125000 --rate 500000 --text "hello lora" -o hello.cf32
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
            iqFormat = try PhyRadioOptions.format(format, path: output)
            do {
                symbols = try LoRaEncoder(parameters: parameters).symbols(payload: payload)
            } catch {
                throw PhyUsageError(error.message)
            }
            let modulator = LoRaModulator(
                spreadingFactor: parameters.spreadingFactor.rawValue, oversampling: Int(ratio.rounded()),
                syncWord: try radio.syncWord(), preambleSymbols: parameters.preambleSymbols)
            samples = modulator.modulate(symbols: symbols)
        } catch {
            throw error.exit("encode")
        }
        let bytes = Data(iqFormat.encode(samples))
        if output == "-" {
            FileHandle.standardOutput.write(bytes)
            return
        }
        do {
            try bytes.write(to: URL(fileURLWithPath: output))
        } catch {
            FileHandle.standardError.write(Data("lorikeet phy encode: cannot write \(output): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let seconds = Airtime(payloadBytes: 0, parameters: parameters).symbolMicros
            * (Double(parameters.preambleSymbols) + 4.25 + Double(symbols.count)) / 1e6
        print("wrote \(samples.count) \(iqFormat.rawValue) samples (\(String(format: "%.6f", seconds)) s, \(symbols.count) data symbols) to \(output)")
    }
}
