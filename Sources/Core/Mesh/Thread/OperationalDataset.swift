/// The Active Operational Dataset: the network parameters every node of a Thread network shares,
/// carried as MeshCoP TLVs (Thread 1.1 §8.10; OpenThread `meshcop_tlvs.hpp`). Byte layout
/// checked against `dataset active -x` of ot-cli-ftd (Tests/MeshTests/Fixtures/ot-cli-single-leader.txt).
public struct OperationalDataset: Equatable, Sendable {
    public enum TLVType {
        public static let channel: UInt8 = 0
        public static let panID: UInt8 = 1
        public static let extPanID: UInt8 = 2
        public static let networkName: UInt8 = 3
        public static let pskc: UInt8 = 4
        public static let networkKey: UInt8 = 5
        public static let meshLocalPrefix: UInt8 = 7
        public static let securityPolicy: UInt8 = 12
        public static let activeTimestamp: UInt8 = 14
        public static let channelMask: UInt8 = 53
    }

    public var activeTimestamp: UInt64
    public var channel: UInt8
    public var panID: UInt16
    public var extPanID: [UInt8]
    public var networkName: String
    public var meshLocalPrefix: IPv6Prefix
    public var networkKey: NetworkKey
    public var pskc: [UInt8]
    public var keyRotationHours: UInt16

    /// Pymesh's defaults (seed 002: key 0134C0DE…, prefix fdde:ad00:beef:0::/64) plus
    /// OpenThread-valid values for what the seed leaves unsaid.
    public static let pymeshDefault = OperationalDataset(
        activeTimestamp: 1 << 16, channel: 11, panID: 0x1234,
        extPanID: [0xde, 0xad, 0x00, 0xbe, 0xef, 0x00, 0xca, 0xfe], networkName: "Pymesh",
        meshLocalPrefix: .defaultMeshLocal, networkKey: .pymeshDefault,
        pskc: [UInt8](repeating: 0, count: 16), keyRotationHours: 672)

    public init(activeTimestamp: UInt64, channel: UInt8, panID: UInt16, extPanID: [UInt8], networkName: String,
                meshLocalPrefix: IPv6Prefix, networkKey: NetworkKey, pskc: [UInt8], keyRotationHours: UInt16) {
        self.activeTimestamp = activeTimestamp
        self.channel = channel
        self.panID = panID
        self.extPanID = extPanID
        self.networkName = networkName
        self.meshLocalPrefix = meshLocalPrefix
        self.networkKey = networkKey
        self.pskc = pskc
        self.keyRotationHours = keyRotationHours
    }

    public var encoded: [UInt8] {
        var b: [UInt8] = []
        func tlv(_ t: UInt8, _ v: [UInt8]) { b.append(t); b.append(UInt8(v.count)); b += v }
        var ts: [UInt8] = []
        MLEBytes.put64(activeTimestamp, &ts)
        tlv(TLVType.activeTimestamp, ts)
        tlv(TLVType.channel, [0, 0, channel])
        tlv(TLVType.channelMask, [0, 4, 0x00, 0x1f, 0xff, 0xe0])
        tlv(TLVType.extPanID, extPanID)
        var prefix: [UInt8] = []
        MLEBytes.put64(meshLocalPrefix.address.high, &prefix)
        tlv(TLVType.meshLocalPrefix, prefix)
        tlv(TLVType.networkKey, networkKey.bytes)
        tlv(TLVType.networkName, Array(networkName.utf8.prefix(16)))
        tlv(TLVType.panID, [UInt8(panID >> 8), UInt8(panID & 0xff)])
        tlv(TLVType.pskc, pskc)
        // Flags as OpenThread's default policy `onrc 0` encodes them.
        tlv(TLVType.securityPolicy, [UInt8(keyRotationHours >> 8), UInt8(keyRotationHours & 0xff), 0xf7, 0xf8])
        return b
    }

    /// Reads a dataset, keeping `base` for any TLV that is absent; bad lengths are errors.
    public init(decoding bytes: [UInt8], base: OperationalDataset) throws(MeshError) {
        self = base
        for t in try MLETLV.decodeAll(bytes[...]) {
            let v = t.value
            switch t.type {
            case TLVType.activeTimestamp:
                try Self.need(v, 8, "Active Timestamp")
                activeTimestamp = MLEBytes.be64(v, 0)
            case TLVType.channel:
                try Self.need(v, 3, "Channel")
                guard v[1] == 0, (11...26).contains(v[2]) else { throw MeshError(.malformed, "dataset channel \(v[2]) outside 11-26") }
                channel = v[2]
            case TLVType.panID:
                try Self.need(v, 2, "PAN ID")
                panID = MLEBytes.be16(v, 0)
            case TLVType.extPanID:
                try Self.need(v, 8, "Extended PAN ID")
                extPanID = v
            case TLVType.networkName:
                guard v.count <= 16 else { throw MeshError(.malformed, "dataset network name of \(v.count) bytes (max 16)") }
                networkName = String(decoding: v, as: UTF8.self)
            case TLVType.meshLocalPrefix:
                try Self.need(v, 8, "Mesh Local Prefix")
                meshLocalPrefix = IPv6Prefix(sixtyFourBits: MLEBytes.be64(v, 0))
            case TLVType.networkKey:
                networkKey = try NetworkKey(bytes: v)
            case TLVType.pskc:
                try Self.need(v, 16, "PSKc")
                pskc = v
            case TLVType.securityPolicy:
                guard v.count >= 3 else { throw MeshError(.malformed, "dataset Security Policy of \(v.count) bytes") }
                keyRotationHours = MLEBytes.be16(v, 0)
            default:
                continue
            }
        }
    }

    static func need(_ v: [UInt8], _ n: Int, _ name: String) throws(MeshError) {
        guard v.count == n else { throw MeshError(.malformed, "dataset \(name) TLV must be \(n) bytes, got \(v.count)") }
    }
}
