import Foundation
import JSON
import LoRaPHY

/// The output of `lorikeet toa`: the seed calculator's lines, number formats
/// and label padding reproduced exactly (its labels are padded to 20 columns).
struct ToaReport {
    let request: ToaRequest
    let airtime: Airtime

    init(request: ToaRequest) {
        self.request = request
        airtime = Airtime(payloadBytes: request.payloadBytes, parameters: request.parameters)
    }

    /// Plain mode: the rounded airtime in milliseconds, as the seed prints it.
    func plainLines(debugLevel: Int) -> [String] { [fixed3(airtime.totalMillis)] }

    /// `-v` (and `-d`): the seed's verbose block.
    func verboseLines(debugLevel: Int) -> [String] {
        let p = request.parameters
        var lines = [
            line("PHY payload size", "\(request.payloadBytes) Bytes"),
            line("MAC payload size", "\(PayloadSize.macBytes(phyPayload: request.payloadBytes)) Bytes"),
            line("Spreading Factor", "\(p.spreadingFactor.rawValue)"),
            line("Band width", "\(p.bandwidth.kilohertzLabel) kHz"),
            line("Low data rate opt.", airtime.lowDataRateOptimizeEnabled ? "enable" : "disable"),
            line("Explicit header", p.explicitHeader ? "enable" : "disable"),
            line("CR (coding rate)", "\(p.codingRate.rawValue) (4/\(p.codingRate.codewordBits))"),
            line("Symbol Rate", "\(fixed3(airtime.symbolRate)) symbol/s"),
            line("Symbol Time", "\(fixed3(airtime.symbolMillis)) msec/symbol"),
            line("Preamble size", "\(p.preambleSymbols) symbols"),
            line("Packet symbol size", "\(airtime.payloadSymbols) symbols"),
            line("Preamble ToA", "\(fixed3(airtime.preambleMillis)) msec"),
            line("Payload ToA", "\(fixed3(airtime.payloadMillis)) msec"),
            line("Time on Air", "\(fixed3(airtime.totalMillis)) msec"),
        ]
        if debugLevel > 0 {
            let empty = Airtime(payloadBytes: 0, parameters: p)
            lines.append(line("PHY PL=0 ToA", "\(fixed3(empty.totalMillis)) msec"))
            // The seed differences its *rounded* airtimes (round(t, 3)).
            let seconds = (seedRounded(airtime.totalMillis) - seedRounded(empty.totalMillis)) / 1000
            let size = Double(request.payloadBytes)
            lines.append(line("PHY fr.dr.(48b) 7:15", "\(rate((8 * size + 48) / seconds)) bps"))
            lines.append(line("MAC frame DR", "\(rate(8 * size / seconds)) bps"))
            lines.append(line("Ceil(x)", fixed3(airtime.ceilArgument)))
        }
        return lines
    }

    /// `--json`: every figure of the formula.
    func json() -> String { JSONSerializer.compact(.object(figures(airtime))) }

    /// `--table`: SF7...SF12 at the requested bandwidth.
    func tableLines() -> [String] {
        var lines = ["data rate      SF  time on air (ms)  symbols  LDRO"]
        for row in tableRows() {
            let name = DataRateName(spreadingFactor: row.parameters.spreadingFactor, bandwidth: row.parameters.bandwidth).text
            lines.append(
                pad(name, 15) + pad("\(row.parameters.spreadingFactor.rawValue)", 4)
                    + pad(fixed3(row.totalMillis), 18) + pad("\(row.payloadSymbols)", 9)
                    + (row.lowDataRateOptimizeEnabled ? "on" : "off"))
        }
        return lines
    }

    func tableJSON() -> String {
        JSONSerializer.compact(.array(tableRows().map { .object(figures($0)) }))
    }

    private func tableRows() -> [Airtime] {
        SpreadingFactor.allCases.filter { $0 >= .sf7 }.map { sf in
            var parameters = request.parameters
            parameters.spreadingFactor = sf
            return Airtime(payloadBytes: request.payloadBytes, parameters: parameters)
        }
    }

    private func figures(_ a: Airtime) -> JSONObject {
        let p = a.parameters
        return JSONObject(pairs: [
            ("data_rate", .string(DataRateName(spreadingFactor: p.spreadingFactor, bandwidth: p.bandwidth).text)),
            ("phy_payload_bytes", .number(Double(a.payloadBytes))),
            ("mac_payload_bytes", .number(Double(PayloadSize.macBytes(phyPayload: a.payloadBytes)))),
            ("spreading_factor", .number(Double(p.spreadingFactor.rawValue))),
            ("bandwidth_hz", .number(p.bandwidth.hertz)),
            ("coding_rate", .string(p.codingRate.label)),
            ("explicit_header", .bool(p.explicitHeader)),
            ("crc", .bool(p.crcOn)),
            ("low_data_rate_optimize", .bool(a.lowDataRateOptimizeEnabled)),
            ("preamble_symbols", .number(Double(p.preambleSymbols))),
            ("symbol_rate", .number(a.symbolRate)),
            ("symbol_ms", .number(a.symbolMillis)),
            ("ceil_argument", .number(a.ceilArgument)),
            ("payload_symbols", .number(Double(a.payloadSymbols))),
            ("preamble_ms", .number(a.preambleMillis)),
            ("payload_ms", .number(a.payloadMillis)),
            ("time_on_air_ms", .number(Double(fixed3(a.totalMillis)) ?? a.totalMillis)),
            ("time_on_air_us", .number(Double(a.totalMicros))),
        ])
    }

    private func line(_ label: String, _ value: String) -> String { pad(label, 20) + ": " + value }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Python's "%.3f": glibc printf rounds the exact binary value, as Python does.
    private func fixed3(_ x: Double) -> String { String(format: "%.3f", x) }

    /// Python 2's round(x, 3): the double nearest the correctly rounded decimal.
    private func seedRounded(_ x: Double) -> Double { Double(fixed3(x)) ?? x }

    /// Data rates; with an empty payload the seed divides by zero, we say n/a.
    private func rate(_ bps: Double) -> String { bps.isFinite ? fixed3(bps) : "n/a" }
}
