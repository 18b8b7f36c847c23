import SignalboxCore
import XCTest

final class ExactDecimalTests: XCTestCase {
    func testParsesNumbersAndDecimalStringsExactly() throws {
        let cases: [(text: String, units: Int64)] = [
            ("0", 0), ("12", 120_000), ("1234.50", 12_345_000), ("0.0001", 1), ("150.00", 1_500_000),
            ("-12.5", -125_000), ("-0.0001", -1), ("0.12340", 1234), ("1.000000", 10_000),
        ]
        for (text, units) in cases {
            XCTAssertEqual(try ExactDecimal(parsing: text).units, units, text)
        }
    }

    func testParsesExponents() throws {
        let cases: [(text: String, units: Int64)] = [
            ("1.2e3", 12_000_000), ("1.5E-2", 150), ("5e+2", 5_000_000), ("1e-4", 1), ("-2.5e1", -250_000), ("100e-6", 1),
        ]
        for (text, units) in cases {
            XCTAssertEqual(try ExactDecimal(parsing: text).units, units, text)
        }
    }

    func testRejectsMoreThanFourDecimalPlaces() {
        for text in ["0.00001", "1.23456", "1e-5", "12.3456789", "-0.00005"] {
            XCTAssertThrowsError(try ExactDecimal(parsing: text), text) { error in
                XCTAssertEqual((error as? DecimalFormatError)?.reason, "more than 4 decimal places", text)
            }
        }
    }

    func testRejectsValuesOutOfRange() {
        XCTAssertEqual(try ExactDecimal(parsing: "900000000000000").units, 9_000_000_000_000_000_000)
        XCTAssertEqual(try ExactDecimal(parsing: "-900000000000000").units, -9_000_000_000_000_000_000)
        for text in ["900000000000000.0001", "99999999999999999999", "1e30"] {
            XCTAssertThrowsError(try ExactDecimal(parsing: text), text) { error in
                XCTAssertEqual((error as? DecimalFormatError)?.reason, "out of range", text)
            }
        }
    }

    func testRejectsMalformedText() {
        for text in ["", "-", ".", "abc", "1.2.3", "1,5", " 1", "1 ", "--1", "+1", "0x10", "1e", "1e400", "NaN", "Infinity"] {
            XCTAssertThrowsError(try ExactDecimal(parsing: text), text.debugDescription)
        }
    }

    func testErrorNamesTheText() {
        XCTAssertThrowsError(try ExactDecimal(parsing: "12.345678")) { error in
            XCTAssertEqual("\(error)", #"not an exact decimal (more than 4 decimal places): "12.345678""#)
        }
    }

    func testEqualityIgnoresTrailingZeros() throws {
        XCTAssertEqual(try ExactDecimal(parsing: "150"), try ExactDecimal(parsing: "150.00"))
        XCTAssertEqual(try ExactDecimal(parsing: "1.5e2"), try ExactDecimal(parsing: "150.0000"))
    }

    func testArithmeticIsExact() throws {
        XCTAssertEqual(try ExactDecimal(parsing: "0.1") + ExactDecimal(parsing: "0.2"), try ExactDecimal(parsing: "0.3"))
        XCTAssertEqual(try ExactDecimal(parsing: "1234.50") * ExactDecimal(parsing: "2"), try ExactDecimal(parsing: "2469"))
        XCTAssertEqual(try ExactDecimal(parsing: "7.5") * ExactDecimal(parsing: "150.25"), try ExactDecimal(parsing: "1126.875"))
    }

    func testMultiplicationRoundsHalfAwayFromZero() throws {
        XCTAssertEqual((try ExactDecimal(parsing: "0.0001") * ExactDecimal(parsing: "0.5")).units, 1)
        XCTAssertEqual((try ExactDecimal(parsing: "-0.0001") * ExactDecimal(parsing: "0.5")).units, -1)
        XCTAssertEqual((try ExactDecimal(parsing: "0.0001") * ExactDecimal(parsing: "0.4999")).units, 0)
    }

    func testRoundingToPlacesIsHalfAwayFromZero() throws {
        XCTAssertEqual(try ExactDecimal(parsing: "0.125").rounded(toPlaces: 2), try ExactDecimal(parsing: "0.13"))
        XCTAssertEqual(try ExactDecimal(parsing: "-0.125").rounded(toPlaces: 2), try ExactDecimal(parsing: "-0.13"))
        XCTAssertEqual(try ExactDecimal(parsing: "0.1249").rounded(toPlaces: 2), try ExactDecimal(parsing: "0.12"))
        XCTAssertEqual(try ExactDecimal(parsing: "2.5").rounded(toPlaces: 0), try ExactDecimal(parsing: "3"))
        XCTAssertEqual(try ExactDecimal(parsing: "1.23456e2").rounded(toPlaces: 4), try ExactDecimal(parsing: "123.456"))
    }

    func testFormatting() throws {
        XCTAssertEqual(try ExactDecimal(parsing: "1234.5").description, "1234.50")
        XCTAssertEqual(try ExactDecimal(parsing: "0.125").description, "0.125")
        XCTAssertEqual(try ExactDecimal(parsing: "-3").description, "-3.00")
        XCTAssertEqual(try ExactDecimal(parsing: "-0.5").formatted(minimumFractionDigits: 0), "-0.5")
        XCTAssertEqual(try ExactDecimal(parsing: "12").formatted(minimumFractionDigits: 0), "12")
        XCTAssertEqual(try ExactDecimal(parsing: "12").formatted(minimumFractionDigits: 1), "12.0")
    }
}
