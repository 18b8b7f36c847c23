import SignalboxCore
import XCTest

final class AmendmentReferenceTests: XCTestCase {
    private let changes = ContractTerms(
        rateCard: [RateCardEntry(role: "dev", rate: ExactDecimal(150)), RateCardEntry(role: "pm", rate: ExactDecimal(120))],
        endDate: CivilDate(year: 2027, month: 3, day: 31),
        totalValue: ExactDecimal(250_000)
    )

    private var wrongTotal: ContractTerms {
        var terms = changes
        terms.totalValue = ExactDecimal(240_000)
        return terms
    }

    private func accuracy(_ log: EventLog) -> (accurate: Int, mismatched: Int, pending: Int) {
        let signal = log.signals().amendments
        return (signal.accurate, signal.mismatched, signal.pending)
    }

    func testBothTargetsMatchingIsAccurate() {
        var log = EventLog()
        log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", .psa, changes), at: "2026-10-25T01:00:00Z")
        log.add(.application("C1", .erp, changes), at: "2026-10-25T02:00:00Z")

        let signal = log.signals().amendments
        XCTAssertEqual(signal.total, 1)
        XCTAssertEqual(signal.accurate, 1)
        XCTAssertEqual(signal.accuracy, Ratio(1, over: 1))
    }

    func testOneDifferingTargetIsMismatchedEvenWhenTheOtherIsMissing() {
        var log = EventLog()
        log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", .erp, wrongTotal), at: "2026-10-25T02:00:00Z")
        XCTAssertEqual(accuracy(log).mismatched, 1)
    }

    func testAMissingTargetWithoutMismatchIsPending() {
        var log = EventLog()
        log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", .psa, changes), at: "2026-10-25T01:00:00Z")
        XCTAssertEqual(accuracy(log).pending, 1)

        var untouched = EventLog()
        untouched.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        XCTAssertEqual(accuracy(untouched).pending, 1)
    }

    func testRateCardIsComparedAsAMapIgnoringOrderAndDecimalScale() throws {
        let reordered = ContractTerms(
            rateCard: [RateCardEntry(role: "pm", rate: try ExactDecimal(parsing: "120.0")),
                       RateCardEntry(role: "dev", rate: try ExactDecimal(parsing: "150.00"))],
            endDate: changes.endDate, totalValue: try ExactDecimal(parsing: "250000.00")
        )
        var log = EventLog()
        log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", .psa, reordered), at: "2026-10-25T01:00:00Z")
        log.add(.application("C1", .erp, reordered), at: "2026-10-25T02:00:00Z")
        XCTAssertEqual(accuracy(log).accurate, 1)
    }

    func testRateCardWithADifferentRateAnExtraRoleOrNoCardDoesNotMatch() {
        let onlyRates = ContractTerms(rateCard: changes.rateCard)
        let variants = [
            ContractTerms(rateCard: [RateCardEntry(role: "dev", rate: ExactDecimal(151)), RateCardEntry(role: "pm", rate: ExactDecimal(120))]),
            ContractTerms(rateCard: changes.rateCard! + [RateCardEntry(role: "qa", rate: ExactDecimal(90))]),
            ContractTerms(endDate: changes.endDate),
        ]
        for applied in variants {
            var log = EventLog()
            log.add(.amendment("C1", onlyRates), at: "2026-10-25T00:00:00Z")
            log.add(.application("C1", .psa, onlyRates), at: "2026-10-25T01:00:00Z")
            log.add(.application("C1", .erp, applied), at: "2026-10-25T02:00:00Z")
            XCTAssertEqual(accuracy(log).mismatched, 1, "applied: \(applied)")
        }
    }

