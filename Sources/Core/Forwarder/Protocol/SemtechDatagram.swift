import LoRaWAN

/// Datagram identifiers of the Semtech UDP protocol (packet_forwarder
/// PROTOCOL.TXT §3-§5; sx1302_hal PROTOCOL.md). TX_ACK is 5 — seed 000
/// answered PULL_RESP with PULL_ACK's 4, which servers discard.
public enum SemtechIdentifier: UInt8, Sendable {
    case pushData = 0
    case pushAck = 1
    case pullData = 2
    case pullResp = 3
    case pullAck = 4
    case txAck = 5
}

/// The gateway's EUI-64 as carried in PUSH_DATA, PULL_DATA and TX_ACK: the
/// one EUI type, LoRaWAN's `EUI64` (16 hex digits, ':'/'-' separators taken).
public typealias GatewayEUI = EUI64

extension EUI64 {
    /// From the 8 bytes as the Semtech header carries them (most significant first).
    public init?(bytes: [UInt8]) {
        guard bytes.count == 8 else { return nil }
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        self.init(value)
    }

    /// MAC-48 expanded to EUI-64 by inserting FFFE in the middle (the form
    /// network servers expect; seed 000's config.py used FFFF by mistake).
    public init?(mac: [UInt8]) {
        guard mac.count == 6 else { return nil }
        self.init(bytes: Array(mac[0..<3]) + [0xFF, 0xFE] + Array(mac[3..<6]))
    }
}

/// Framing of every datagram: protocol version, 2-byte random token,
/// identifier, then (per identifier) the gateway EUI and/or a JSON object.
public enum SemtechDatagram {
    public static let protocolVersion: UInt8 = 2

    /// PUSH_DATA / TX_ACK: header, EUI, JSON.
    public static func encode(_ identifier: SemtechIdentifier, token: UInt16, eui: GatewayEUI, json: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + json.utf8.count)  // the one allocation: the datagram
        out.append(protocolVersion)
        out.append(UInt8(token >> 8))
        out.append(UInt8(token & 0xFF))
        out.append(identifier.rawValue)
        appendEUI(eui, to: &out)
        out.append(contentsOf: json.utf8)
        return out
    }

    /// The EUI's 8 bytes, most significant first, without a temporary array.
    static func appendEUI(_ eui: GatewayEUI, to out: inout [UInt8]) {
        for index in 0..<8 { out.append(UInt8(truncatingIfNeeded: eui.rawValue >> UInt64(56 - 8 * index))) }
    }

    /// PULL_DATA: header and EUI.
    public static func pullData(token: UInt16, eui: GatewayEUI) -> [UInt8] {
        [protocolVersion, UInt8(token >> 8), UInt8(token & 0xFF), SemtechIdentifier.pullData.rawValue] + eui.bytes
    }

    /// PUSH_ACK / PULL_ACK (what a server sends): header only.
    public static func ack(_ identifier: SemtechIdentifier, token: UInt16, version: UInt8 = protocolVersion) -> [UInt8] {
        [version, UInt8(token >> 8), UInt8(token & 0xFF), identifier.rawValue]
    }

    /// PULL_RESP (what a server sends): header and JSON.
    public static func pullResp(token: UInt16, json: String) -> [UInt8] {
        [protocolVersion, UInt8(token >> 8), UInt8(token & 0xFF), SemtechIdentifier.pullResp.rawValue] + Array(json.utf8)
    }

    /// The header of a received datagram, or why it is malformed.
    public struct Header: Equatable, Sendable {
        public var version: UInt8
        public var token: UInt16
        public var identifier: SemtechIdentifier
    }

    public static func header(_ bytes: ArraySlice<UInt8>) -> Result<Header, MalformedDatagram> {
        guard bytes.count >= 4 else { return .failure(.truncated) }
        let start = bytes.startIndex
        let version = bytes[start]
        guard version == 1 || version == 2 else { return .failure(.wrongVersion) }
        guard let identifier = SemtechIdentifier(rawValue: bytes[start + 3]) else { return .failure(.unknownIdentifier) }
        return .success(Header(version: version, token: UInt16(bytes[start + 1]) << 8 | UInt16(bytes[start + 2]),
                               identifier: identifier))
    }
}

/// Why a received datagram was dropped (each counted separately).
public enum MalformedDatagram: Error, Equatable, Sendable {
    case truncated, wrongVersion, unknownIdentifier, unexpectedIdentifier, badJSON, badTxpk(String), oversized

    public var message: String {
        switch self {
        case .truncated: return "truncated datagram"
        case .wrongVersion: return "unsupported protocol version"
        case .unknownIdentifier: return "unknown identifier"
        case .unexpectedIdentifier: return "identifier not expected from a server"
        case .badJSON: return "invalid JSON"
        case .badTxpk(let why): return "invalid txpk: " + why
        case .oversized: return "datagram larger than the receive buffer"
        }
    }
}
