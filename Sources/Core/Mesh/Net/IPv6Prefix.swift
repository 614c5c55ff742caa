/// An IPv6 prefix such as `2001:cafe:cafe:cafe::/64` (border-router
/// prefixes, the mesh-local prefix). Bits beyond `length` are zero.
public struct IPv6Prefix: Hashable, Sendable {
    public let address: IPv6Address
    /// 0–128.
    public let length: UInt8

    public init(address: IPv6Address, length: UInt8) throws(MeshError) {
        guard length <= 128 else { throw MeshError(.invalidArgument, "prefix length \(length): allowed 0-128") }
        self.address = IPv6Prefix.masked(address, length: length)
        self.length = length
    }

    /// A /64 from its first 8 bytes.
    public init(sixtyFourBits high: UInt64) {
        address = IPv6Address(high: high, low: 0)
        length = 64
    }

    /// Thread's default mesh-local prefix `fdde:ad00:beef:0::/64` (OpenThread
    /// and Pymesh).
    public static let defaultMeshLocal = IPv6Prefix(sixtyFourBits: 0xFDDE_AD00_BEEF_0000)

    /// Parses `ADDRESS/LENGTH`.
    public init(parsing text: String) throws(MeshError) {
        let chars = Array(text.utf8)
        guard let slash = chars.firstIndex(of: UInt8(ascii: "/")) else {
            throw MeshError(.invalidArgument, "prefix \"\(text)\" needs /LENGTH")
        }
        let lengthText = chars[(slash + 1)...]
        guard !lengthText.isEmpty && lengthText.count <= 3 else {
            throw MeshError(.invalidArgument, "prefix \"\(text)\": bad length")
        }
        var value = 0
        for c in lengthText {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else {
                throw MeshError(.invalidArgument, "prefix \"\(text)\": bad length")
            }
            value = value * 10 + Int(c - UInt8(ascii: "0"))
        }
        guard value <= 128 else { throw MeshError(.invalidArgument, "prefix \"\(text)\": length \(value) over 128") }
        let address = try IPv6Address(parsing: String(decoding: chars[..<slash], as: UTF8.self))
        try self.init(address: address, length: UInt8(value))
    }

    public func contains(_ candidate: IPv6Address) -> Bool {
        IPv6Prefix.masked(candidate, length: length) == address
    }

    /// `2001:dead:beef:cafe::/64`, as the seed's `border_router()` shows:
    /// the groups the length covers, then `::` unless all eight are written.
    public var description: String {
        let groups = (Int(length) + 15) / 16
        var chars: [UInt8] = []
        for index in 0..<groups {
            if index > 0 { chars.append(UInt8(ascii: ":")) }
            IPv6Address.appendHex(address.group(index), to: &chars)
        }
        if groups < 8 { chars.append(contentsOf: Array("::".utf8)) }
        return String(decoding: chars, as: UTF8.self) + "/\(length)"
    }

    static func masked(_ address: IPv6Address, length: UInt8) -> IPv6Address {
        let bits = Int(length)
        let highMask: UInt64 = bits >= 64 ? ~0 : (bits == 0 ? 0 : ~0 << UInt64(64 - bits))
        let lowMask: UInt64 = bits <= 64 ? 0 : (bits >= 128 ? ~0 : ~0 << UInt64(128 - bits))
        return IPv6Address(high: address.high & highMask, low: address.low & lowMask)
    }
}
