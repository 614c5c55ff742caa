/// The draws Thread's logic makes from the node's seeded generator.
extension MeshRandom {
    public mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }

    /// Uniform in 0...bound.
    public mutating func upTo(_ bound: UInt64) -> UInt64 { bound == UInt64.max ? next() : next(below: bound + 1) }
}
