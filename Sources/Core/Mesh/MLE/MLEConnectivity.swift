/// Connectivity TLV (OpenThread `ConnectivityTlv`): parent priority (bits 7-6 of the first
/// byte, signed), neighbour counts per link quality 3/2/1, leader cost, id sequence, active
/// routers, then optionally SED buffer size (2) and SED datagram count (1).
public struct MLEConnectivity: MLETLVValue, Equatable, Sendable {
    public static let type = MLETLVType.connectivity
    public var parentPriority: Int8
    public var linkQuality3: UInt8
    public var linkQuality2: UInt8
    public var linkQuality1: UInt8
    public var leaderCost: UInt8
    public var idSequence: UInt8
    public var activeRouters: UInt8
    public var sedBufferSize: UInt16
    public var sedDatagramCount: UInt8

    public init(parentPriority: Int8 = 0, linkQuality3: UInt8, linkQuality2: UInt8 = 0, linkQuality1: UInt8 = 0,
                leaderCost: UInt8, idSequence: UInt8, activeRouters: UInt8,
                sedBufferSize: UInt16 = 1280, sedDatagramCount: UInt8 = 1) {
        self.parentPriority = parentPriority
        self.linkQuality3 = linkQuality3
        self.linkQuality2 = linkQuality2
        self.linkQuality1 = linkQuality1
        self.leaderCost = leaderCost
        self.idSequence = idSequence
        self.activeRouters = activeRouters
        self.sedBufferSize = sedBufferSize
        self.sedDatagramCount = sedDatagramCount
    }

    public init(value: [UInt8]) throws(MeshError) {
        guard value.count == 7 || value.count == 10 else {
            throw MeshError(.malformed, "MLE Connectivity TLV must be 7 or 10 bytes, got \(value.count)")
        }
        let p = (value[0] >> 6) & 3
        self.init(parentPriority: p == 2 ? -1 : (p == 3 ? -2 : Int8(p)), linkQuality3: value[1], linkQuality2: value[2],
                  linkQuality1: value[3], leaderCost: value[4], idSequence: value[5], activeRouters: value[6],
                  sedBufferSize: value.count == 10 ? MLEBytes.be16(value, 7) : 1280,
                  sedDatagramCount: value.count == 10 ? value[9] : 1)
    }

    public var value: [UInt8] {
        let p: UInt8 = parentPriority < 0 ? (parentPriority == -1 ? 3 : 2) : UInt8(parentPriority & 1)
        var b: [UInt8] = [p << 6, linkQuality3, linkQuality2, linkQuality1, leaderCost, idSequence, activeRouters]
        MLEBytes.put16(sedBufferSize, &b)
        b.append(sedDatagramCount)
        return b
    }
}
