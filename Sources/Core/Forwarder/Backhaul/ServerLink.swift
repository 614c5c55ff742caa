import Runtime

/// Where the network server is, and when to look again (issue 12 #7):
/// resolved with backoff until it answers (1 s, 2 s … 60 s), re-resolved at
/// least hourly and after `timeoutsBeforeReresolve` PUSH_DATA timeouts in a
/// row (servers move). Pure; the transport does the resolving off the loop.
public struct ServerLink: Sendable {
    public let host: String
    public let portUp: UInt16
    public let portDown: UInt16
    public var reresolveEveryMicros: UInt64 = 3_600_000_000
    public var timeoutsBeforeReresolve = 5
    public private(set) var up: SocketAddress?
    public private(set) var down: SocketAddress?
    /// A resolution was asked for and has not answered yet.
    public private(set) var resolving = false
    private(set) var failures = 0
    private(set) var resolvedAt: UInt64 = 0
    private var timeoutsAtLastRequest = 0

    public init(host: String, portUp: UInt16, portDown: UInt16) {
        self.host = host
        self.portUp = portUp
        self.portDown = portDown
    }

    public mutating func requested() { resolving = true }

    /// The answer; returns true when the address changed.
    public mutating func resolved(_ address: SocketAddress, now: UInt64) -> Bool {
        resolving = false
        failures = 0
        resolvedAt = now
        var upAddress = address
        upAddress.port = portUp
        var downAddress = address
        downAddress.port = portDown
        let changed = upAddress != up
        up = upAddress
        down = downAddress
        return changed
    }

    /// A failed resolution: the delay before the next try (addresses kept).
    public mutating func failed() -> UInt64 {
        resolving = false
        failures += 1
        return min(UInt64(1_000_000) << UInt64(min(failures - 1, 6)), 60_000_000)
    }

    /// Whether to resolve again now: an hour since the last answer, or the
    /// server silent for `timeoutsBeforeReresolve` PUSH_DATA timeouts (again
    /// after as many more).
    public mutating func wantsReresolve(now: UInt64, consecutiveTimeouts: Int) -> Bool {
        guard !resolving, up != nil else { return false }
        if now >= resolvedAt + reresolveEveryMicros { return true }
        if consecutiveTimeouts < timeoutsAtLastRequest { timeoutsAtLastRequest = 0 }
        if consecutiveTimeouts >= timeoutsAtLastRequest + timeoutsBeforeReresolve {
            timeoutsAtLastRequest = consecutiveTimeouts
            return true
        }
        return false
    }
}
