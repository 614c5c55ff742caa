/// An ICMPv6 message (RFC 4443): type, code, checksum, body. Echo
/// request/reply bodies are identifier, sequence number, data (§4).
public struct ICMPv6Message: Equatable, Sendable {
    public var type: UInt8
    public var code: UInt8
    /// Everything after the checksum.
    public var body: [UInt8]

    public static let echoRequest: UInt8 = 128
    public static let echoReply: UInt8 = 129
    public static let destinationUnreachable: UInt8 = 1

    public init(type: UInt8, code: UInt8 = 0, body: [UInt8]) {
        self.type = type
        self.code = code
        self.body = body
    }

    public static func echo(reply: Bool, identifier: UInt16, sequence: UInt16, data: [UInt8]) -> ICMPv6Message {
        ICMPv6Message(type: reply ? echoReply : echoRequest,
                      body: [UInt8(identifier >> 8), UInt8(identifier & 0xFF), UInt8(sequence >> 8),
                             UInt8(sequence & 0xFF)] + data)
    }

    public var isEcho: Bool { (type == ICMPv6Message.echoRequest || type == ICMPv6Message.echoReply) && body.count >= 4 }
    public var echoIdentifier: UInt16 { body.count >= 2 ? UInt16(body[0]) << 8 | UInt16(body[1]) : 0 }
    public var echoSequence: UInt16 { body.count >= 4 ? UInt16(body[2]) << 8 | UInt16(body[3]) : 0 }
    public var echoData: [UInt8] { body.count > 4 ? Array(body[4...]) : [] }

    /// The reply to an echo request: same identifier, sequence and data.
    public var echoReplyMessage: ICMPv6Message? {
        guard type == ICMPv6Message.echoRequest && body.count >= 4 else { return nil }
        return ICMPv6Message(type: ICMPv6Message.echoReply, body: body)
    }

    public func encoded(source: IPv6Address, destination: IPv6Address) -> [UInt8] {
        var out: [UInt8] = [type, code, 0, 0] + body
        let checksum = InternetChecksum.upperLayer(source: source, destination: destination,
                                                   nextHeader: IPv6Header.protocolICMPv6, message: out)
        out[2] = UInt8(checksum >> 8)
        out[3] = UInt8(checksum & 0xFF)
        return out
    }

    public static func decode(_ bytes: [UInt8], source: IPv6Address, destination: IPv6Address) throws(MeshError)
        -> ICMPv6Message
    {
        guard bytes.count >= 4 else { throw MeshError(.malformed, "ICMPv6 message truncated") }
        guard InternetChecksum.upperLayer(source: source, destination: destination,
                                          nextHeader: IPv6Header.protocolICMPv6, message: bytes) == 0 else {
            throw MeshError(.malformed, "ICMPv6 checksum mismatch")
        }
        return ICMPv6Message(type: bytes[0], code: bytes[1], body: Array(bytes[4...]))
    }
}
