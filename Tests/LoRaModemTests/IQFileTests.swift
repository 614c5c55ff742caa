import Testing
import LoRaModem

@Suite struct IQFileTests {
    let samples = [Complex32(0.5, -0.25), Complex32(-1, 1), Complex32(0, 0.125)]

    @Test func cf32RoundTripsExactly() throws {
        let bytes = IQFormat.cf32.encode(samples)
        #expect(bytes.count == 24)
        #expect(Array(bytes.prefix(4)) == [0, 0, 0, 0x3F])  // 0.5 little-endian
        #expect(try IQFormat.cf32.decode(bytes) == samples)
    }

    @Test func cs16AndCu8ScaleAsDocumented() throws {
        let cs16 = IQFormat.cs16.encode(samples)
        #expect(cs16.count == 12)
        let back = try IQFormat.cs16.decode(cs16)
        for (a, b) in zip(back, samples) { #expect(abs(a.re - b.re) < 1e-4 && abs(a.im - b.im) < 1e-4) }
        // rtl_sdr bytes: 0 → −1, 255 → +1, 127.5 is zero.
        #expect(try IQFormat.cu8.decode([0, 255, 127, 128]) == [Complex32(-1, 1), Complex32(-0.5 / 127.5, 0.5 / 127.5)])
        #expect(IQFormat.cu8.encode([Complex32(-1, 1)]) == [0, 255])
    }

    @Test func readerStreamsChunksAndReportsTruncation() throws {
        var bytes = IQFormat.cs16.encode(samples + samples + samples)
        var reader = IQReader(source: MemoryByteSource(bytes), format: .cs16)
        var total = 0
        while let chunk = try reader.next(maxSamples: 2) { total += chunk.count }
        #expect(total == 9 && reader.samplesRead == 9)

        bytes.append(7)
        var truncated = IQReader(source: MemoryByteSource(bytes), format: .cs16)
        #expect(throws: IQReadError.self) { while try truncated.next(maxSamples: 4) != nil {} }

        var empty = IQReader(source: MemoryByteSource([]), format: .cu8)
        #expect(try empty.next() == nil)
    }

    @Test func textIsNotCf32() {
        let text = Array("this is not an IQ file, it is text!!!!!".utf8.prefix(32))
        #expect(throws: IQReadError.self) { try IQFormat.cf32.decode([0, 0, 0xC0, 0x7F] + text.dropFirst(4)) }
    }
}
