/// The uplinks waiting for their PUSH_ACK, and the PUSH_DATA datagrams in
/// flight: batching, resending after `push_timeout_ms`, backoff while the
/// server is silent. A pure value driven by `now`, so its rules are tested
/// without a loop; the forwarder sends what `nextBatch` hands out and arms
/// one alarm at `nextDeadline`.
public struct UplinkQueue {
    public struct Rules: Sendable, Equatable {
        /// Uplinks held at most, sent or not (`uplink_queue_size`).
        public var limit: Int
        public var maxAgeMicros: UInt64
        /// PUSH_DATA datagrams awaiting their PUSH_ACK at once.
        public var window: Int
        public var timeoutMicros: UInt64
        public var maxBackoffMicros: UInt64
        /// A batch: at most this many `rxpk`, this many bytes of JSON.
        public var batchCount = 8
        public var batchBytes = 1_400
    }

    struct Pending {
        var json: String
        var edgeMicros: UInt64
        var queuedAt: UInt64
        var token: UInt16?
        var sentBefore: Bool
    }

    struct InFlight {
        var token: UInt16
        var sentAt: UInt64
        var isStat: Bool
        /// The stat interval it was sent in (`ackr` counts only its own).
        var interval: UInt64
    }

    /// A PUSH_DATA to send now: its token and `{"rxpk":[…]}` body, the first
    /// transmissions' DIO0 edges (for latency figures) and how many are resends.
    public struct Batch {
        public var token: UInt16
        public var json: String
        public var firstSentEdges: [UInt64]
        public var resent: Int
    }

    public let rules: Rules
    var pending: [Pending] = []
    var inFlight: [InFlight] = []
    /// The last batch's first-transmission edges; its capacity is reused
    /// (the batch shares it until the next `nextBatch`).
    private var firstSentEdges: [UInt64] = []
    public private(set) var consecutiveTimeouts = 0
    private(set) var backoffUntil: UInt64 = 0
    private var randomState: UInt32
    /// The current stat interval and its PUSH_DATA sent / acknowledged.
    private var interval: UInt64 = 0
    public private(set) var intervalSent: UInt64 = 0
    public private(set) var intervalAcknowledged: UInt64 = 0

    public init(rules: Rules, seed: UInt64) {
        self.rules = rules
        randomState = UInt32(truncatingIfNeeded: seed ^ 0x9E37_79B9) | 1
        pending.reserveCapacity(min(rules.limit, 1_024))
        inFlight.reserveCapacity(max(rules.window, 1) + 4)
        firstSentEdges.reserveCapacity(max(rules.batchCount, 1))
    }

    public var count: Int { pending.count }
    public var isSilent: Bool { consecutiveTimeouts > 0 }

    public mutating func nextToken() -> UInt16 {
        randomState ^= randomState << 13
        randomState ^= randomState >> 17
        randomState ^= randomState << 5
        return UInt16(truncatingIfNeeded: randomState)
    }

    /// Queues an uplink; returns true when the oldest one had to make room.
    /// The limit holds even while every held uplink is in flight: the oldest
    /// goes (its late PUSH_ACK then acknowledges fewer).
    public mutating func enqueue(json: String, edgeMicros: UInt64, now: UInt64) -> Bool {
        var dropped = false
        if pending.count >= rules.limit {
            let victim = pending.firstIndex(where: { $0.token == nil }) ?? 0
            pending.remove(at: victim)
            dropped = true
        }
        pending.append(Pending(json: json, edgeMicros: edgeMicros, queuedAt: now, token: nil, sentBefore: false))
        return dropped
    }

    /// Drops unsent uplinks older than the age limit; returns how many.
    public mutating func dropExpired(now: UInt64) -> Int {
        guard let first = pending.first, now - first.queuedAt > rules.maxAgeMicros else { return 0 }
        let before = pending.count
        pending.removeAll { $0.token == nil && now - $0.queuedAt > rules.maxAgeMicros }
        return before - pending.count
    }

