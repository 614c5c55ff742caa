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
    public func allows(frequencyHz: UInt32, startMicros start: UInt64, airtimeMicros: UInt64) -> Bool {
        guard let band = bandIndex(frequencyHz: frequencyHz) else { return true }
        let used = usedMicros(band: band, windowEnd: start + airtimeMicros)
        return used + airtimeMicros <= allowanceMicros(band: band)
    }

    public mutating func record(id: UInt64, frequencyHz: UInt32, startMicros: UInt64, airtimeMicros: UInt64) {
        guard let band = bandIndex(frequencyHz: frequencyHz) else { return }
        records.append(Record(id: id, band: band, startMicros: startMicros, airtimeMicros: airtimeMicros))
    }

    /// Forgets a booking that was never transmitted.
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
