/// Route64 TLV: router id sequence, a 64-bit mask of allocated router ids (id 0 is the most
/// significant bit of the first byte), then one route byte per allocated id:
/// link quality out (bits 7-6), link quality in (bits 5-4), route cost (bits 3-0; 0 = unknown).
/// OpenThread `RouteTlv`.
public struct MLERoute64: MLETLVValue, Equatable, Sendable {
    public static let type = MLETLVType.route64
    public static let maxRouterID: UInt8 = 62

    public struct Entry: Equatable, Sendable {
        public var routerID: UInt8
        public var linkQualityOut: UInt8
        public var linkQualityIn: UInt8
        public var routeCost: UInt8
        public init(routerID: UInt8, linkQualityOut: UInt8, linkQualityIn: UInt8, routeCost: UInt8) {
            self.routerID = routerID
            self.linkQualityOut = linkQualityOut & 3
            self.linkQualityIn = linkQualityIn & 3
            self.routeCost = routeCost & 0x0f
        }
    }

    public var idSequence: UInt8
    public var entries: [Entry]

    public init(idSequence: UInt8, entries: [Entry]) {
        self.idSequence = idSequence
        self.entries = entries.filter { $0.routerID <= Self.maxRouterID }.sorted { $0.routerID < $1.routerID }
    }

    public init(value: [UInt8]) throws(MeshError) {
        try Self.require(value, atLeast: 9, "Route64")
        var ids: [UInt8] = []
        for id in 0..<64 where value[1 + id / 8] & (0x80 >> UInt8(id % 8)) != 0 { ids.append(UInt8(id)) }
        guard value.count == 9 + ids.count else {
            throw MeshError(.malformed, "MLE Route64 TLV has \(ids.count) router ids but \(value.count - 9) route bytes")
        }
        guard ids.allSatisfy({ $0 <= Self.maxRouterID }) else { throw MeshError(.malformed, "MLE Route64 TLV allocates router id 63") }
        idSequence = value[0]
        entries = []
        for (i, id) in ids.enumerated() {
            let r = value[9 + i]
            entries.append(Entry(routerID: id, linkQualityOut: r >> 6, linkQualityIn: (r >> 4) & 3, routeCost: r & 0x0f))
        }
    }

    public var value: [UInt8] {
        var mask = [UInt8](repeating: 0, count: 8)
        for e in entries { mask[Int(e.routerID / 8)] |= 0x80 >> (e.routerID % 8) }
        return [idSequence] + mask + entries.map { $0.linkQualityOut << 6 | $0.linkQualityIn << 4 | $0.routeCost }
    }

    public func entry(for routerID: UInt8) -> Entry? { entries.first { $0.routerID == routerID } }
}
