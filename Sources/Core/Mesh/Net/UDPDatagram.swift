/// A UDP datagram (RFC 768) over IPv6, where the checksum is mandatory
/// (RFC 8200 §8.1).
public struct UDPDatagram: Equatable, Sendable {
    public static let headerBytes = 8
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var payload: [UInt8]

    public init(sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8]) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.payload = payload
    }

    /// Header (with checksum) and payload.
    public func encoded(source: IPv6Address, destination: IPv6Address) -> [UInt8] {
        let length = UDPDatagram.headerBytes + payload.count
        var out: [UInt8] = [
            UInt8(sourcePort >> 8), UInt8(sourcePort & 0xFF), UInt8(destinationPort >> 8), UInt8(destinationPort & 0xFF),
            UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), 0, 0,
        ]
        out.append(contentsOf: payload)
        var checksum = InternetChecksum.upperLayer(source: source, destination: destination,
                                                   nextHeader: IPv6Header.protocolUDP, message: out)
        if checksum == 0 { checksum = 0xFFFF }
        out[6] = UInt8(checksum >> 8)
        out[7] = UInt8(checksum & 0xFF)
        return out
    }

    /// Parses and verifies the length and checksum.
    public static func decode(_ bytes: [UInt8], source: IPv6Address, destination: IPv6Address) throws(MeshError)
        -> UDPDatagram
    {
        guard bytes.count >= headerBytes else { throw MeshError(.malformed, "UDP header truncated") }
        let length = Int(bytes[4]) << 8 | Int(bytes[5])
        guard length >= headerBytes && length <= bytes.count else {
            throw MeshError(.malformed, "UDP length \(length) does not fit the \(bytes.count) bytes present")
        }
        let message = Array(bytes[0..<length])
        guard bytes[6] != 0 || bytes[7] != 0 else { throw MeshError(.malformed, "UDP over IPv6 without a checksum") }
        guard InternetChecksum.upperLayer(source: source, destination: destination, nextHeader: IPv6Header.protocolUDP,
                                          message: message) == 0 else {
            throw MeshError(.malformed, "UDP checksum mismatch")
        }
        return UDPDatagram(sourcePort: UInt16(bytes[0]) << 8 | UInt16(bytes[1]),
                           destinationPort: UInt16(bytes[2]) << 8 | UInt16(bytes[3]),
                           payload: Array(message[headerBytes...]))
    }
}
