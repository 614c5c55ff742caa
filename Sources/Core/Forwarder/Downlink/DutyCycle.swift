import Regions

/// Transmit time per regulatory sub-band over a sliding hour (ETSI EN
/// 300 220 / RP002 EU868 sub-bands g…g4). Each accepted downlink is
/// recorded at its start time; a new one is refused when its band's
/// airtime within the hour before its end would exceed the band's limit.
public struct DutyCycleTracker: Sendable {
    public static let windowMicros: UInt64 = 3_600_000_000

    public let bands: [DutyCycleBand]
    struct Record: Sendable {
        var id: UInt64
        var band: Int
        var startMicros: UInt64
        var airtimeMicros: UInt64
    }
    private var records: [Record] = []

    public init(bands: [DutyCycleBand]) { self.bands = bands }

    public func bandIndex(frequencyHz: UInt32) -> Int? {
        for (index, band) in bands.enumerated() where band.range.contains(frequencyHz) { return index }
        return nil
    }

    /// The band's allowance per sliding hour, µs.
    public func allowanceMicros(band: Int) -> UInt64 {
        UInt64(bands[band].dutyCyclePPM) * (Self.windowMicros / 1_000_000)
    }

    /// Airtime already used (or booked) in `band` in the hour ending at `micros`.
    public func usedMicros(band: Int, windowEnd micros: UInt64) -> UInt64 {
        let windowStart = micros > Self.windowMicros ? micros - Self.windowMicros : 0
        var used: UInt64 = 0
        for record in records where record.band == band {
            let end = record.startMicros + record.airtimeMicros
            if end <= windowStart || record.startMicros >= micros { continue }
            used += min(end, micros) - max(record.startMicros, windowStart)
        }
        return used
    }

    /// Whether a transmission may start at `start` (true outside any band:
    /// the region has none, or the frequency check refuses it elsewhere).
    /// Every sliding hour that would contain part of the new frame must stay
    /// within the allowance: the hour ending with it, and the hours ending
    /// with each frame already booked after it (issue 12 #6).
    public func allows(frequencyHz: UInt32, startMicros start: UInt64, airtimeMicros: UInt64) -> Bool {
        guard let band = bandIndex(frequencyHz: frequencyHz) else { return true }
        let allowance = allowanceMicros(band: band)
        let end = start + airtimeMicros
        func fits(windowEnd: UInt64) -> Bool {
            let windowStart = windowEnd > Self.windowMicros ? windowEnd - Self.windowMicros : 0
            let overlap = min(end, windowEnd) > max(start, windowStart) ? min(end, windowEnd) - max(start, windowStart) : 0
            return usedMicros(band: band, windowEnd: windowEnd) + overlap <= allowance
        }
        guard fits(windowEnd: end) else { return false }
        for record in records where record.band == band {
            let recordEnd = record.startMicros + record.airtimeMicros
            if recordEnd > end && recordEnd < start + Self.windowMicros + airtimeMicros && !fits(windowEnd: recordEnd) {
                return false
            }
        }
        return true
    }

    public mutating func record(id: UInt64, frequencyHz: UInt32, startMicros: UInt64, airtimeMicros: UInt64) {
        guard let band = bandIndex(frequencyHz: frequencyHz) else { return }
        records.append(Record(id: id, band: band, startMicros: startMicros, airtimeMicros: airtimeMicros))
    }

    /// Forgets a booking that was never transmitted (never one that went on air).
    public mutating func cancel(id: UInt64) { records.removeAll { $0.id == id } }

    /// Drops records older than the window.
    public mutating func prune(now: UInt64) {
        guard now > Self.windowMicros else { return }
        let horizon = now - Self.windowMicros
        if let first = records.first, first.startMicros + first.airtimeMicros < horizon {
            records.removeAll { $0.startMicros + $0.airtimeMicros < horizon }
        }
    }
}
