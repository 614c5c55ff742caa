/// Per-sender state the MAC keeps for security: the extended address
/// behind a short address (the nonce needs it) and the next frame counter
/// expected at a key sequence (replay protection, 802.15.4-2006 §7.5.8.2.3;
/// OpenThread `Mac::ProcessReceiveSecurity`). Bounded: the least recently
/// heard entry makes room.
public struct NeighborSecurityTable: Sendable {
    struct Entry {
        var extended: ExtendedAddress
        var short: ShortAddress
        var keySequence: UInt32
        /// nil: nothing accepted yet at `keySequence`.
        var nextCounter: UInt32?
        var lastHeard: UInt64
    }

    public let capacity: Int
    private var entries: [Entry] = []
    private var clock: UInt64 = 0

    public init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
        entries.reserveCapacity(self.capacity)
    }

    public var count: Int { entries.count }

    /// Tells the MAC which extended address uses `short` (from MLE: a
    /// child, a router, the parent). `.invalidShort` forgets the mapping.
    public mutating func setShortAddress(_ short: ShortAddress, for extended: ExtendedAddress) {
        for index in entries.indices where entries[index].short == short && short != .invalidShort {
            entries[index].short = .invalidShort
        }
        let index = slot(for: extended)
        entries[index].short = short
    }

    public func extendedAddress(forShort short: ShortAddress) -> ExtendedAddress? {
        guard short != .invalidShort && short != .broadcastShort else { return nil }
        return entries.first { $0.short == short }?.extended
    }

    public func shortAddress(for extended: ExtendedAddress) -> ShortAddress? {
        entries.first { $0.extended == extended }.map { $0.short }
    }

    /// Sets the next frame counter expected from a neighbour, as MLE learns
    /// it from a Link-layer Frame Counter TLV when the link is (re)established
    /// (a rebooted neighbour restarts its counter; OpenThread
    /// `Neighbor::GetLinkFrameCounters().SetAll`).
    public mutating func setFrameCounter(_ nextCounter: UInt32, keySequence: UInt32, for extended: ExtendedAddress) {
        let index = slot(for: extended)
        entries[index].keySequence = keySequence
        entries[index].nextCounter = nextCounter
    }

    /// Forgets a neighbour (it detached, or its link timed out).
    public mutating func remove(_ extended: ExtendedAddress) { entries.removeAll { $0.extended == extended } }

    public enum Verdict: Equatable, Sendable { case fresh, duplicate, replay }

    /// Whether `counter` at `keySequence` from `extended` is new. Does not
    /// record it: call `accept` once the MIC checked out.
    public func check(_ extended: ExtendedAddress, keySequence: UInt32, counter: UInt32) -> Verdict {
        guard let entry = entries.first(where: { $0.extended == extended }),
              let next = entry.nextCounter else { return .fresh }
        if keySequence < entry.keySequence { return .replay }
        if keySequence > entry.keySequence || counter >= next { return .fresh }
        return counter == next &- 1 ? .duplicate : .replay
    }

    /// Records an authenticated frame's counter. A newer key sequence
    /// restarts the window; an older one is refused by `check`.
    public mutating func accept(_ extended: ExtendedAddress, keySequence: UInt32, counter: UInt32) {
        let index = slot(for: extended)
        if entries[index].keySequence != keySequence || entries[index].nextCounter == nil {
            entries[index].keySequence = keySequence
        }
        entries[index].nextCounter = counter == UInt32.max ? UInt32.max : counter + 1
        clock += 1
        entries[index].lastHeard = clock
    }

    private mutating func slot(for extended: ExtendedAddress) -> Int {
        clock += 1
        if let index = entries.firstIndex(where: { $0.extended == extended }) {
            entries[index].lastHeard = clock
            return index
        }
        if entries.count >= capacity, let oldest = entries.indices.min(by: { entries[$0].lastHeard < entries[$1].lastHeard }) {
            entries.remove(at: oldest)
        }
        entries.append(Entry(extended: extended, short: .invalidShort, keySequence: 0, nextCounter: nil, lastHeard: clock))
        return entries.count - 1
    }
}
