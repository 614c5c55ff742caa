/// The 6LoWPAN context table (RFC 6282 §3.1.2): context ids 0–15 to
/// prefixes. Thread fixes context 0 to the mesh-local prefix (Thread 1.1
/// §5.4.1); network data may add more (mesh-high's Thread layer).
public struct LoWPANContexts: Equatable, Sendable {
    public private(set) var prefixes: [UInt8: IPv6Prefix] = [:]

    public init() {}

    /// Context 0 = the mesh-local prefix.
    public static func thread(meshLocalPrefix: IPv6Prefix) -> LoWPANContexts {
        var table = LoWPANContexts()
        table.prefixes[0] = meshLocalPrefix
        return table
    }

    public mutating func set(id: UInt8, prefix: IPv6Prefix) throws(MeshError) {
        guard id < 16 else { throw MeshError(.invalidArgument, "6LoWPAN context id \(id): allowed 0-15") }
        prefixes[id] = prefix
    }

    public mutating func remove(id: UInt8) { prefixes[id] = nil }

    public func prefix(id: UInt8) -> IPv6Prefix? { prefixes[id] }

    /// The lowest context id whose prefix (up to 64 bits, what IPHC can
    /// elide) covers `address`.
    public func id(covering address: IPv6Address) -> UInt8? {
        var best: UInt8?
        for (id, prefix) in prefixes where prefix.length >= 64 || prefix.contains(address) {
            if prefix.length >= 64 && IPv6Prefix.masked(address, length: 64) != IPv6Prefix.masked(prefix.address, length: 64) {
                continue
            }
            if best == nil || id < best! { best = id }
        }
        return best
    }
}
