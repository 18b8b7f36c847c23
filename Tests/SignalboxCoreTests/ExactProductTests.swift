import SignalboxCore
import XCTest

/// Rate × hours is kept exact to eight decimals and rounded once, at output (golden-signals.md §10).
final class ExactProductTests: XCTestCase {
    private func decimal(_ text: String) throws -> ExactDecimal { try ExactDecimal(parsing: text) }

    func testAProductOfFourDecimalValuesKeepsEveryDigit() throws {
        let product = ExactProduct(try decimal("0.0001"), times: try decimal("0.0003"))
        XCTAssertEqual(product.units, 3)
        XCTAssertEqual(product.description, "0.00000003")
    }

    func testASumOfProductsRoundsOnceNotPerTerm() throws {
        // 12.5 × 0.25 = 3.125 twice: rounding each to cents first would give 6.26; the exact sum is 6.25.
        let term = ExactProduct(try decimal("12.5"), times: try decimal("0.25"))
        XCTAssertEqual(term.description, "3.125")
        XCTAssertEqual((term + term).rounded(toPlaces: 2), try decimal("6.25"))
        XCTAssertEqual(term.rounded(toPlaces: 2), try decimal("3.13"))
    }

    func testRoundingIsHalfAwayFromZeroOnBothSides() throws {
        let half = ExactProduct(units: 5_000_000)          // 0.05
        XCTAssertEqual(half.rounded(toPlaces: 1), try decimal("0.1"))
        XCTAssertEqual((ExactProduct.zero - half).rounded(toPlaces: 1), try decimal("-0.1"))
        XCTAssertEqual(ExactProduct(units: 4_999_999).rounded(toPlaces: 1), .zero)
        XCTAssertEqual(ExactProduct(units: 123_456_789).rounded(toPlaces: 4), try decimal("1.2346"))
    }

    func testAWholeDecimalConvertsExactlyAndPrintsTwoPlaces() throws {
        let value = ExactProduct(try decimal("-1234.5"))
        XCTAssertEqual(value.description, "-1234.50")
        XCTAssertEqual(value.rounded(toPlaces: 2), try decimal("-1234.5"))
        XCTAssertLessThan(value, .zero)
    }

    func testLargeRatesTimesLargeHoursDoNotOverflow() throws {
        // 900 trillion × 10,000 hours is beyond Int64 at eight decimals; Int128 holds it.
        let product = ExactProduct(try decimal("900000000000000"), times: try decimal("10000"))
        XCTAssertEqual(product.description, "9000000000000000000.00")
    }
}