    /// The next PUSH_DATA to send, if the window and backoff allow one.
    public mutating func nextBatch(now: UInt64) -> Batch? {
        if isSilent && now < backoffUntil { return nil }
        let window = isSilent ? 1 : rules.window
        var uplinksInFlight = 0
        for flight in inFlight where !flight.isStat { uplinksInFlight += 1 }
        guard uplinksInFlight < window else { return nil }
        // Two passes over the unsent uplinks (no index array): how many fit,
        // then the body in one buffer reserved to its final size.
        var memberCount = 0
        var bytes = 0
        for index in pending.indices where pending[index].token == nil {
            let size = pending[index].json.utf8.count + 1
            if memberCount > 0 && (memberCount == rules.batchCount || bytes + size > rules.batchBytes) { break }
            memberCount += 1
            bytes += size
        }
        if memberCount == 0 { return nil }
        let token = nextToken()
        var json = "{\"rxpk\":["
        json.reserveCapacity(bytes + 10)  // 9 + the objects and commas (bytes - 1) + 2
        var edges = firstSentEdges
        firstSentEdges = []  // keeps `edges` uniquely referenced: its capacity is reused
        edges.removeAll(keepingCapacity: true)
        var resent = 0
        var taken = 0
        for index in pending.indices where taken < memberCount && pending[index].token == nil {
            if taken > 0 { json += "," }
            taken += 1
            json += pending[index].json
            pending[index].token = token
            if pending[index].sentBefore {
                resent += 1
            } else {
                pending[index].sentBefore = true
                edges.append(pending[index].edgeMicros)
            }
        }
        json += "]}"
        firstSentEdges = edges
        inFlight.append(InFlight(token: token, sentAt: now, isStat: false, interval: interval))
        intervalSent += 1
        return Batch(token: token, json: json, firstSentEdges: edges, resent: resent)
    }

    /// Records a stat PUSH_DATA (acknowledged like the others, never resent).
    public mutating func statSent(token: UInt16, now: UInt64) {
        inFlight.removeAll { $0.isStat && $0.sentAt + rules.timeoutMicros <= now }  // never acknowledged
        inFlight.append(InFlight(token: token, sentAt: now, isStat: true, interval: interval))
        intervalSent += 1
    }

    /// A PUSH_ACK: the uplinks it acknowledges (nil: late or duplicate).
    public mutating func acknowledge(token: UInt16) -> Int? {
        guard let index = inFlight.firstIndex(where: { $0.token == token }) else { return nil }
        let flight = inFlight.remove(at: index)
        if flight.interval == interval { intervalAcknowledged += 1 }
        guard !flight.isStat else { return 0 }
        let before = pending.count
        pending.removeAll { $0.token == flight.token }
        return before - pending.count
    }

    /// Expires unacknowledged PUSH_DATA; true when an uplink batch timed out
    /// (the server is silent: backoff grows).
    public mutating func expire(now: UInt64) -> Bool {
        var expired = false
        inFlight.removeAll { flight in
            guard flight.sentAt + rules.timeoutMicros <= now else { return false }
            if !flight.isStat {
                expired = true
                for index in pending.indices where pending[index].token == flight.token { pending[index].token = nil }
            }
            return true
        }
        if expired {
            consecutiveTimeouts += 1
            let shift = UInt64(min(consecutiveTimeouts - 1, 16))
            backoffUntil = now + min(rules.timeoutMicros << shift, rules.maxBackoffMicros)
        }
        return expired
    }

    /// Any answer from the server ends the backoff.
    public mutating func serverAnswered() {
        consecutiveTimeouts = 0
        backoffUntil = 0
    }

    /// When the queue next needs attention: the first in-flight timeout, or
    /// the end of a backoff with uplinks waiting.
    public func nextDeadline(now: UInt64) -> UInt64? {
        var deadline: UInt64?
        for flight in inFlight where !flight.isStat {
            let due = flight.sentAt + rules.timeoutMicros
            if deadline == nil || due < deadline! { deadline = due }
        }
        if isSilent && backoffUntil > now && pending.contains(where: { $0.token == nil }) {
            if deadline == nil || backoffUntil < deadline! { deadline = backoffUntil }
        }
        return deadline
    }

    /// `ackr` of the interval now ending (0-100 %), and a fresh interval.
    public mutating func closeInterval() -> Double {
        let ackr = intervalSent > 0 ? 100 * Double(intervalAcknowledged) / Double(intervalSent) : 0
        interval &+= 1
        intervalSent = 0
        intervalAcknowledged = 0
        return ackr
    }
}
