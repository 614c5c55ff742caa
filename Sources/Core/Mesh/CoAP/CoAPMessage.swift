/// A minimal CoAP message (RFC 7252 §3): what Thread's management messages need —
/// confirmable/non-confirmable/acknowledgement, POST and 2.04 Changed, Uri-Path options,
/// a TLV payload. Other options are skipped; extended deltas and lengths are parsed.
public struct CoAPMessage: Equatable, Sendable {
    public enum Kind: UInt8, Sendable { case confirmable = 0, nonConfirmable = 1, acknowledgement = 2, reset = 3 }
    public static let post: UInt8 = 0x02
    public static let changed: UInt8 = 0x44
    public static let uriPathOption: UInt16 = 11
    /// Thread management port (Thread 1.1 §5.19, TMF).
    public static let threadPort: UInt16 = 61631

    public var kind: Kind
    public var code: UInt8
    public var messageID: UInt16
    public var token: [UInt8]
    public var uriPath: String
    public var payload: [UInt8]

    public init(kind: Kind, code: UInt8, messageID: UInt16, token: [UInt8], uriPath: String = "", payload: [UInt8] = []) {
        self.kind = kind
        self.code = code
        self.messageID = messageID
        self.token = Array(token.prefix(8))
        self.uriPath = uriPath
        self.payload = payload
    }

    /// The acknowledgement of a confirmable request, carrying a response code.
    public func acknowledgement(code: UInt8, payload: [UInt8]) -> CoAPMessage {
        CoAPMessage(kind: .acknowledgement, code: code, messageID: messageID, token: token, payload: payload)
    }

    public var encoded: [UInt8] {
        var b: [UInt8] = [0x40 | kind.rawValue << 4 | UInt8(token.count), code, UInt8(messageID >> 8), UInt8(messageID & 0xff)]
        b += token
        var previous: UInt16 = 0
        for segment in uriPath.split(separator: "/") {
            let bytes = Array(segment.utf8.prefix(255))
            Self.appendOption(Self.uriPathOption - previous, bytes, &b)
            previous = Self.uriPathOption
        }
        if !payload.isEmpty { b.append(0xff); b += payload }
        return b
    }

    static func appendOption(_ delta: UInt16, _ value: [UInt8], _ b: inout [UInt8]) {
        func nibble(_ n: Int) -> (UInt8, [UInt8]) {
            n < 13 ? (UInt8(n), []) : (n < 269 ? (13, [UInt8(n - 13)]) : (14, [UInt8((n - 269) >> 8), UInt8((n - 269) & 0xff)]))
        }
        let (d, dx) = nibble(Int(delta))
        let (l, lx) = nibble(value.count)
        b.append(d << 4 | l)
        b += dx + lx + value
    }

    public init(decoding bytes: [UInt8]) throws(MeshError) {
        guard bytes.count >= 4 else { throw MeshError(.malformed, "CoAP message of \(bytes.count) bytes is shorter than its header") }
        guard bytes[0] >> 6 == 1 else { throw MeshError(.malformed, "CoAP version \(bytes[0] >> 6) is not 1") }
        let tokenLength = Int(bytes[0] & 0x0f)
        guard tokenLength <= 8, bytes.count >= 4 + tokenLength else { throw MeshError(.malformed, "CoAP token length \(tokenLength) invalid") }
        kind = Kind(rawValue: (bytes[0] >> 4) & 3)!
        code = bytes[1]
        messageID = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        token = Array(bytes[4..<(4 + tokenLength)])
        payload = []
        var path: [String] = []
        var i = 4 + tokenLength
        var number = 0
        while i < bytes.count {
            if bytes[i] == 0xff {
                guard i + 1 < bytes.count else { throw MeshError(.malformed, "CoAP payload marker without payload") }
                payload = Array(bytes[(i + 1)...])
                break
            }
            let header = bytes[i]
            i += 1
            let delta = try Self.extended(Int(header >> 4), bytes, &i)
            let length = try Self.extended(Int(header & 0x0f), bytes, &i)
            guard bytes.count - i >= length else { throw MeshError(.malformed, "CoAP option length \(length) exceeds the message") }
            number += delta
            if number == Int(Self.uriPathOption) { path.append(String(decoding: bytes[i..<(i + length)], as: UTF8.self)) }
            i += length
        }
        var joined = ""
        for (n, p) in path.enumerated() { joined += (n == 0 ? "" : "/") + p }
        uriPath = joined
    }

    static func extended(_ nibble: Int, _ bytes: [UInt8], _ i: inout Int) throws(MeshError) -> Int {
        switch nibble {
        case 13:
            guard i < bytes.count else { throw MeshError(.malformed, "CoAP option truncated") }
            i += 1
            return Int(bytes[i - 1]) + 13
        case 14:
            guard i + 1 < bytes.count else { throw MeshError(.malformed, "CoAP option truncated") }
            i += 2
            return (Int(bytes[i - 2]) << 8 | Int(bytes[i - 1])) + 269
        case 15: throw MeshError(.malformed, "CoAP option nibble 15 is reserved")
        default: return nibble
        }
    }
}
