/// Wrap-safe conversion of the protocol's 32-bit µs counter to the board's
/// 64-bit monotonic time. `tmst` values are taken as the nearest instant to
/// `now` (within ±35.8 min), so a downlink scheduled across the wrap of the
/// 32-bit counter lands at the right time.
public enum CounterTime {
    public static func localMicros(tmst: UInt32, now: UInt64) -> UInt64 {
        let delta = Int64(Int32(bitPattern: tmst &- UInt32(truncatingIfNeeded: now)))
        return delta >= 0 ? now + UInt64(delta) : (now >= UInt64(-delta) ? now - UInt64(-delta) : 0)
    }
}

/// Timing rules of the just-in-time downlink queue (lora_pkt_fwd's jitqueue).
public struct JITTiming: Sendable, Equatable {
    /// The frame is loaded into the radio this long before its start (the
    /// receiver stops then).
    public var prepareLeadMicros: UInt64
    /// OpMode TX is written this long before the start (SPI write + PLL ramp
    /// of the board; 0 for the emulator, whose frame starts at the write).
    public var fireLatencyMicros: UInt64
    /// Less warning than this (after the prepare lead) is TOO_LATE.
    public var minimumNoticeMicros: UInt64
    /// A start further ahead than this is TOO_EARLY.
    public var maximumAdvanceMicros: UInt64
    /// Minimum silence between two downlinks (TxDone handling, RX restart).
    public var guardMicros: UInt64
    /// Frames that may wait at once.
    public var capacity: Int
    /// A start later than this past its time is aborted (`tx_late_margin_us`;
    /// nil: a quarter of the frame's symbol).
    public var lateMarginMicros: UInt64? = nil

    public init(prepareLeadMicros: UInt64 = 5_000, fireLatencyMicros: UInt64 = 0, minimumNoticeMicros: UInt64 = 1_000,
                maximumAdvanceMicros: UInt64 = 30_000_000, guardMicros: UInt64 = 1_000, capacity: Int = 16) {
        self.prepareLeadMicros = prepareLeadMicros
        self.fireLatencyMicros = fireLatencyMicros
        self.minimumNoticeMicros = minimumNoticeMicros
        self.maximumAdvanceMicros = maximumAdvanceMicros
        self.guardMicros = guardMicros
        self.capacity = capacity
    }
}

/// Downlinks waiting for their start time, in start order, with the
/// collision and timing checks of PROTOCOL.md's TX_ACK errors.
public struct JITQueue<Item> {
    public struct Entry {
        public var id: UInt64
        public var startMicros: UInt64
        public var endMicros: UInt64
        public var item: Item
    }

    public var timing: JITTiming
    public private(set) var entries: [Entry] = []
    private var nextID: UInt64 = 1

    public init(timing: JITTiming) {
        self.timing = timing
        entries.reserveCapacity(timing.capacity)
    }

    public enum Refusal: Equatable, Sendable { case tooLate, tooEarly, collision }

    /// The earliest start an immediate (Class C) frame of `airtime` can have.
    public func earliestStart(now: UInt64, airtimeMicros: UInt64) -> UInt64 {
        var start = now + timing.prepareLeadMicros + timing.minimumNoticeMicros
        for entry in entries where entry.endMicros + timing.guardMicros + timing.prepareLeadMicros > start
            && entry.startMicros < start + airtimeMicros + timing.guardMicros + timing.prepareLeadMicros {
            start = entry.endMicros + timing.guardMicros + timing.prepareLeadMicros
        }
        return start
    }

    /// Checks a frame occupying [start, start + airtime) against the clock and the queue.
    public func check(startMicros start: UInt64, airtimeMicros: UInt64, now: UInt64) -> Refusal? {
        if start < now + timing.prepareLeadMicros + timing.minimumNoticeMicros { return .tooLate }
        if start - now > timing.maximumAdvanceMicros { return .tooEarly }
        if entries.count >= timing.capacity { return .collision }
        let end = start + airtimeMicros
        for entry in entries {
            // The radio is busy from a frame's prepare until its end plus the guard.
            let busyFrom = entry.startMicros - min(entry.startMicros, timing.prepareLeadMicros)
            let busyUntil = entry.endMicros + timing.guardMicros
            let newBusyFrom = start - timing.prepareLeadMicros
            let newBusyUntil = end + timing.guardMicros
            if newBusyFrom < busyUntil && busyFrom < newBusyUntil { return .collision }
        }
        return nil
    }

    /// Adds a checked frame; returns its id.
    @discardableResult
    public mutating func insert(startMicros: UInt64, airtimeMicros: UInt64, item: Item) -> UInt64 {
        let id = nextID
        nextID += 1
        let entry = Entry(id: id, startMicros: startMicros, endMicros: startMicros + airtimeMicros, item: item)
        var index = entries.count
        while index > 0 && entries[index - 1].startMicros > startMicros { index -= 1 }
        entries.insert(entry, at: index)
        return id
    }

    public func entry(id: UInt64) -> Entry? {
        for entry in entries where entry.id == id { return entry }
        return nil
    }

    @discardableResult
    public mutating func remove(id: UInt64) -> Entry? {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { return nil }
        return entries.remove(at: index)
    }
}
