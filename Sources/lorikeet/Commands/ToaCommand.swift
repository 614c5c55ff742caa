import ArgumentParser
import Foundation
import LoRaPHY

/// `lorikeet toa`: the time-on-air calculator of seed 001, same arguments and
/// same output, plus `--json` and `--table`.
struct ToaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toa",
        abstract: "LoRa time on air (SX1276 datasheet formula).",
        discussion: """
            Prints the time on air in milliseconds, as the seed calculator does.
            Examples:
              lorikeet toa 7 20                 # SF7, 20-byte PHY payload, 125 kHz
              lorikeet toa 12 51 --band-width 125 -v
              lorikeet toa 9 30 --table --json
            """
    )

    // Taken raw, so that a negative SIZE reaches our own check (and its
    // clear message) instead of being read as an unknown option.
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Spreading factor (6 to 12) and PHY payload size in bytes (MAC payload + 5, 0 to 255).", valueName: "SF SIZE"))
    var positionals: [String] = []

    @Option(name: .customLong("band-width"), parsing: .unconditional, help: "Bandwidth in kHz: 7.8, 10.4, 15.6, 20.8, 31.25, 41.7, 62.5, 125, 250 or 500.")
    var bandWidth: String = "125"

    @Flag(name: .customLong("disable-auto-ldro"), help: "Disable the automatic LDRO (and so LDRO, unless --enable-ldro).")
    var disableAutoLDRO = false

    @Flag(name: .customLong("enable-ldro"), help: "Force LDRO on; takes effect with --disable-auto-ldro.")
    var enableLDRO = false

    @Flag(name: .customLong("disable-eh"), help: "Implicit header (no explicit header).")
    var disableExplicitHeader = false

    @Flag(name: .customLong("downlink"), help: "No payload CRC, as LoRaWAN downlinks.")
    var downlink = false

    @Flag(name: .customLong("disable-crc"), help: "Same as --downlink.")
    var disableCRC = false

    @Option(name: .customLong("cr"), parsing: .unconditional, help: "Coding rate n of 4/(4+n), 1 to 4.")
    var codingRate: String = "1"

    @Option(name: .customLong("preamble"), parsing: .unconditional, help: "Preamble length in symbols.")
    var preamble: String = "8"

    @Flag(name: .customShort("v"), help: "Verbose: every figure of the formula.")
    var verbose = false

    @Flag(name: .customShort("d"), help: "Debug: add the seed's debug lines (repeatable).")
    var debug: Int

    @Flag(name: .customLong("json"), help: "Every computed figure as one JSON object.")
    var json = false

    @Flag(name: .customLong("table"), help: "Airtime of SIZE for SF7 to SF12 at the bandwidth, with LoRaWAN data-rate names.")
    var table = false

    func run() throws {
        let request: ToaRequest
        do {
            let (sf, size) = try ToaRequest.positionals(positionals)
            request = try ToaRequest(
                sf: sf, size: size, bandwidth: bandWidth, codingRate: codingRate, preamble: preamble,
                autoLDRO: !disableAutoLDRO, forceLDRO: enableLDRO, explicitHeader: !disableExplicitHeader,
                crc: !(downlink || disableCRC))
        } catch {
            FileHandle.standardError.write(Data("lorikeet toa: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        let report = ToaReport(request: request)
        let lines: [String]
        switch (table, json) {
        case (true, true): lines = [report.tableJSON()]
        case (true, false): lines = report.tableLines()
        case (false, true): lines = [report.json()]
        case (false, false): lines = verbose ? report.verboseLines(debugLevel: debug) : report.plainLines(debugLevel: debug)
        }
        for line in lines { print(line) }
    }
}