    func testKeysNotInTheChangesAreNotCompared() {
        let endDateOnly = ContractTerms(endDate: CivilDate(year: 2027, month: 3, day: 31))
        var log = EventLog()
        log.add(.amendment("C1", endDateOnly), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", .psa, wrongTotal), at: "2026-10-25T01:00:00Z")
        log.add(.application("C1", .erp, endDateOnly), at: "2026-10-25T02:00:00Z")
        XCTAssertEqual(accuracy(log).accurate, 1)
    }

    func testLatestApplicationPerTargetWins() {
        var corrected = EventLog()
        corrected.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        corrected.add(.application("C1", .psa, changes), at: "2026-10-25T01:00:00Z")
        corrected.add(.application("C1", .erp, changes), at: "2026-10-26T00:00:00Z")
        corrected.add(.application("C1", .erp, wrongTotal), at: "2026-10-25T02:00:00Z")
        XCTAssertEqual(accuracy(corrected).accurate, 1, "the later occurred_at wins, not the later arrival")

        var broken = EventLog()
        broken.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        broken.add(.application("C1", .psa, changes), at: "2026-10-25T01:00:00Z")
        broken.add(.application("C1", .erp, changes), at: "2026-10-25T02:00:00Z")
        broken.add(.application("C1", .erp, wrongTotal), at: "2026-10-26T00:00:00Z")
        XCTAssertEqual(accuracy(broken).mismatched, 1)
    }

    func testApplicationTieGoesToTheLaterArrival() {
        for (first, second, expectAccurate) in [(wrongTotal, changes, true), (changes, wrongTotal, false)] {
            var log = EventLog()
            log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
            log.add(.application("C1", .psa, changes), at: "2026-10-25T01:00:00Z")
            log.add(.application("C1", .erp, first), at: "2026-10-25T02:00:00Z")
            log.add(.application("C1", .erp, second), at: "2026-10-25T02:00:00Z")
            XCTAssertEqual(accuracy(log).accurate, expectAccurate ? 1 : 0)
            XCTAssertEqual(accuracy(log).mismatched, expectAccurate ? 0 : 1)
        }
    }

    func testApplicationAfterAsOfIsIgnored() {
        var log = EventLog()
        log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", .psa, changes), at: "2026-10-25T01:00:00Z")
        log.add(.application("C1", .erp, changes), at: "2026-11-01T00:00:00Z")
        XCTAssertEqual(accuracy(log).pending, 1)
    }

    func testApplicationOfAnotherVersionDoesNotCount() {
        var log = EventLog()
        log.add(.amendment("C1", version: 2, changes), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", version: 2, .psa, changes), at: "2026-10-25T01:00:00Z")
        log.add(.application("C1", version: 3, .erp, changes), at: "2026-10-25T02:00:00Z")
        log.add(.application("C2", version: 2, .erp, changes), at: "2026-10-25T02:00:00Z")
        XCTAssertEqual(accuracy(log).pending, 1)
    }

    func testLatestAmendmentPerContractAndVersionIsTheOneMeasured() {
        var restated = changes
        restated.totalValue = ExactDecimal(300_000)
        var log = EventLog()
        log.add(.amendment("C1", restated), at: "2026-10-26T00:00:00Z")
        log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", .psa, restated), at: "2026-10-26T01:00:00Z")
        log.add(.application("C1", .erp, restated), at: "2026-10-26T02:00:00Z")

        let signal = log.signals().amendments
        XCTAssertEqual(signal.total, 1, "one per (contract_id, version)")
        XCTAssertEqual(signal.accurate, 1)
    }

    func testAmendmentTieGoesToTheLaterArrival() {
        var restated = changes
        restated.totalValue = ExactDecimal(300_000)
        var log = EventLog()
        log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        log.add(.amendment("C1", restated), at: "2026-10-25T00:00:00Z")
        log.add(.application("C1", .psa, restated), at: "2026-10-26T01:00:00Z")
        log.add(.application("C1", .erp, restated), at: "2026-10-26T02:00:00Z")
        XCTAssertEqual(accuracy(log).accurate, 1)
    }

    func testDistinctVersionsAreCountedSeparately() {
        var log = EventLog()
        log.add(.amendment("C1", version: 2, changes), at: "2026-10-25T00:00:00Z")
        log.add(.amendment("C1", version: 3, changes), at: "2026-10-26T00:00:00Z")
        log.add(.application("C1", version: 3, .psa, changes), at: "2026-10-26T01:00:00Z")
        log.add(.application("C1", version: 3, .erp, changes), at: "2026-10-26T02:00:00Z")

        let signal = log.signals().amendments
        XCTAssertEqual(signal.total, 2)
        XCTAssertEqual(signal.accuracy, Ratio(1, over: 2))
    }

    func testWindowExcludesAmendmentAtItsStartAndIncludesAmendmentAtAsOf() {
        var log = EventLog()
        log.add(.amendment("C1", changes), at: windowStartText)
        log.add(.amendment("C2", changes), at: asOfText)
        XCTAssertEqual(log.signals().amendments.total, 1)
    }

    func testPopulationUsesTheOccurredAtOfTheLatestStatementAsOfT() {
        var log = EventLog()
        log.add(.amendment("C1", changes), at: "2026-10-01T00:00:00Z")
        log.add(.amendment("C1", changes), at: "2026-10-25T00:00:00Z")
        log.add(.amendment("C2", changes), at: "2026-10-25T00:00:00Z")
        log.add(.amendment("C2", wrongTotal), at: "2026-11-02T00:00:00Z")
        log.add(.application("C2", .psa, changes), at: "2026-10-25T01:00:00Z")
        log.add(.application("C2", .erp, changes), at: "2026-10-25T02:00:00Z")

        let signal = log.signals().amendments
        XCTAssertEqual(signal.total, 2)
        XCTAssertEqual(signal.accurate, 1, "C2 is judged by its statement as of T")
    }

    func testNoAmendmentsGiveNullAccuracy() {
        let signal = EventLog().signals().amendments
        XCTAssertEqual(signal.total, 0)
        XCTAssertNil(signal.accuracy)
    }
}
