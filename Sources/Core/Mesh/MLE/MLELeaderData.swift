/// Leader Data TLV (8 bytes): partition id, weighting, data version, stable data version,
/// leader router id (OpenThread `LeaderDataTlv`).
public struct MLELeaderData: MLETLVValue, Equatable, Sendable {
    public static let type = MLETLVType.leaderData
    public var partitionID: UInt32
    public var weighting: UInt8
    public var dataVersion: UInt8
    public var stableDataVersion: UInt8
    public var leaderRouterID: UInt8

    public init(partitionID: UInt32, weighting: UInt8, dataVersion: UInt8, stableDataVersion: UInt8, leaderRouterID: UInt8) {
        self.partitionID = partitionID
        self.weighting = weighting
        self.dataVersion = dataVersion
        self.stableDataVersion = stableDataVersion
        self.leaderRouterID = leaderRouterID
    }

    public init(value: [UInt8]) throws(MeshError) {
        try Self.require(value, count: 8, "Leader Data")
        self.init(partitionID: MLEBytes.be32(value, 0), weighting: value[4], dataVersion: value[5],
                  stableDataVersion: value[6], leaderRouterID: value[7])
    }

    public var value: [UInt8] {
        var b: [UInt8] = []
        MLEBytes.put32(partitionID, &b)
        b += [weighting, dataVersion, stableDataVersion, leaderRouterID]
        return b
    }
}
