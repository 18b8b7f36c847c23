@testable import SignalboxSimulation
import SignalboxCore
import XCTest

/// How PSA prices time from the card it holds (hand-computed): the approved card, then the amendments it has applied
/// by the approval time, as it applied them, in version order, from their effective dates.
final class PSARateCardTests: XCTestCase {
    private func at(_ text: String) -> Timestamp { try! Timestamp(rfc3339: text) }
    private func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    private func card(_ rates: [String: Int64]) -> [RateCardEntry] {
        rates.sorted { $0.key < $1.key }.map { RateCardEntry(role: $0.key, rate: ExactDecimal($0.value)) }
    }

    func testAnAmendmentCountsFromItsApplicationInPSAAndItsEffectiveDate() {
        var psa = PSARateCard(approved: card(["dev": 150, "qa": 100]))
        psa.record(.init(version: 2, effectiveDate: day("2026-10-01"), rates: card(["dev": 160]), appliedAt: at("2026-10-10T12:00:00Z")))
        // Pending in PSA when approved: the old rate, even for work after the effective date.
        XCTAssertEqual(psa.rate(of: "dev", on: day("2026-10-05"), at: at("2026-10-10T11:59:59Z")), ExactDecimal(150))
        // Applied by then: the new rate from the effective date on (that day included), the old one before it.
        XCTAssertEqual(psa.rate(of: "dev", on: day("2026-10-01"), at: at("2026-10-10T12:00:00Z")), ExactDecimal(160))
        XCTAssertEqual(psa.rate(of: "dev", on: day("2026-09-30"), at: at("2026-10-12T00:00:00Z")), ExactDecimal(150))
        // Roles the amendment does not list keep their rate; a role on no card has none.
        XCTAssertEqual(psa.rate(of: "qa", on: day("2026-10-05"), at: at("2026-10-12T00:00:00Z")), ExactDecimal(100))
        XCTAssertNil(psa.rate(of: "architect", on: day("2026-10-05"), at: at("2026-10-12T00:00:00Z")))
    }

    func testAWrongApplicationPricesOffTheCardUntilItIsCorrected() {
        var psa = PSARateCard(approved: card(["dev": 150]))
        psa.record(.init(version: 2, effectiveDate: day("2026-10-01"), rates: card(["dev": 165]), appliedAt: at("2026-10-02T09:00:00Z")))
        psa.record(.init(version: 2, effectiveDate: day("2026-10-01"), rates: card(["dev": 160]), appliedAt: at("2026-10-05T09:00:00Z")))
        XCTAssertEqual(psa.rate(of: "dev", on: day("2026-10-02"), at: at("2026-10-03T00:00:00Z")), ExactDecimal(165))
        XCTAssertEqual(psa.rate(of: "dev", on: day("2026-10-02"), at: at("2026-10-06T00:00:00Z")), ExactDecimal(160))
    }

    func testVersionsApplyInVersionOrderWhateverTheirEffectiveDates() {
        var psa = PSARateCard(approved: card(["dev": 150]))
        psa.record(.init(version: 3, effectiveDate: day("2026-10-01"), rates: card(["dev": 170]), appliedAt: at("2026-09-02T00:00:00Z")))
        psa.record(.init(version: 2, effectiveDate: day("2026-10-15"), rates: card(["dev": 160]), appliedAt: at("2026-09-03T00:00:00Z")))
        XCTAssertEqual(psa.rate(of: "dev", on: day("2026-10-20"), at: at("2026-10-21T00:00:00Z")), ExactDecimal(170))
        XCTAssertEqual(psa.rate(of: "dev", on: day("2026-10-10"), at: at("2026-10-21T00:00:00Z")), ExactDecimal(170))
        XCTAssertEqual(psa.rate(of: "dev", on: day("2026-09-30"), at: at("2026-10-21T00:00:00Z")), ExactDecimal(150))
    }
}
