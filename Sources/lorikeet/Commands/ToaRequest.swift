import LoRaPHY

/// `lorikeet toa` arguments, checked: each problem names the argument and
/// what is allowed.
struct ToaRequest {
    struct Invalid: Error { let message: String }

    /// SF and SIZE out of the raw positional words (which may include
    /// options ArgumentParser did not know).
    static func positionals(_ words: [String]) throws(Invalid) -> (sf: String, size: String) {
        if let unknown = words.first(where: { $0.hasPrefix("-") && Double($0) == nil }) {
            throw Invalid(message: "unknown option '\(unknown)'; see 'lorikeet toa --help'")
        }
        guard words.count == 2 else {
            throw Invalid(message: "expected two arguments, SF and SIZE, got \(words.count); e.g. 'lorikeet toa 7 20'")
        }
        return (words[0], words[1])
    }

    let payloadBytes: Int
    let parameters: LoRaParameters

    init(
        sf: String, size: String, bandwidth: String, codingRate: String, preamble: String,
        autoLDRO: Bool, forceLDRO: Bool, explicitHeader: Bool, crc: Bool
    ) throws(Invalid) {
        guard let sfValue = Int(sf), let spreadingFactor = SpreadingFactor(rawValue: sfValue) else {
            throw Invalid(message: "SF: '\(sf)' is not a spreading factor; allowed: 6 to 12")
        }
        guard let sizeValue = Int(size), (0...PayloadSize.maximumPHYBytes).contains(sizeValue) else {
            throw Invalid(message: "SIZE: '\(size)' is not a PHY payload size; allowed: 0 to 255 bytes")
        }
        let allowedBandwidths = Bandwidth.allCases.map(\.kilohertzLabel).joined(separator: ", ")
        guard let kilohertz = Double(bandwidth), let band = Bandwidth(kilohertz: kilohertz) else {
            throw Invalid(message: "--band-width: '\(bandwidth)' is not a LoRa bandwidth; allowed (kHz): \(allowedBandwidths)")
        }
        guard let crValue = Int(codingRate), let rate = CodingRate(rawValue: crValue) else {
            throw Invalid(message: "--cr: '\(codingRate)' is not a coding rate; allowed: 1 to 4 (4/5 to 4/8)")
        }
        guard let preambleValue = Int(preamble), (0...65535).contains(preambleValue) else {
            throw Invalid(message: "--preamble: '\(preamble)' is not a preamble length; allowed: 0 to 65535 symbols")
        }
        // The seed's rule: auto LDRO wins; --enable-ldro counts only without it.
        let ldro: LowDataRateOptimize = autoLDRO ? .auto : (forceLDRO ? .on : .off)
        payloadBytes = sizeValue
        parameters = LoRaParameters(
            spreadingFactor: spreadingFactor, bandwidth: band, codingRate: rate, explicitHeader: explicitHeader,
            crcOn: crc, lowDataRateOptimize: ldro, preambleSymbols: preambleValue)
    }
}
