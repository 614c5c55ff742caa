/// A transmitter's airtime over the last hour against its sub-band's duty
/// cycle (ETSI EN 300 220; EU868 869.4–869.65 MHz allows 10 %, most other
/// sub-bands 1 %). Sixty one-minute buckets: bounded memory however many
/// frames are sent.
public struct DutyCycle: Sendable {
    public static let windowMicros: UInt64 = 3_600_000_000
    static let bucketMicros: UInt64 = 60_000_000

    /// Allowed airtime per hour, in per mille of the hour (100 = 10 %; 1000 = no limit).
    public var limitPerMille: UInt64
    private var buckets = [UInt64](repeating: 0, count: 60)
    private var bucketStart = [UInt64](repeating: UInt64.max, count: 60)
    public private(set) var totalAirtimeMicros: UInt64 = 0

    public init(limitPerMille: UInt64 = 100) { self.limitPerMille = min(limitPerMille, 1000) }

    public var budgetMicros: UInt64 { DutyCycle.windowMicros / 1000 * limitPerMille }

    /// Airtime used in the hour before `nowMicros`.
    public func usedMicros(nowMicros: UInt64) -> UInt64 {
        var sum: UInt64 = 0
        for index in 0..<60 where bucketStart[index] != UInt64.max {
            if nowMicros < DutyCycle.windowMicros || bucketStart[index] + DutyCycle.windowMicros > nowMicros {
                sum += buckets[index]
            }
        }
        return sum
    }

    /// Whether `airtimeMicros` more fits the budget now.
    public func allows(airtimeMicros: UInt64, nowMicros: UInt64) -> Bool {
        limitPerMille >= 1000 || usedMicros(nowMicros: nowMicros) + airtimeMicros <= budgetMicros
    }

    /// When the oldest bucket leaves the window (the earliest time more airtime may free up).
    public func nextReleaseMicros(nowMicros: UInt64) -> UInt64 {
        var earliest = nowMicros + DutyCycle.bucketMicros
        for index in 0..<60 where bucketStart[index] != UInt64.max && buckets[index] > 0 {
            let release = bucketStart[index] + DutyCycle.windowMicros
            if release > nowMicros && release < earliest { earliest = release }
        }
        return earliest
    }

    public mutating func record(airtimeMicros: UInt64, nowMicros: UInt64) {
        let minute = nowMicros / DutyCycle.bucketMicros
        let index = Int(minute % 60)
        let start = minute * DutyCycle.bucketMicros
        if bucketStart[index] != start {
            bucketStart[index] = start
            buckets[index] = 0
        }
        buckets[index] += airtimeMicros
        totalAirtimeMicros += airtimeMicros
    }
}
