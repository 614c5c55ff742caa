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
/// three). The key switch guard and the rotation timer follow OpenThread
/// `key_manager.cpp` (`SetCurrentKeySequence`, `HandleKeyRotationTimer`) on a
/// millisecond clock given by the caller: after a switch that resets the
/// guard, a neighbour's newer sequence is not adopted for `keySwitchGuardHours`.
public struct KeyManager: Sendable {
    /// OpenThread's default key rotation time (`kDefaultKeyRotationTime`, 672 h).
    public static let defaultRotationHours: UInt32 = 672
    /// OpenThread's default key switch guard time (`kDefaultKeySwitchGuardTime`, 93 % of 672 h).
    public static let defaultKeySwitchGuardHours: UInt32 = 624
    static let millisPerHour: UInt64 = 3_600_000

    public private(set) var networkKey: NetworkKey
    public private(set) var current: DerivedKeys
    public private(set) var previous: DerivedKeys?
    public private(set) var next: DerivedKeys
    /// Outgoing MAC frame counter (reset when the key sequence changes).
    public private(set) var macFrameCounter: UInt32 = 0
    /// Outgoing MLE frame counter (reset when the key sequence changes).
    public private(set) var mleFrameCounter: UInt32 = 0
    /// `keysequence guardtime` (hours).
    public var keySwitchGuardHours = KeyManager.defaultKeySwitchGuardHours
    /// Hours after which the sequence moves on by itself (0: never).
    public var rotationHours = KeyManager.defaultRotationHours
    /// While now is before this, a guarded switch is refused (OpenThread: the guard timer
    /// is 0 when Thread starts, so the first neighbour's newer sequence is adopted).
    public private(set) var guardEndsMillis: UInt64 = 0
    /// When the rotation timer last restarted.
    public private(set) var rotationStartedMillis: UInt64 = 0

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
        let guardHours = keySwitchGuardHours, rotation = rotationHours
        self = try KeyManager(networkKey: key, keySequence: keySequence)
        keySwitchGuardHours = guardHours
        rotationHours = rotation
    }

    /// Moves to `sequence` (a rotation, or a neighbour's newer sequence) without
    /// looking at the guard; frame counters restart at 0 as the keys change.
    public mutating func setKeySequence(_ sequence: UInt32) throws(MeshError) {
        guard sequence != current.keySequence else { return }
        let material = try KeyManager(networkKey: networkKey, keySequence: sequence)
        current = material.current
        previous = material.previous
        next = material.next
        macFrameCounter = 0
        mleFrameCounter = 0
    }

    /// OpenThread's `SetCurrentKeySequence(seq, flags)`: `applySwitchGuard` refuses the
    /// change while the guard runs; `resetGuardTimer` restarts the guard and the rotation
    /// timer. True when the sequence changed.
    public mutating func setKeySequence(_ sequence: UInt32, applySwitchGuard: Bool, resetGuardTimer: Bool,
                                        nowMillis: UInt64) -> Bool {
        guard sequence != current.keySequence else { return false }
        if applySwitchGuard && isGuardRunning(nowMillis: nowMillis) { return false }
        do throws(MeshError) { try setKeySequence(sequence) } catch { return false }
        if resetGuardTimer {
            guardEndsMillis = nowMillis &+ UInt64(keySwitchGuardHours) * KeyManager.millisPerHour
            rotationStartedMillis = nowMillis
        }
        return true
    }

    public func isGuardRunning(nowMillis: UInt64) -> Bool { nowMillis < guardEndsMillis }

    /// Thread start: the guard is off and the rotation timer restarts (OpenThread `Start`).
    public mutating func startTimers(nowMillis: UInt64) {
        guardEndsMillis = 0
        rotationStartedMillis = nowMillis
    }

    /// When the periodic rotation is due (nil: rotation off).
    public var rotationDueMillis: UInt64? {
        rotationHours == 0 ? nil : rotationStartedMillis &+ UInt64(rotationHours) * KeyManager.millisPerHour
    }

    /// The periodic rotation: sequence + 1, guard reset (OpenThread `CheckForKeyRotation`).
    public mutating func rotateIfDue(nowMillis: UInt64) -> Bool {
        guard let due = rotationDueMillis, nowMillis >= due else { return false }
        return setKeySequence(current.keySequence &+ 1, applySwitchGuard: false, resetGuardTimer: true, nowMillis: nowMillis)
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

    /// MLE accepts any key sequence: outside the window the keys are derived for the
    /// message (OpenThread `GetTemporaryMleKey`), so that a neighbour several sequences
    /// ahead can be heard and followed.
    public func mleKeys(forSequence sequence: UInt32) throws(MeshError) -> DerivedKeys {
        if let keys = keys(forSequence: sequence) { return keys }
        return try DerivedKeys(networkKey: networkKey, keySequence: sequence)
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
