import SignalboxCore
@testable import SignalboxSQLite
import XCTest

/// The amendment projection's text of a rate card: equal exactly when the maps role → rate are equal.
final class SQLiteAmendmentProjectionTests: XCTestCase {
    private func key(_ card: [(String, String)]) throws -> String {
        let terms = ContractTerms(rateCard: try card.map { RateCardEntry(role: $0.0, rate: try ExactDecimal(parsing: $0.1)) })
        return SQLiteAmendmentProjection.rateCardKey(try XCTUnwrap(terms.rateMap))
    }

    func testTheSameMapGivesTheSameTextWhateverTheOrderSpellingOrRepeatedRoles() throws {
        let card = try key([("Dev", "110"), ("QA", "90")])
        XCTAssertEqual(try key([("QA", "90.00"), ("Dev", "110.0")]), card, "order and spelling of the rates")
        XCTAssertEqual(try key([("Dev", "95"), ("QA", "90"), ("Dev", "110")]), card, "a repeated role: the later line wins")
        XCTAssertEqual(try key([]), "", "an empty card is a card")
    }

    func testDifferentMapsGiveDifferentTexts() throws {
        let card = try key([("a", "1"), ("b", "2")])
        XCTAssertNotEqual(try key([("a", "1"), ("b", "2.0001")]), card, "another rate")
        XCTAssertNotEqual(try key([("a", "1"), ("B", "2")]), card, "another role")
        XCTAssertNotEqual(try key([("a", "1")]), card, "a role fewer")
        XCTAssertNotEqual(try key([("a=10000;b", "2")]), card, "a role spelling out another card's text")
    }
}
