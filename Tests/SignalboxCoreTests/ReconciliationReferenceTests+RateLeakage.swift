import SignalboxCore
import XCTest

/// §10.1 rate leakage, hand-computed: the card in effect on the work date against the rate the PSA priced at.
final class RateLeakageReferenceTests: XCTestCase {
    private let inWindow = "2026-10-28T10:00:00Z"

    private func leakage(_ log: EventLog) -> [String: RateLeakageRow] {
        Dictionary(uniqueKeysWithValues: log.reconciliationRows().rateLeakage.map { ($0.timeEntryID, $0) })
    }

    func testARateOnTheCardIsNoRowAndOffTheCardIsUnderOrOverByTheExactDifferenceTimesHours() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150", "qa": "100"]), at: "2026-01-05T00:00:00Z")
        log.add(.entry("T1", rate: "150"), at: inWindow)
        log.add(.entry("T2", hours: "7.5", rate: "149.875"), at: inWindow)
        log.add(.entry("T3", role: "qa", hours: "2.25", rate: "112.5"), at: inWindow)
        let rows = leakage(log)
        XCTAssertEqual(Set(rows.keys), ["T2", "T3"])
        XCTAssertEqual(rows["T2"]?.direction, .under)
        XCTAssertEqual(rows["T2"]?.amount, ExactProduct(decimal("0.9375")))
        XCTAssertEqual(rows["T2"]?.expected, decimal("150"))
        XCTAssertEqual(rows["T2"]?.expectedFrom, RateSource(version: 1, effectiveDate: nil))
        XCTAssertEqual(rows["T3"]?.direction, .over)
        XCTAssertEqual(rows["T3"]?.amount, ExactProduct(decimal("28.125")))
        let usd = log.reconciliation().rateLeakage["USD"]
        XCTAssertEqual(usd?.entries, 2)
        XCTAssertEqual(usd?.hours, decimal("9.75"))
        XCTAssertEqual(usd?.underAmount, ExactProduct(decimal("0.9375")))
        XCTAssertEqual(usd?.overAmount, ExactProduct(decimal("28.125")))
        XCTAssertEqual(usd?.unpriced, 0)
    }

    func testTheCardStartsFromTheLatestApprovalAtOrBeforeT() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150"]), at: "2026-01-05T00:00:00Z")
        log.add(.contract("C1", card: ["dev": "170"]), at: "2026-02-01T00:00:00Z")
        // Same occurred_at, arrived later: this one is the latest.
        log.add(.contract("C1", card: ["dev": "160"]), at: "2026-02-01T00:00:00Z")
        // After T: does not exist yet.
        log.add(.contract("C1", card: ["dev": "150"]), at: "2026-11-02T00:00:00Z")
        log.add(.entry("T1", rate: "150"), at: inWindow)
        XCTAssertEqual(leakage(log)["T1"]?.expected, decimal("160"))
        XCTAssertEqual(leakage(log)["T1"]?.amount, ExactProduct(decimal("80")))
    }

    func testAnAmendmentSetsOnlyTheRolesItListsTheOthersKeepTheirRate() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150", "qa": "100"]), at: "2026-01-05T00:00:00Z")
        log.add(.amended("C1", version: 2, effective: "2026-10-01", card: ["dev": "165"]), at: "2026-09-20T00:00:00Z")
        log.add(.entry("T1", rate: "165"), at: inWindow)
        log.add(.entry("T2", role: "qa", rate: "100"), at: inWindow)
        log.add(.entry("T3", rate: "150"), at: inWindow)
        let rows = leakage(log)
        XCTAssertEqual(Set(rows.keys), ["T3"])
        XCTAssertEqual(rows["T3"]?.expected, decimal("165"))
        XCTAssertEqual(rows["T3"]?.expectedFrom, RateSource(version: 2, effectiveDate: day("2026-10-01")))
        XCTAssertEqual(rows["T3"]?.amount, ExactProduct(decimal("120")))
    }

    func testAnAmendmentEffectiveOnTheWorkDateItselfApplies() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150"]), at: "2026-01-05T00:00:00Z")
        log.add(.amended("C1", version: 2, effective: "2026-10-20", card: ["dev": "165"]), at: "2026-09-20T00:00:00Z")
        log.add(.entry("ON", worked: "2026-10-20", rate: "150"), at: inWindow)
        log.add(.entry("BEFORE-OK", worked: "2026-10-19", rate: "150"), at: inWindow)
        log.add(.entry("BEFORE-OVER", worked: "2026-10-19", rate: "165"), at: inWindow)
        let rows = leakage(log)
        XCTAssertEqual(Set(rows.keys), ["ON", "BEFORE-OVER"])
        XCTAssertEqual(rows["ON"]?.direction, .under)
        XCTAssertEqual(rows["ON"]?.expected, decimal("165"))
        XCTAssertEqual(rows["BEFORE-OVER"]?.direction, .over)
        XCTAssertEqual(rows["BEFORE-OVER"]?.expected, decimal("150"))
    }

    /// v3 effective before v2: after both, v3's rate wins for roles both list (ascending version); between, only v3.
    func testVersionsAreAppliedInVersionOrderWhateverTheirEffectiveDates() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150", "qa": "100"]), at: "2026-01-05T00:00:00Z")
        log.add(.amended("C1", version: 2, effective: "2026-10-15", card: ["dev": "160", "qa": "110"]), at: "2026-09-01T00:00:00Z")
        log.add(.amended("C1", version: 3, effective: "2026-10-01", card: ["dev": "170"]), at: "2026-09-02T00:00:00Z")
        log.add(.entry("AFTER-BOTH-DEV", worked: "2026-10-20", rate: "150"), at: inWindow)
        log.add(.entry("AFTER-BOTH-QA", role: "qa", worked: "2026-10-20", rate: "100"), at: inWindow)
        log.add(.entry("BETWEEN-DEV", worked: "2026-10-10", rate: "150"), at: inWindow)
        log.add(.entry("BETWEEN-QA", role: "qa", worked: "2026-10-10", rate: "100"), at: inWindow)
        log.add(.entry("BEFORE-DEV", worked: "2026-09-30", rate: "150"), at: inWindow)
        let rows = leakage(log)
        XCTAssertEqual(Set(rows.keys), ["AFTER-BOTH-DEV", "AFTER-BOTH-QA", "BETWEEN-DEV"])
        XCTAssertEqual(rows["AFTER-BOTH-DEV"]?.expected, decimal("170"))
        XCTAssertEqual(rows["AFTER-BOTH-DEV"]?.expectedFrom?.version, 3)
        XCTAssertEqual(rows["AFTER-BOTH-QA"]?.expected, decimal("110"))
        XCTAssertEqual(rows["AFTER-BOTH-QA"]?.expectedFrom?.version, 2)
        XCTAssertEqual(rows["BETWEEN-DEV"]?.expected, decimal("170"))
        XCTAssertEqual(log.reconciliation().rateLeakage["USD"]?.underAmount, ExactProduct(decimal("400")))
    }

    func testAnAmendmentMayAddARoleAndOnlyTheLatestStatementOfEachVersionAtOrBeforeTCounts() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150"]), at: "2026-01-05T00:00:00Z")
        log.add(.amended("C1", version: 2, effective: "2026-10-01", card: ["architect": "200"]), at: "2026-09-01T00:00:00Z")
        log.add(.amended("C1", version: 3, effective: "2026-10-01", value: "500000"), at: "2026-09-02T00:00:00Z")
        log.add(.amended("C1", version: 4, effective: "2026-10-01", card: ["dev": "180"]), at: "2026-09-03T00:00:00Z")
        log.add(.amended("C1", version: 4, effective: "2026-10-01", card: ["dev": "175"]), at: "2026-09-04T00:00:00Z")
        log.add(.amended("C1", version: 5, effective: "2026-10-01", card: ["dev": "190"]), at: "2026-11-02T00:00:00Z")
        log.add(.entry("ARCHITECT", role: "architect", rate: "200"), at: inWindow)
        log.add(.entry("ARCHITECT-EARLY", role: "architect", worked: "2026-09-20", rate: "200"), at: inWindow)
        log.add(.entry("DEV", rate: "180"), at: inWindow)
        let rows = leakage(log)
        XCTAssertEqual(Set(rows.keys), ["ARCHITECT-EARLY", "DEV"])
        XCTAssertEqual(rows["ARCHITECT-EARLY"]?.direction, .unpriced)
        XCTAssertEqual(rows["DEV"]?.expected, decimal("175"))
        XCTAssertEqual(rows["DEV"]?.expectedFrom, RateSource(version: 4, effectiveDate: day("2026-10-01")))
        XCTAssertEqual(rows["DEV"]?.amount, ExactProduct(decimal("40")))
    }

    func testARoleNotOnTheCardOrAContractWithoutApprovalIsUnpricedAndInNeitherAmount() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150"]), at: "2026-01-05T00:00:00Z")
        log.add(.contract("C3", card: ["dev": "150"]), at: "2026-11-01T00:00:00Z")
        log.add(.entry("ROLE", role: "designer", hours: "4", rate: "90"), at: inWindow)
        log.add(.entry("NO-CONTRACT", contract: "C9", rate: "150"), at: inWindow)
        log.add(.entry("APPROVED-AFTER-T", contract: "C3", rate: "150"), at: inWindow)
        let rows = leakage(log)
        XCTAssertEqual(Set(rows.keys), ["ROLE", "NO-CONTRACT", "APPROVED-AFTER-T"])
        XCTAssertTrue(rows.values.allSatisfy { $0.direction == .unpriced && $0.expected == nil && $0.amount == .zero })
        let usd = log.reconciliation().rateLeakage["USD"]
        XCTAssertEqual(usd?.unpriced, 3)
        XCTAssertEqual(usd?.entries, 0)
        XCTAssertEqual(usd?.hours, .zero)
        XCTAssertEqual(usd?.underAmount, .zero)
        XCTAssertEqual(usd?.overAmount, .zero)
    }

    /// The latest approval (≤ T) decides both the population (its time) and the rate, even after the entry was invoiced.
    func testTimeReapprovedAfterItWasInvoicedIsJudgedByItsLatestApproval() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150"]), at: "2026-01-05T00:00:00Z")
        log.add(.entry("FIXED", rate: "140"), at: "2026-10-10T00:00:00Z")
        log.add(.entry("BROKEN", rate: "150"), at: "2026-10-10T00:00:00Z")
        log.add(.entry("OLD", rate: "140"), at: "2026-10-10T00:00:00Z")
        log.add(.posted("INV1", lines: [("FIXED", "1120"), ("BROKEN", "1200"), ("OLD", "1120")]), at: "2026-10-12T00:00:00Z")
        log.add(.entry("FIXED", rate: "150"), at: inWindow)
        log.add(.entry("BROKEN", rate: "140"), at: inWindow)
        log.add(.entry("LATER", rate: "140"), at: inWindow)
        log.add(.entry("LATER", rate: "150"), at: "2026-11-05T00:00:00Z")
        let rows = leakage(log)
        XCTAssertEqual(Set(rows.keys), ["BROKEN", "LATER"])
        XCTAssertEqual(rows["BROKEN"]?.approvedAt, timestamp(inWindow))
        XCTAssertEqual(rows["BROKEN"]?.amount, ExactProduct(decimal("80")))
        XCTAssertEqual(rows["LATER"]?.rate, decimal("140"))
    }

    func testTheWindowExcludesItsStartAndIncludesT() {
        var log = EventLog()
        log.add(.contract("C1", card: ["dev": "150"]), at: "2026-01-05T00:00:00Z")
        log.add(.entry("AT-START", rate: "140"), at: windowStartText)
        log.add(.entry("JUST-AFTER-START", rate: "140"), at: "2026-10-24T00:00:00.001Z")
        log.add(.entry("AT-T", rate: "140"), at: asOfText)
        log.add(.entry("AFTER-T", rate: "140"), at: "2026-10-31T00:00:00.001Z")
        XCTAssertEqual(Set(leakage(log).keys), ["JUST-AFTER-START", "AT-T"])
        XCTAssertEqual(Set(log.reconciliationRows(window: .days(30)).rateLeakage.map(\.timeEntryID)), ["AT-START", "JUST-AFTER-START", "AT-T"])
    }
}
