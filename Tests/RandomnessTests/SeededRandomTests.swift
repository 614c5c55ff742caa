import Testing
import Randomness

/// The firmware's one seeded generator: SplitMix64's published outputs, and
/// the bounded draws never leave their range or trap at the edges.
@Suite struct SeededRandomTests {
    /// SplitMix64 from seed 0 (Vigna's reference splitmix64.c; the same
    /// three values open every port of it).
    @Test func matchesTheReferenceSequence() {
        var random = SeededRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func sameSeedSameRunOtherSeedOtherRun() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
    }

    @Test func boundedDrawsStayInRange() {
        var random = SeededRandom(seed: 7)
        for bound: UInt64 in [1, 2, 3, 10, 1000] {
            for _ in 0..<200 {
                #expect(random.next(below: bound) < bound)
                #expect(random.next(upTo: bound) <= bound)
            }
        }
        #expect(random.next(below: 0) == 0)
        _ = random.next(upTo: UInt64.max)  // no overflow trap
    }

    /// `next(upTo: 0)` takes no draw (the mock board's replayed runs rely on it).
    @Test func upToZeroTakesNoDraw() {
        var a = SeededRandom(seed: 9), b = SeededRandom(seed: 9)
        #expect(a.next(upTo: 0) == 0)
        #expect(a.next() == b.next())
    }

    @Test func bytesAreOneDrawEach() {
        var a = SeededRandom(seed: 5), b = SeededRandom(seed: 5)
        let bytes = a.bytes(4)
        #expect(bytes == (0..<4).map { _ in UInt8(truncatingIfNeeded: b.next()) })
        #expect(a.bytes(-3).isEmpty)
        #expect(a.next() == b.next())
    }
}
