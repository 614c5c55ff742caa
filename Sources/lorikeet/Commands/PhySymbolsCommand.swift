import ArgumentParser
import Foundation
import LoRaPHY

/// `lorikeet phy symbols`: the chirp start bins of a frame's data part.
struct PhySymbolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symbols",
        abstract: "Print the data symbols (chirp start bins, +1 shift included) of a frame, space-separated.",
        discussion: """
            Example:
              lorikeet phy symbols --sf 7 --cr 1 --bw 125000 --text "hello lora"
            """
    )

    @OptionGroup var radio: PhyRadioOptions

    @Option(name: .customLong("cr"), help: "Coding rate n of 4/(4+n), 1 to 4.")
    var cr: String = "1"

    @Option(name: .customLong("rate"), help: "Sample rate (accepted for symmetry with encode; unused).")
    var rate: String?

    @Option(name: .customLong("preamble"), help: "Preamble up-chirps (unused).")
    var preamble: String = "8"

    @Option(name: .customLong("format"), help: "IQ format (unused).")
    var format: String?

    @Option(name: .customLong("text"), help: "Payload as UTF-8 text.")
    var text: String?

    @Option(name: .customLong("hex"), help: "Payload as hex bytes.")
    var hex: String?

    @Option(name: .customShort("o"), help: "Output file (unused).")
    var output: String?

    func run() throws {
        do throws(PhyUsageError) {
            let parameters = try radio.parameters(codingRate: cr, preamble: preamble)
            _ = try radio.syncWord()
            let payload = try phyPayload(text: text, hex: hex)
            do {
                let symbols = try LoRaEncoder(parameters: parameters).symbols(payload: payload)
                print(symbols.map(String.init).joined(separator: " "))
            } catch {
                throw PhyUsageError(error.message)
            }
        } catch {
            throw error.exit("symbols")
        }
    }
}
