/// Thread Network Data (Thread 1.1 §5.18; OpenThread `network_data_tlvs.hpp`): TLVs whose type
/// byte is `type << 1 | stable`. Prefix TLVs (domain id, prefix length in bits, prefix bytes,
/// sub-TLVs) carry Border Router entries (RLOC16 + flags) and a 6LoWPAN Context; other TLVs
/// (commissioning data, services) are kept as they came.
public struct NetworkData: Equatable, Sendable {
    public enum TLVType {
        public static let hasRoute: UInt8 = 0
        public static let prefix: UInt8 = 1
        public static let borderRouter: UInt8 = 2
        public static let context: UInt8 = 3
        public static let commissioning: UInt8 = 4
    }

    /// Border Router flags (Thread 1.1 §5.18.3): preference in bits 15-14, then
    /// preferred, slaac, dhcp, configure, default route, on-mesh, nd-dns.
    public enum Flag {
        public static let preferred: UInt16 = 1 << 13
        public static let slaac: UInt16 = 1 << 12
        public static let dhcp: UInt16 = 1 << 11
        public static let configure: UInt16 = 1 << 10
        public static let defaultRoute: UInt16 = 1 << 9
        public static let onMesh: UInt16 = 1 << 8
    }

    public struct BorderRouter: Equatable, Sendable {
        public var rloc16: UInt16
        public var flags: UInt16
        public init(rloc16: UInt16, flags: UInt16) { self.rloc16 = rloc16; self.flags = flags }
        /// -1 low, 0 medium, 1 high (2-bit signed field).
        public var preference: Int { let p = Int(flags >> 14); return p == 3 ? -1 : (p == 1 ? 1 : 0) }
    }

    public struct Prefix: Equatable, Sendable {
        public var prefix: IPv6Prefix
        public var stable: Bool
        public var borderRouters: [BorderRouter]
        public var contextID: UInt8?
        public init(prefix: IPv6Prefix, stable: Bool = true, borderRouters: [BorderRouter], contextID: UInt8? = nil) {
            self.prefix = prefix
            self.stable = stable
            self.borderRouters = borderRouters
            self.contextID = contextID
        }
        public var isSLAAC: Bool { borderRouters.contains { $0.flags & Flag.slaac != 0 } }
    }

    public var prefixes: [Prefix] = []
    /// TLVs other than Prefix, bytes as received (type byte included).
    public var otherTLVs: [MLETLV] = []

    public init(prefixes: [Prefix] = [], otherTLVs: [MLETLV] = []) {
        self.prefixes = prefixes
        self.otherTLVs = otherTLVs
    }

    public init(decoding bytes: [UInt8]) throws(MeshError) {
        for t in try MLETLV.decodeAll(bytes[...]) {
            guard t.type >> 1 == TLVType.prefix else { otherTLVs.append(t); continue }
            let v = t.value
            guard v.count >= 2 else { throw MeshError(.malformed, "network data Prefix TLV of \(v.count) bytes") }
            let bits = Int(v[1])
            let prefixBytes = (bits + 7) / 8
            guard bits <= 128, v.count >= 2 + prefixBytes else { throw MeshError(.malformed, "network data prefix length \(bits) does not fit") }
            var address = [UInt8](repeating: 0, count: 16)
            for i in 0..<prefixBytes { address[i] = v[2 + i] }
            var p = Prefix(prefix: try IPv6Prefix(address: try IPv6Address(bytes: address), length: UInt8(bits)),
                           stable: t.type & 1 == 1, borderRouters: [])
            for sub in try MLETLV.decodeAll(v[(2 + prefixBytes)...]) {
                switch sub.type >> 1 {
                case TLVType.borderRouter:
                    guard sub.value.count % 4 == 0 else { throw MeshError(.malformed, "Border Router sub-TLV of \(sub.value.count) bytes") }
                    for i in stride(from: 0, to: sub.value.count, by: 4) {
                        p.borderRouters.append(BorderRouter(rloc16: MLEBytes.be16(sub.value, i), flags: MLEBytes.be16(sub.value, i + 2)))
                    }
                case TLVType.context:
                    guard sub.value.count == 2 else { throw MeshError(.malformed, "Context sub-TLV of \(sub.value.count) bytes") }
                    p.contextID = sub.value[0] & 0x0f
                default:
                    continue
                }
            }
            prefixes.append(p)
        }
    }

    public var encoded: [UInt8] {
        var b: [UInt8] = []
        for p in prefixes {
            var v: [UInt8] = [0, p.prefix.length]
            v += p.prefix.address.bytes.prefix((Int(p.prefix.length) + 7) / 8)
            if !p.borderRouters.isEmpty {
                var entries: [UInt8] = []
                for br in p.borderRouters { MLEBytes.put16(br.rloc16, &entries); MLEBytes.put16(br.flags, &entries) }
                MLETLV(type: TLVType.borderRouter << 1 | (p.stable ? 1 : 0), value: entries).encode(into: &v)
            }
            if let c = p.contextID {
                // Compress flag (0x10) with the context id; context length in bits.
                MLETLV(type: TLVType.context << 1 | 1, value: [0x10 | c, p.prefix.length]).encode(into: &v)
            }
            MLETLV(type: TLVType.prefix << 1 | (p.stable ? 1 : 0), value: v).encode(into: &b)
        }
        for t in otherTLVs { t.encode(into: &b) }
        return b
    }

    /// The leader's merge of one border router's local data: its entries replace what it had.
    public mutating func replaceEntries(of rloc16: UInt16, with local: NetworkData) {
        for i in prefixes.indices { prefixes[i].borderRouters.removeAll { $0.rloc16 == rloc16 } }
        for lp in local.prefixes {
            let mine = lp.borderRouters.map { BorderRouter(rloc16: rloc16, flags: $0.flags) }
            if let i = prefixes.firstIndex(where: { $0.prefix == lp.prefix }) {
                prefixes[i].borderRouters += mine
            } else {
                var p = lp
                p.borderRouters = mine
                prefixes.append(p)
            }
        }
        prefixes.removeAll { $0.borderRouters.isEmpty }
        // Contexts 1-15 for prefixes (0 is the mesh-local prefix).
        for i in prefixes.indices where prefixes[i].contextID == nil {
            let used = Set(prefixes.compactMap { $0.contextID })
            prefixes[i].contextID = (1...15).first { !used.contains(UInt8($0)) }.map(UInt8.init)
        }
    }

    /// OpenThread's flag letters: p(referred) a(slaac) d(hcp) c(onfigure) r(oute) o(n-mesh) s(table).
    public static func flagText(_ flags: UInt16, stable: Bool) -> String {
        var s = ""
        if flags & Flag.preferred != 0 { s += "p" }
        if flags & Flag.slaac != 0 { s += "a" }
        if flags & Flag.dhcp != 0 { s += "d" }
        if flags & Flag.configure != 0 { s += "c" }
        if flags & Flag.defaultRoute != 0 { s += "r" }
        if flags & Flag.onMesh != 0 { s += "o" }
        if stable { s += "s" }
        return s
    }

    /// Parses OpenThread's `prefix add` flag letters.
    public static func flags(fromText text: Substring) -> (flags: UInt16, stable: Bool)? {
        var f: UInt16 = 0
        var stable = false
        for c in text {
            switch c {
            case "p": f |= Flag.preferred
            case "a": f |= Flag.slaac
            case "d": f |= Flag.dhcp
            case "c": f |= Flag.configure
            case "r": f |= Flag.defaultRoute
            case "o": f |= Flag.onMesh
            case "s": stable = true
            default: return nil
            }
        }
        return (f, stable)
    }
}
