import Foundation
import Testing
import LoRaPHY

/// Airtime against values computed independently by seed 001's own formula
/// (Fixtures/generate_airtime_vectors.py) over a grid of SF, size, bandwidth,
/// CR, header, CRC, LDRO and preamble.
struct AirtimeSeedVectorTests {
    struct Vector {
        let line: Int
        let payloadBytes: Int
        let parameters: LoRaParameters
        let ldro: Bool
        let symbols: Int
        let formatted: [String: String]
    }

    static func vectors() throws -> [Vector] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/airtime-seed-vectors.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: "\t").map(String.init)
        return lines.dropFirst().enumerated().map { index, line in
            let fields = Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: "\t").map(String.init)))
            let ldro: LowDataRateOptimize = fields["auto_ldro"] == "1" ? .auto : (fields["enable_ldro"] == "1" ? .on : .off)
            let parameters = LoRaParameters(
                spreadingFactor: SpreadingFactor(rawValue: Int(fields["sf"]!)!)!,
                bandwidth: Bandwidth(kilohertz: Double(fields["bw"]!)!)!,
                codingRate: CodingRate(rawValue: Int(fields["cr"]!)!)!,
                explicitHeader: fields["eh"] == "1", crcOn: fields["crc"] == "1",
                lowDataRateOptimize: ldro, preambleSymbols: Int(fields["preamble"]!)!)
            return Vector(
                line: index + 2, payloadBytes: Int(fields["size"]!)!, parameters: parameters,
                ldro: fields["ldro"] == "1", symbols: Int(fields["symbols"]!)!, formatted: fields)
        }
    }

    @Test func gridMatchesSeedScript() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count > 2000)
        for v in vectors {
            let a = Airtime(payloadBytes: v.payloadBytes, parameters: v.parameters)
            let f = { (x: Double) in String(format: "%.3f", x) }
            #expect(f(a.totalMillis) == v.formatted["toa_ms"], "line \(v.line): time on air")
            #expect(a.payloadSymbols == v.symbols, "line \(v.line): payload symbols")
            #expect(a.lowDataRateOptimizeEnabled == v.ldro, "line \(v.line): LDRO")
            #expect(f(a.ceilArgument) == v.formatted["ceil"], "line \(v.line): ceil argument")
            #expect(f(a.symbolRate) == v.formatted["symbol_rate"], "line \(v.line): symbol rate")
            #expect(f(a.symbolMillis) == v.formatted["symbol_ms"], "line \(v.line): symbol time")
            #expect(f(a.preambleMillis) == v.formatted["preamble_ms"], "line \(v.line): preamble")
            #expect(f(a.payloadMillis) == v.formatted["payload_ms"], "line \(v.line): payload")
        }
    }
}
