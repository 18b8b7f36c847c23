import SignalboxCore
import XCTest

/// §10.4 unbilled milestones, hand-computed: accepted (latest acceptance ≤ T) and named by no invoice posted by T.
final class UnbilledMilestonesReferenceTests: XCTestCase {
    func testAcceptedMilestonesNoInvoiceNamesByTAreUnbilledAndAgedFromTheirLatestAcceptance() {
        var log = EventLog()
        log.add(.accepted("FRESH", amount: "40000"), at: "2026-10-29T00:00:00Z")
        log.add(.accepted("BILLED", amount: "10000"), at: "2026-10-01T00:00:00Z")
        log.add(.posted("INV1", milestones: [("BILLED", "10000")]), at: "2026-10-20T00:00:00Z")
        log.add(.accepted("BILLED-AFTER-T", amount: "20000"), at: "2026-10-01T00:00:00Z")
        log.add(.posted("INV2", milestones: [("BILLED-AFTER-T", "20000")]), at: "2026-11-02T00:00:00Z")
        log.add(.accepted("REACCEPTED", amount: "10000"), at: "2026-07-01T00:00:00Z")
        log.add(.accepted("REACCEPTED", amount: "12000"), at: "2026-09-15T00:00:00Z")
        log.add(.accepted("OLD", amount: "75000", currency: "GBP"), at: "2026-08-01T00:00:00Z")
        log.add(.accepted("ACCEPTED-AFTER-T", amount: "1"), at: "2026-11-01T00:00:00Z")
        log.add(.accepted("EIGHT-DAYS", amount: "100"), at: "2026-10-23T00:00:00Z")
        log.add(.accepted("NEARLY-EIGHT-DAYS", amount: "200"), at: "2026-10-23T00:00:00.001Z")

        let rows = Dictionary(uniqueKeysWithValues: log.reconciliationRows().unbilledMilestones.map { ($0.milestoneID, $0) })
        XCTAssertEqual(Set(rows.keys), ["FRESH", "BILLED-AFTER-T", "REACCEPTED", "OLD", "EIGHT-DAYS", "NEARLY-EIGHT-DAYS"])
        XCTAssertEqual(rows["REACCEPTED"]?.amount, decimal("12000"))
        XCTAssertEqual(rows["REACCEPTED"]?.acceptedAt, timestamp("2026-09-15T00:00:00Z"))

        let usd = log.reconciliation().unbilledMilestones["USD"]
        XCTAssertEqual(usd?[.upTo7], MilestoneTotals(milestones: 2, amount: decimal("40200")))   // FRESH, NEARLY-EIGHT-DAYS
        XCTAssertEqual(usd?[.upTo30], MilestoneTotals(milestones: 2, amount: decimal("20100")))  // BILLED-AFTER-T (30 d), EIGHT-DAYS
        XCTAssertEqual(usd?[.upTo60], MilestoneTotals(milestones: 1, amount: decimal("12000")))  // REACCEPTED (46 d)
        XCTAssertEqual(usd?[.over60], MilestoneTotals())
        XCTAssertEqual(usd?.total, MilestoneTotals(milestones: 5, amount: decimal("72300")))
        XCTAssertEqual(log.reconciliation().unbilledMilestones["GBP"]?[.over60], MilestoneTotals(milestones: 1, amount: decimal("75000")))
    }

    func testMilestonesHaveNoWindow() {
        var log = EventLog()
        log.add(.accepted("YEAR-OLD", amount: "5"), at: "2025-10-01T00:00:00Z")
        XCTAssertEqual(log.reconciliationRows(window: .hours(1)).unbilledMilestones.map(\.milestoneID), ["YEAR-OLD"])
    }
}

