import Testing
import TextCoding

/// DecimalText replaces Double(String) in core code (it does not link in
/// Embedded Swift): same values for what flags and protocols carry, nil for
/// what is not a plain decimal number.
@Suite struct DecimalTextTests {
    @Test func parsesPlainDecimalsExactlyAsDoubleDoes() {
        for text in ["0", "7", "-1", "+2.5", "868.1", "0.1", ".5", "5.", "9.5", "-60", "1e3", "2.5E-3", "1e22", "123456789012345678",
                     "0.000001", "86400", "3.14159265358979", "-0.0"] {
            #expect(DecimalText.parse(text) == Double(text), "\(text)")
        }
    }

    @Test func farExponentsAreWithinAFewUnitsInTheLastPlace() throws {
        for text in ["1e300", "1e-300", "6.02214076e23", "1.7976931348623157e308"] {
            let value = try #require(DecimalText.parse(text))
            let expected = try #require(Double(text))
            #expect(abs(value - expected) <= 4 * expected.ulp, "\(text)")
        }
    }

    @Test func refusesWhatIsNotADecimalNumber() {
        for text in ["", "-", ".", "e5", "1e", "1e+", "nan", "inf", "-inf", "0x10", " 1", "1 ", "1.2.3", "1,5", "١"] {
            #expect(DecimalText.parse(text) == nil, "\(text)")
        }
    }

    @Test func hugeExponentsSaturateInsteadOfTrapping() {
        #expect(DecimalText.parse("1e999999999999")?.isInfinite == true)
        #expect(DecimalText.parse("-1e400") == -Double.infinity)
        #expect(DecimalText.parse("1e-99999999") == 0)
        #expect(DecimalText.parse(String(repeating: "9", count: 400))?.isInfinite == true)
    }

    @Test func checkedMicrosRefusesNonFiniteNegativeAndHuge() {
        #expect(CheckedNumber.micros(seconds: 1.5, maximumSeconds: 10) == 1_500_000)
        #expect(CheckedNumber.micros(seconds: 0, maximumSeconds: 10) == 0)
        for bad in [Double.nan, .infinity, -1, 11, 1e300] {
            #expect(CheckedNumber.micros(seconds: bad, maximumSeconds: 10) == nil, "\(bad)")
        }
    }
}
