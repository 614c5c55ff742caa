/// The MAC and MLE keys of one key sequence (Thread 1.1 §7.1.4;
/// OpenThread `src/core/thread/key_manager.cpp`: `ComputeKeys`).
public struct DerivedKeys: Equatable, Sendable {
    public let keySequence: UInt32
    /// HMAC output bytes 0–15.
    public let mleKey: [UInt8]
    /// HMAC output bytes 16–31.
    public let macKey: [UInt8]

    /// MAC key-id mode 1 key index: (sequence & 0x7f) + 1.
    public var keyIndex: UInt8 { KeyManager.keyIndex(forSequence: keySequence) }

    /// HMAC-SHA256(network key, BE32(sequence) ‖ "Thread").
    public init(networkKey: NetworkKey, keySequence: UInt32) throws(MeshError) {
        let message: [UInt8] = [
            UInt8(keySequence >> 24), UInt8(keySequence >> 16 & 0xFF), UInt8(keySequence >> 8 & 0xFF),
            UInt8(keySequence & 0xFF),
        ] + Array("Thread".utf8)
        let digest = try HMACSHA256.authenticate(message, key: networkKey.bytes)
        self.keySequence = keySequence
        mleKey = Array(digest[0..<16])
        macKey = Array(digest[16..<32])
    }
}

/// Key sequence, derived keys and outgoing frame counters of one node.
/// Keys of the previous, current and next sequence are kept so frames
/// sent around a rotation still authenticate (OpenThread keeps the same
/// three).
public struct KeyManager: Sendable {
    /// OpenThread's default key rotation time (`kDefaultKeyRotationTime`, 672 h).
    public static let defaultRotationHours: UInt32 = 672

    public private(set) var networkKey: NetworkKey
    public private(set) var current: DerivedKeys
    public private(set) var previous: DerivedKeys?
    public private(set) var next: DerivedKeys
    /// Outgoing MAC frame counter (reset when the key sequence changes).
    public private(set) var macFrameCounter: UInt32 = 0
    /// Outgoing MLE frame counter (reset when the key sequence changes).
    public private(set) var mleFrameCounter: UInt32 = 0

    public init(networkKey: NetworkKey, keySequence: UInt32 = 0) throws(MeshError) {
        self.networkKey = networkKey
        current = try DerivedKeys(networkKey: networkKey, keySequence: keySequence)
        previous = keySequence > 0 ? try DerivedKeys(networkKey: networkKey, keySequence: keySequence - 1) : nil
        next = try DerivedKeys(networkKey: networkKey, keySequence: keySequence &+ 1)
    }

    public var keySequence: UInt32 { current.keySequence }

    public static func keyIndex(forSequence sequence: UInt32) -> UInt8 { UInt8(sequence & 0x7F) + 1 }

    /// A new network key restarts at the given sequence with fresh counters.
    public mutating func setNetworkKey(_ key: NetworkKey, keySequence: UInt32 = 0) throws(MeshError) {
        self = try KeyManager(networkKey: key, keySequence: keySequence)
    }

    /// Moves to `sequence` (a rotation, or a neighbour's newer sequence);
    /// frame counters restart at 0 as the keys change.
    public mutating func setKeySequence(_ sequence: UInt32) throws(MeshError) {
        guard sequence != current.keySequence else { return }
        self = try KeyManager(networkKey: networkKey, keySequence: sequence)
    }

    /// The periodic rotation: sequence + 1.
    public mutating func rotate() throws(MeshError) { try setKeySequence(current.keySequence &+ 1) }

    /// The keys a received MAC frame's key index points at: current,
    /// previous or next sequence (nil: an index of none of them).
    public func keys(forKeyIndex index: UInt8) -> DerivedKeys? {
        if index == current.keyIndex { return current }
        if let previous, index == previous.keyIndex { return previous }
        if index == next.keyIndex { return next }
        return nil
    }

    /// The keys of a received MLE frame's key sequence (same window).
    public func keys(forSequence sequence: UInt32) -> DerivedKeys? {
        if sequence == current.keySequence { return current }
        if let previous, sequence == previous.keySequence { return previous }
        if sequence == next.keySequence { return next }
        return nil
    }

    /// The counter for the next secured MAC frame; nil once exhausted (a
    /// key rotation is then required: a counter is never reused).
    public mutating func takeMACFrameCounter() -> UInt32? {
        guard macFrameCounter != UInt32.max else { return nil }
        defer { macFrameCounter += 1 }
        return macFrameCounter
    }

    /// The counter for the next secured MLE message; nil once exhausted.
    public mutating func takeMLEFrameCounter() -> UInt32? {
        guard mleFrameCounter != UInt32.max else { return nil }
        defer { mleFrameCounter += 1 }
        return mleFrameCounter
    }
}