/// §10.5 over contract value, hand-computed: invoices in the contract's currency against the value in effect on T's UTC date.
final class OverContractValueReferenceTests: XCTestCase {
    func testContractsInvoicedBeyondTheValueInEffect() {
        var log = EventLog()
        // Over: 110 000 > 100 000; the EUR invoice is ignored.
        log.add(.contract("OVER", card: [:], value: "100000"), at: "2026-01-05T00:00:00Z")
        log.add(.posted("O1", contract: "OVER", total: "60000"), at: "2026-03-01T00:00:00Z")
        log.add(.posted("O2", contract: "OVER", total: "50000"), at: "2026-04-01T00:00:00Z")
        log.add(.posted("O3", contract: "OVER", currency: "EUR", total: "90000"), at: "2026-04-01T00:00:00Z")
        // Raised on T's date itself: 120 000 in effect, not over.
        log.add(.contract("RAISED-ON-T", card: [:], value: "100000"), at: "2026-01-05T00:00:00Z")
        log.add(.amended("RAISED-ON-T", version: 2, effective: "2026-10-31", value: "120000"), at: "2026-09-01T00:00:00Z")
        log.add(.posted("R1", contract: "RAISED-ON-T", total: "110000"), at: "2026-03-01T00:00:00Z")
        // Raised from the day after T: 100 000 in effect, over by 10 000.
        log.add(.contract("RAISED-AFTER-T", card: [:], value: "100000"), at: "2026-01-05T00:00:00Z")
        log.add(.amended("RAISED-AFTER-T", version: 2, effective: "2026-11-01", value: "120000"), at: "2026-09-01T00:00:00Z")
        log.add(.posted("A1", contract: "RAISED-AFTER-T", total: "110000"), at: "2026-03-01T00:00:00Z")
        // Equal is not over.
        log.add(.contract("EQUAL", card: [:], value: "100000"), at: "2026-01-05T00:00:00Z")
        log.add(.posted("E1", contract: "EQUAL", total: "100000"), at: "2026-03-01T00:00:00Z")
        // The latest approval's value.
        log.add(.contract("REAPPROVED", card: [:], value: "50000"), at: "2026-01-05T00:00:00Z")
        log.add(.contract("REAPPROVED", card: [:], value: "200000"), at: "2026-02-05T00:00:00Z")
        log.add(.posted("P1", contract: "REAPPROVED", total: "110000"), at: "2026-03-01T00:00:00Z")
        // The latest posting's total.
        log.add(.contract("REPOSTED", card: [:], value: "100000"), at: "2026-01-05T00:00:00Z")
        log.add(.posted("Q1", contract: "REPOSTED", total: "150000"), at: "2026-03-01T00:00:00Z")
        log.add(.posted("Q1", contract: "REPOSTED", total: "90000"), at: "2026-03-02T00:00:00Z")
        // No approval: no row.
        log.add(.posted("N1", contract: "UNAPPROVED", total: "1000000"), at: "2026-03-01T00:00:00Z")
        // Ascending version, not effective date: v2 (90 000) then v3 (130 000); not over.
        log.add(.contract("VERSIONS", card: [:], value: "100000"), at: "2026-01-05T00:00:00Z")
        log.add(.amended("VERSIONS", version: 3, effective: "2026-10-01", value: "130000"), at: "2026-09-01T00:00:00Z")
        log.add(.amended("VERSIONS", version: 2, effective: "2026-10-15", value: "90000"), at: "2026-09-02T00:00:00Z")
        log.add(.posted("V1", contract: "VERSIONS", total: "120000"), at: "2026-03-01T00:00:00Z")
        // The latest approval's currency: USD invoices are ignored after a re-approval in EUR.
        log.add(.contract("EURO", card: [:], value: "100000"), at: "2026-01-05T00:00:00Z")
        log.add(.contract("EURO", card: [:], value: "100000", currency: "EUR"), at: "2026-01-06T00:00:00Z")
        log.add(.posted("U1", contract: "EURO", total: "150000"), at: "2026-03-01T00:00:00Z")
        log.add(.posted("U2", contract: "EURO", currency: "EUR", total: "101000"), at: "2026-03-01T00:00:00Z")

        let rows = Dictionary(uniqueKeysWithValues: log.reconciliationRows().overContractValue.map { ($0.contractID, $0) })
        XCTAssertEqual(Set(rows.keys), ["OVER", "RAISED-AFTER-T", "EURO"])
        XCTAssertEqual(rows["OVER"], OverContractValueRow(contractID: "OVER", currency: "USD", value: decimal("100000"),
                                                          invoiced: decimal("110000"), invoices: 2))
        XCTAssertEqual(rows["RAISED-AFTER-T"]?.value, decimal("100000"))
        XCTAssertEqual(rows["EURO"]?.excess, decimal("1000"))
        let signal = log.reconciliation().overContractValue
        XCTAssertEqual(signal["USD"]?.contracts, 2)
        XCTAssertEqual(signal["USD"]?.excess, decimal("20000"))
        XCTAssertEqual(signal["EUR"]?.contracts, 1)
        XCTAssertEqual(signal["EUR"]?.excess, decimal("1000"))
        // One microsecond before T's date the raise on T's date is not yet in effect.
        XCTAssertEqual(Set(log.reconciliationRows(asOf: "2026-10-30T23:59:59.999Z").overContractValue.map(\.contractID)),
                       ["OVER", "RAISED-ON-T", "RAISED-AFTER-T", "EURO"])
    }
}
