/// The explicit LoRa header: payload length, coding rate of the payload and
/// whether a payload CRC follows, protected by a 5-bit checksum. Sent as five
/// nibbles in the first (CR 4/8, reduced-rate) block: length high, length
/// low, CR<<1 | CRC, checksum bit 4, checksum bits 3-0 (EP2763321; the
/// checksum equations as in gr-lora_sdr and LoRa-SDR).
public struct LoRaHeader: Sendable, Equatable {
    public var payloadLength: Int
    public var codingRate: CodingRate
    public var crcOn: Bool

    public init(payloadLength: Int, codingRate: CodingRate, crcOn: Bool) {
        self.payloadLength = payloadLength
        self.codingRate = codingRate
        self.crcOn = crcOn
    }

    /// Number of nibbles an explicit header occupies.
    public static let nibbleCount = 5

    /// The five header nibbles.
    public var nibbles: [UInt8] {
        let n0 = UInt8((payloadLength >> 4) & 0xF)
        let n1 = UInt8(payloadLength & 0xF)
        let n2 = UInt8(codingRate.rawValue << 1) | (crcOn ? 1 : 0)
        let checksum = LoRaHeader.checksum(n0, n1, n2)
        return [n0, n1, n2, checksum >> 4, checksum & 0xF]
    }

    /// The 5-bit header checksum of the first three nibbles.
    public static func checksum(_ n0: UInt8, _ n1: UInt8, _ n2: UInt8) -> UInt8 {
        func bit(_ nibble: UInt8, _ index: UInt8) -> UInt8 { (nibble >> index) & 1 }
        let a0 = bit(n0, 0), a1 = bit(n0, 1), a2 = bit(n0, 2), a3 = bit(n0, 3)
        let b0 = bit(n1, 0), b1 = bit(n1, 1), b2 = bit(n1, 2), b3 = bit(n1, 3)
        let c0 = bit(n2, 0), c1 = bit(n2, 1), c2 = bit(n2, 2), c3 = bit(n2, 3)
        let c4out = a0 ^ a1 ^ a2 ^ a3
        let c3out = a3 ^ b3 ^ b2 ^ b1 ^ c0
        let c2out = a2 ^ b3 ^ b0 ^ c3 ^ c1
        let c1out = a1 ^ b2 ^ b0 ^ c2 ^ c1 ^ c0
        let c0out = a0 ^ b1 ^ c3 ^ c2 ^ c1 ^ c0
        return c4out << 4 | c3out << 3 | c2out << 2 | c1out << 1 | c0out
    }

    /// Parses five received nibbles. Nil when the checksum does not match or
    /// the coding-rate field is not 1...4.
    public init?(nibbles: [UInt8]) {
        guard nibbles.count >= LoRaHeader.nibbleCount else { return nil }
        let received = (nibbles[3] & 1) << 4 | (nibbles[4] & 0xF)
        guard received == LoRaHeader.checksum(nibbles[0], nibbles[1], nibbles[2]),
              let rate = CodingRate(rawValue: Int(nibbles[2] >> 1)) else { return nil }
        payloadLength = Int(nibbles[0] & 0xF) << 4 | Int(nibbles[1] & 0xF)
        codingRate = rate
        crcOn = nibbles[2] & 1 == 1
    }
}
