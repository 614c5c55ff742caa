/// IPv6 header compression (RFC 6282 §3) and UDP/extension-header next
/// header compression (§4), with the addresses elided from the MAC
/// addresses and the context table. Both directions check every length
/// before reading; decompression of hostile bytes is `.malformed`.
public enum IPHC {
    /// 011xxxxx: the IPHC dispatch (RFC 6282 §3.1).
    public static func isIPHC(_ byte: UInt8) -> Bool { byte & 0xE0 == 0x60 }

    static let udpNHCMask: UInt8 = 0xF8
    static let udpNHCValue: UInt8 = 0xF0
    static let extNHCMask: UInt8 = 0xF0
    static let extNHCValue: UInt8 = 0xE0

    /// The interface identifier a MAC address implies (RFC 4944 §6, RFC 6282
    /// §3.2.2): EUI-64 with the U/L bit flipped, or `0000:00ff:fe00:XXXX`.
    static func interfaceIdentifier(of address: MACAddress) -> UInt64? {
        switch address {
        case .none: return nil
        case .short(let short): return ThreadAddresses.locatorIdentifier(short)
        case .extended(let ext): return ExtendedAddress.iidValue(ext)
        }
    }
}

/// The result of decompressing the headers at the start of a 6LoWPAN payload.
public struct DecompressedHeaders: Equatable, Sendable {
    /// The uncompressed IPv6 header, extension headers and UDP header.
    public var bytes: [UInt8]
    /// How many compressed bytes they took.
    public var compressedBytes: Int
    /// The next header after the last uncompressed header (UDP, ICMPv6…).
    public var upperLayerProtocol: UInt8
}
