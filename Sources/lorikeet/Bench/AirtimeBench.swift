import ArgumentParser
import Foundation
import LoRaPHY

/// Airtime computations per second (the gateway runs one per downlink and
/// per duty-cycle check).
struct AirtimeBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "airtime", abstract: "Airtime formula throughput.")

    func run() throws {
        let iterations = 2_000_000
        var checksum = 0.0
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 0..<iterations {
            let sf = SpreadingFactor(rawValue: 7 + i % 6)!
            let parameters = LoRaParameters(spreadingFactor: sf, bandwidth: .khz125)
            checksum += Airtime(payloadBytes: i & 0xFF, parameters: parameters).totalMillis
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("airtime: \(Int(Double(iterations) / seconds)) computations/s (\(String(format: "%.1f", seconds * 1e9 / Double(iterations))) ns each; checksum \(Int(checksum)))")
    }
}
