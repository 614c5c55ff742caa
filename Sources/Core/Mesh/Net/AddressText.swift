/// IPv6 text as OpenThread and the seed print it: all eight groups in
/// lower-case hex without leading zeros and without `::` compression
/// (`fdde:ad00:beef:0:0:ff:fe00:fc00`, `fe80:0:0:0:301:101:101:104`).
/// Parsing accepts RFC 4291 §2.2 text, `::` included.
extension IPv6Address {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    public var description: String {
        var chars: [UInt8] = []
        chars.reserveCapacity(39)
        for index in 0..<8 {
            if index > 0 { chars.append(UInt8(ascii: ":")) }
            IPv6Address.appendHex(group(index), to: &chars)
        }
        return String(decoding: chars, as: UTF8.self)
    }

    static func appendHex(_ value: UInt16, to chars: inout [UInt8]) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = Int(value >> UInt16(shift) & 0xF)
            if nibble != 0 || started || shift == 0 {
                started = true
                chars.append(digits[nibble])
            }
        }
    }

    /// Parses `2001:db8::1`, `fdde:ad00:beef:0:0:ff:fe00:fc00`, `::`;
    /// anything else (a ninth group, a group of five digits, two `::`,
    /// an embedded IPv4, a zone) is an error naming the text.
    public init(parsing text: String) throws(MeshError) {
        let chars = Array(text.utf8)
        guard !chars.isEmpty && chars.count <= 39 else {
            throw MeshError(.invalidArgument, "\"\(text)\" is not an IPv6 address")
        }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var index = 0
        func fail() -> MeshError { MeshError(.invalidArgument, "\"\(text)\" is not an IPv6 address") }
        if chars.count >= 2 && chars[0] == UInt8(ascii: ":") && chars[1] == UInt8(ascii: ":") {
            sawGap = true
            index = 2
        } else if chars[0] == UInt8(ascii: ":") {
            throw fail()
        }
        while index < chars.count {
            var value: UInt32 = 0
            var count = 0
            while index < chars.count, let nibble = IPv6Address.nibble(chars[index]) {
                value = value << 4 | UInt32(nibble)
                count += 1
                index += 1
                if count > 4 { throw fail() }
            }
            guard count > 0 else { throw fail() }
            if sawGap { tail.append(UInt16(value)) } else { head.append(UInt16(value)) }
            if index == chars.count { break }
            guard chars[index] == UInt8(ascii: ":") else { throw fail() }
            index += 1
            if index < chars.count && chars[index] == UInt8(ascii: ":") {
                if sawGap { throw fail() }
                sawGap = true
                index += 1
                if index == chars.count { break }
            } else if index == chars.count {
                throw fail()
            }
        }
        let total = head.count + tail.count
        guard sawGap ? total < 8 : total == 8 else { throw fail() }
        let groups = head + [UInt16](repeating: 0, count: 8 - total) + tail
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in 0..<4 { high = high << 16 | UInt64(groups[group]) }
        for group in 4..<8 { low = low << 16 | UInt64(groups[group]) }
        self.init(high: high, low: low)
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
