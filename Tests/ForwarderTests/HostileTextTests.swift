import Testing
@testable import Forwarder

/// Issue 12.9 and 12.16: number text that used to trap on large values, and
/// Base64 with foreign characters at lengths that are otherwise valid.
@Suite struct HugeNumberTextTests {
    @Test func valuesBeyondInt64AreWrittenExactly() {
        // The exact decimal value of the double nearest 1e300 (as Python's '%d' % int(1e300) prints it).
        let exact1e300 = "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160"
        #expect(NumberText.fixed(1e300, decimals: 3) == exact1e300 + ".000")
        #expect(NumberText.fixed(-1e300, decimals: 0) == "-" + exact1e300)
        #expect(NumberText.fixed(18_446_744_073_709_551_616, decimals: 1) == "18446744073709551616.0")
        #expect(NumberText.fixed(-1.5e19, decimals: 1) == "-15000000000000000000.0")
        let largest = NumberText.fixed(Double.greatestFiniteMagnitude, decimals: 0)
        #expect(largest.utf8.count == 309)
        #expect(largest.hasPrefix("17976931348623157081") && largest.hasSuffix("4124858368"))
    }

    @Test func scaledValuesBeyondInt64KeepTheirFraction() {
        // 9.3e12 MHz with 6 places scales past Int64; 12345678901.5 with 9 places too.
        #expect(NumberText.fixed(9.3e12, decimals: 6) == "9300000000000.000000")
        #expect(NumberText.fixed(12_345_678_901.5, decimals: 9) == "12345678901.500000000")
        #expect(NumberText.fixed(-99_999_999_999.999_99, decimals: 9) == "-99999999999.999984741")  // the double's exact value
        #expect(NumberText.fixed(9_007_199_254_740_991.6, decimals: 3) == "9007199254740992.000")
    }

    @Test func nonFiniteAndOddPlaces() {
        #expect(NumberText.fixed(.nan, decimals: 3) == "0")
        #expect(NumberText.fixed(-.infinity, decimals: 3) == "0")
        #expect(NumberText.fixed(2.5, decimals: -4) == "3")
        #expect(NumberText.fixed(1e-300, decimals: 99) == "0.000000000000000")
        #expect(NumberText.fixed(-1e-300, decimals: 2) == "0.00")
    }
}

@Suite struct Base64ForeignCharacterTests {
    /// Every one of these has a valid Base64 length (4, with or without
    /// padding); only the characters are wrong: '-' and '_' are the URL-safe
    /// alphabet (RFC 4648 §5), not the standard one PROTOCOL.TXT uses.
    @Test func foreignCharactersAtValidLengthsAreRefused() {
        for bad in ["Zm9-", "AQ-_", "Zm9!", "Zg-=", "_m8=", "Zm9v-A==", "Zm9vYmF\u{0}", "Zm9\u{7F}"] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
        // The same shapes with standard characters decode.
        #expect(Base64.decode("Zm9+") == [0x66, 0x6F, 0x7E])
        #expect(Base64.decode("AQ+/") == [0x01, 0x0F, 0xBF])
    }
}
