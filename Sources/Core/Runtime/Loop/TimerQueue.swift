/// A cancellable reference to a scheduled alarm (NIO's `Scheduled`, Basics
/// Station's `rt_timer`). Stale handles are harmless: cancelling an alarm
/// that already ran, or whose slot was reused, does nothing.
public struct TimerHandle: Equatable, Sendable {
    let slot: Int32
    let generation: UInt32

    /// A handle that refers to nothing (for "no alarm armed" fields).
    public static let none = TimerHandle(slot: -1, generation: 0)
}

/// Deadline-ordered alarms: a binary min-heap of (deadline, sequence) over a
/// slot table. Slots and heap storage are reused, so a periodic alarm costs
/// no allocation per tick; cancelled entries are dropped lazily when they
/// reach the top. Same-deadline alarms run in the order they were scheduled.
struct TimerQueue {
    struct Slot {
        var action: (() -> Void)?
        var intervalMicros: UInt64  // 0: one-shot
        var precise: Bool
        var generation: UInt32
    }

    struct Entry {
        var deadline: UInt64
        var sequence: UInt64
        var slot: Int32
        var generation: UInt32

        func runsBefore(_ other: Entry) -> Bool {
            deadline < other.deadline || (deadline == other.deadline && sequence < other.sequence)
        }
    }

    private(set) var slots: [Slot] = []
    private var freeSlots: [Int32] = []
    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0
    private(set) var liveCount = 0

    init() {
        slots.reserveCapacity(64)
        heap.reserveCapacity(64)
        freeSlots.reserveCapacity(64)
    }

    mutating func schedule(at deadline: UInt64, every interval: UInt64, precise: Bool,
                           _ action: @escaping () -> Void) -> TimerHandle {
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[Int(slot)].action = action
            slots[Int(slot)].intervalMicros = interval
            slots[Int(slot)].precise = precise
        } else {
            slot = Int32(slots.count)
            slots.append(Slot(action: action, intervalMicros: interval, precise: precise, generation: 0))
        }
        liveCount += 1
        let generation = slots[Int(slot)].generation
        push(Entry(deadline: deadline, sequence: nextSequence, slot: slot, generation: generation))
        nextSequence += 1
        return TimerHandle(slot: slot, generation: generation)
    }

    func isScheduled(_ handle: TimerHandle) -> Bool {
        handle.slot >= 0 && Int(handle.slot) < slots.count && slots[Int(handle.slot)].generation == handle.generation
            && slots[Int(handle.slot)].action != nil
    }

    mutating func cancel(_ handle: TimerHandle) {
        guard isScheduled(handle) else { return }
        release(handle.slot)
        if heap.count > 64 && heap.count > 4 * liveCount { compact() }
    }

    /// Deadline of the earliest live alarm and whether it asked for precision.
    mutating func earliest() -> (deadline: UInt64, precise: Bool)? {
        dropStaleTop()
        guard let top = heap.first else { return nil }
        return (top.deadline, slots[Int(top.slot)].precise)
    }

    /// Removes the earliest alarm due at or before `now` and returns its
    /// action; a periodic alarm is re-armed one interval after its deadline
    /// (keeping its cadence) before it runs, so it may cancel itself.
    mutating func popDue(now: UInt64) -> (() -> Void)? {
        dropStaleTop()
        guard let top = heap.first, top.deadline <= now else { return nil }
        removeTop()
        let slot = slots[Int(top.slot)]
        guard let action = slot.action else { return nil }
        if slot.intervalMicros > 0 {
            var next = top.deadline + slot.intervalMicros
            if next <= now { next = now + slot.intervalMicros }  // fell behind by a whole period: skip
            push(Entry(deadline: next, sequence: nextSequence, slot: top.slot, generation: top.generation))
            nextSequence += 1
        } else {
            release(top.slot)
        }
        return action
    }

    private mutating func release(_ slot: Int32) {
        slots[Int(slot)].action = nil
        slots[Int(slot)].generation &+= 1
        freeSlots.append(slot)
        liveCount -= 1
    }

    private mutating func dropStaleTop() {
        while let top = heap.first, slots[Int(top.slot)].generation != top.generation || slots[Int(top.slot)].action == nil {
            removeTop()
        }
    }

    private mutating func compact() {
        var kept: [Entry] = []
        kept.reserveCapacity(heap.capacity)
        for entry in heap where slots[Int(entry.slot)].generation == entry.generation && slots[Int(entry.slot)].action != nil {
            kept.append(entry)
        }
        heap.removeAll(keepingCapacity: true)
        for entry in kept { push(entry) }
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].runsBefore(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < heap.count && heap[left].runsBefore(heap[best]) { best = left }
            if right < heap.count && heap[right].runsBefore(heap[best]) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
    }
}
