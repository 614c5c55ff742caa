/// Bounded reassembly of RFC 4944 fragments: at most `maxDatagrams`
/// packets in progress, each at most `maxDatagramBytes`, each discarded
/// `timeoutMicros` after its first fragment. A flood of first fragments
/// finds no free slot and is counted and dropped; memory never grows with
/// the input.
public struct Reassembler: Sendable {
    public struct Counters: Equatable, Sendable {
        public var completed = 0
        public var timedOut = 0
        /// No free slot (a reassembly flood).
        public var droppedNoSlot = 0
        /// Inconsistent size, offset or length.
        public var droppedMalformed = 0
        /// A fragment of a datagram with no FRAG1 yet (kept: may arrive first).
        public var started = 0
    }

    struct Entry {
        var source: MACAddress
        var tag: UInt16
        var size: Int
        var startedMicros: UInt64
        var bytes: [UInt8]
        /// One flag per 8-octet unit received.
        var units: [Bool]
        var unitsReceived: Int
    }

    public var maxDatagrams: Int
    public var maxDatagramBytes: Int
    public var timeoutMicros: UInt64
    public private(set) var counters = Counters()
    private var entries: [Entry] = []

    /// OpenThread keeps a datagram 2 s (`kReassemblyTimeout`); one LoRa
    /// fragment at SF9 already takes about 0.3 s, so the caller passes a
    /// timeout sized from the airtime.
    public init(maxDatagrams: Int = 4, maxDatagramBytes: Int = IPv6Header.minimumMTU, timeoutMicros: UInt64) {
        self.maxDatagrams = max(1, maxDatagrams)
        self.maxDatagramBytes = max(IPv6Header.byteCount, maxDatagramBytes)
        self.timeoutMicros = timeoutMicros
        entries.reserveCapacity(self.maxDatagrams)
    }

    public var inProgress: Int { entries.count }

    /// Adds one fragment (the payload after its fragment header); returns
    /// the whole IPv6 packet when it completes.
    public mutating func receive(_ header: FragmentHeader, payload: [UInt8], at offset: Int, source: MACAddress,
                                 destination: MACAddress, contexts: LoWPANContexts,
                                 nowMicros: UInt64) throws(MeshError) -> [UInt8]? {
        expire(nowMicros: nowMicros)
        let size = Int(header.datagramSize)
        guard size >= IPv6Header.byteCount && size <= maxDatagramBytes else {
            counters.droppedMalformed += 1
            throw MeshError(.malformed, "fragmented datagram of \(size) bytes: allowed 40-\(maxDatagramBytes)")
        }
        var data: [UInt8]
        var start = header.offsetBytes
        if header.isFirst {
            let headers: DecompressedHeaders
            do {
                headers = try IPHC.decompress(payload, at: offset, macSource: source, macDestination: destination,
                                              contexts: contexts, datagramSize: size)
            } catch {
                counters.droppedMalformed += 1
                throw error
            }
            data = headers.bytes + payload[(offset + headers.compressedBytes)...]
            start = 0
        } else {
            data = Array(payload[offset...])
            guard start > 0 else {
                counters.droppedMalformed += 1
                throw MeshError(.malformed, "FRAGN with offset 0")
            }
        }
        let end = start + data.count
        let lastFragment = end == size
        guard end <= size, !data.isEmpty, lastFragment || data.count % 8 == 0 || header.isFirst && end % 8 == 0 else {
            counters.droppedMalformed += 1
            throw MeshError(.malformed, "fragment [\(start), \(end)) does not fit a \(size)-byte datagram on 8-octet units")
        }

        var index = entries.firstIndex { $0.source == source && $0.tag == header.tag && $0.size == size }
        if index == nil {
            guard entries.count < maxDatagrams else {
                counters.droppedNoSlot += 1
                throw MeshError(.resource, "all \(maxDatagrams) reassembly slots busy: fragment dropped")
            }
            let unitCount = (size + 7) / 8
            entries.append(Entry(source: source, tag: header.tag, size: size, startedMicros: nowMicros,
                                 bytes: [UInt8](repeating: 0, count: size),
                                 units: [Bool](repeating: false, count: unitCount), unitsReceived: 0))
            counters.started += 1
            index = entries.count - 1
        }
        let slot = index!
        for position in 0..<data.count { entries[slot].bytes[start + position] = data[position] }
        var unit = start / 8
        while unit * 8 < end {
            if !entries[slot].units[unit] {
                entries[slot].units[unit] = true
                entries[slot].unitsReceived += 1
            }
            unit += 1
        }
        guard entries[slot].unitsReceived == entries[slot].units.count else { return nil }
        let packet = entries[slot].bytes
        entries.remove(at: slot)
        counters.completed += 1
        return packet
    }

    /// Drops datagrams older than the timeout.
    public mutating func expire(nowMicros: UInt64) {
        let before = entries.count
        entries.removeAll { nowMicros >= $0.startedMicros && nowMicros - $0.startedMicros >= timeoutMicros }
        counters.timedOut += before - entries.count
    }
}
