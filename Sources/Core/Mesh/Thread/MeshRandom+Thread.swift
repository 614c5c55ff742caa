/// The draws Thread's logic makes from the node's seeded generator
/// (`bytes(_:)` comes with the generator itself).
extension MeshRandom {
    /// Uniform in 0...bound, always one draw (also for 0, unlike
    /// `next(upTo:)`): the nodes' replayed sequences depend on it.
    public mutating func upTo(_ bound: UInt64) -> UInt64 { bound == UInt64.max ? next() : next(below: bound + 1) }
}
