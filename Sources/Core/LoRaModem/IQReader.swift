/// Where IQ bytes come from: a file, standard input (`rtl_sdr - | lorikeet …`),
/// memory. `read` returns up to `maxCount` bytes, an empty array at the end.
public protocol ByteSource {
    mutating func read(maxCount: Int) throws(IQReadError) -> [UInt8]
}

/// Bytes held in memory (tests, recordings already loaded).
public struct MemoryByteSource: ByteSource {
    public let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(maxCount: Int) throws(IQReadError) -> [UInt8] {
        let end = min(bytes.count, position + maxCount)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}

/// Reads samples of one format from a byte source in chunks, keeping a
/// partial sample between reads; a partial sample at the end is an error
/// (truncated recording).
public struct IQReader<Source: ByteSource> {
    public private(set) var source: Source
    public let format: IQFormat
    /// 64-bit: a 32-bit Int would overflow after 2^31 samples of a live pipe.
    public private(set) var samplesRead: Int64 = 0
    private var leftover: [UInt8] = []

    public init(source: Source, format: IQFormat) {
        self.source = source
        self.format = format
    }

    /// Up to `maxSamples` samples; nil at the end of the data.
    public mutating func next(maxSamples: Int = 65_536) throws(IQReadError) -> [Complex32]? {
        let wanted = maxSamples * format.bytesPerSample - leftover.count
        var bytes = leftover
        while bytes.count < leftover.count + wanted {
            let chunk = try source.read(maxCount: leftover.count + wanted - bytes.count)
            if chunk.isEmpty { break }
            bytes += chunk
        }
        if bytes.isEmpty { return nil }
        let whole = bytes.count / format.bytesPerSample * format.bytesPerSample
        if whole == 0 {
            throw IQReadError(message: "\(format.rawValue) data ends with \(bytes.count) stray bytes (a sample is \(format.bytesPerSample)): truncated?")
        }
        leftover = Array(bytes[whole...])
        let samples = try format.decode(Array(bytes[..<whole]), firstIndex: samplesRead)
        samplesRead += Int64(samples.count)
        return samples
    }
}
