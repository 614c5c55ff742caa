import CLinux

/// An IPv4 or IPv6 UDP endpoint.
public struct SocketAddress: Equatable, Sendable {
    /// 4 or 6.
    public var family: UInt8
    /// 4 or 16 bytes, network order.
    public var bytes: [UInt8]
    public var port: UInt16
    public var scopeID: UInt32

    public init(family: UInt8, bytes: [UInt8], port: UInt16, scopeID: UInt32 = 0) {
        self.family = family
        self.bytes = bytes
        self.port = port
        self.scopeID = scopeID
    }

    /// 127.0.0.1:`port`.
    public static func loopback(port: UInt16) -> SocketAddress {
        SocketAddress(family: 4, bytes: [127, 0, 0, 1], port: port)
    }

    /// "192.0.2.1:1700" or "[2001:db8::1]:1700".
    public var description: String {
        if family == 4 { return "\(bytes[0]).\(bytes[1]).\(bytes[2]).\(bytes[3]):\(port)" }
        let digits = Array("0123456789abcdef".utf8)
        var text = "["
        for group in 0..<8 {
            if group > 0 { text += ":" }
            let value = UInt16(bytes[2 * group]) << 8 | UInt16(bytes[2 * group + 1])
            var started = false
            for shift in stride(from: 12, through: 0, by: -4) {
                let nibble = Int((value >> UInt16(shift)) & 0xF)
                if nibble != 0 || started || shift == 0 {
                    started = true
                    text += String(decoding: [digits[nibble]], as: UTF8.self)
                }
            }
        }
        return text + "]:\(port)"
    }

    init(_ raw: lk_address) {
        var raw = raw
        let count = raw.family == 6 ? 16 : 4
        let all = withUnsafeBytes(of: &raw.bytes) { Array($0) }
        self.init(family: raw.family, bytes: Array(all[0..<count]), port: raw.port, scopeID: raw.scope_id)
    }

    var raw: lk_address {
        var raw = lk_address()
        raw.family = family
        raw.port = port
        raw.scope_id = scopeID
        withUnsafeMutableBytes(of: &raw.bytes) { buffer in
            for (index, byte) in bytes.prefix(16).enumerated() { buffer[index] = byte }
        }
        return raw
    }
}

/// Name resolution (getaddrinfo; blocking: the gateway calls it on its
/// backhaul thread, BackhaulThread). IPv4 preferred, as lora_pkt_fwd does.
public enum Resolver {
    public static func resolveUDP(host: String, port: UInt16) -> Result<SocketAddress, SystemError> {
        var raw = lk_address()
        let rc = host.withCString { lk_resolve_udp($0, port, &raw) }
        if rc != 0 { return .failure(failure(host: host, code: rc)) }
        return .success(SocketAddress(raw))
    }

    /// "cannot resolve HOST: <gai_strerror>" for a negative EAI_* code.
    static func failure(host: String, code rc: Int32) -> SystemError {
        var buffer = [CChar](repeating: 0, count: 128)
        buffer.withUnsafeMutableBufferPointer { lk_gai_strerror(rc, $0.baseAddress, $0.count) }
        return SystemError(operation: "resolve", code: rc, message: "cannot resolve \(host): \(Syscalls.string(buffer))")
    }
}
