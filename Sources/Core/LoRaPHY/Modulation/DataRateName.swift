/// LoRaWAN / Semtech UDP data-rate names: "SF7BW125", "SF12BW500", "SF9BW62.5".
public struct DataRateName: Sendable, Equatable {
    public var spreadingFactor: SpreadingFactor
    public var bandwidth: Bandwidth

    public init(spreadingFactor: SpreadingFactor, bandwidth: Bandwidth) {
        self.spreadingFactor = spreadingFactor
        self.bandwidth = bandwidth
    }

    /// "SF7BW125".
    public var text: String { "SF\(spreadingFactor.rawValue)BW\(bandwidth.kilohertzLabel)" }

    /// Parses "SF<6-12>BW<kHz>" (case-sensitive, as the protocol writes it).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 6, bytes[0] == UInt8(ascii: "S"), bytes[1] == UInt8(ascii: "F") else { return nil }
        var index = 2
        var sf = 0
        while index < bytes.count, let digit = DataRateName.digit(bytes[index]) {
            sf = sf * 10 + digit
            index += 1
            if sf > 99 { return nil }
        }
        guard index > 2, index + 2 < bytes.count, bytes[index] == UInt8(ascii: "B"), bytes[index + 1] == UInt8(ascii: "W"),
              let spreadingFactor = SpreadingFactor(rawValue: sf) else { return nil }
        let label = String(decoding: bytes[(index + 2)...], as: UTF8.self)
        guard let bandwidth = Bandwidth.allCases.first(where: { $0.kilohertzLabel == label }) else { return nil }
        self.spreadingFactor = spreadingFactor
        self.bandwidth = bandwidth
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
