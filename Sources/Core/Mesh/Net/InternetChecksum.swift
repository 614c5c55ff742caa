/// The Internet checksum over the IPv6 pseudo-header and an upper-layer
/// message (RFC 8200 §8.1, RFC 1071), for UDP and ICMPv6.
public enum InternetChecksum {
    public static func upperLayer(source: IPv6Address, destination: IPv6Address, nextHeader: UInt8,
                                  message: [UInt8]) -> UInt16 {
        var sum: UInt64 = 0
        for half in [source.high, source.low, destination.high, destination.low] {
            sum += half >> 48 + (half >> 32 & 0xFFFF) + (half >> 16 & 0xFFFF) + (half & 0xFFFF)
        }
        sum += UInt64(message.count >> 16) + UInt64(message.count & 0xFFFF) + UInt64(nextHeader)
        var index = 0
        while index + 1 < message.count {
            sum += UInt64(message[index]) << 8 | UInt64(message[index + 1])
            index += 2
        }
        if index < message.count { sum += UInt64(message[index]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }
}
