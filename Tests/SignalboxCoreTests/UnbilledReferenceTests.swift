import SignalboxCore
import XCTest

final class UnbilledReferenceTests: XCTestCase {
    func testApprovedUnbilledEntryIsCountedInItsCurrencyAndBucket() {
        var log = EventLog()
        log.add(.time("T1", hours: "7.5", amount: "1125.00"), at: "2026-10-30T00:00:00Z")

        let usd = log.signals().unbilled["USD"]
        XCTAssertEqual(usd?.total, UnbilledTotals(hours: decimal("7.5"), amount: decimal("1125"), entries: 1))
        XCTAssertEqual(usd?[.upTo7], UnbilledTotals(hours: decimal("7.5"), amount: decimal("1125"), entries: 1))
        XCTAssertEqual(usd?[.upTo30], UnbilledTotals())
    }

    func testLatestApprovalByOccurredAtGivesHoursAmountCurrencyAndAge() {
        var log = EventLog()
        log.add(.time("T1", hours: "6", amount: "900", currency: "EUR"), at: "2026-10-30T00:00:00Z")
        log.add(.time("T1", hours: "8", amount: "1200", currency: "USD"), at: "2026-09-01T00:00:00Z")

        let unbilled = log.signals().unbilled
        XCTAssertEqual(Set(unbilled.keys), ["EUR"])
        XCTAssertEqual(unbilled["EUR"]?[.upTo7], UnbilledTotals(hours: decimal("6"), amount: decimal("900"), entries: 1))
    }

    func testApprovalTieGoesToTheLaterArrival() {
        var log = EventLog()
        log.add(.time("T1", hours: "8", amount: "1200"), at: "2026-10-30T00:00:00Z")
        log.add(.time("T1", hours: "6", amount: "900"), at: "2026-10-30T00:00:00Z")
        XCTAssertEqual(log.signals().unbilled["USD"]?.total, UnbilledTotals(hours: decimal("6"), amount: decimal("900"), entries: 1))
    }

    func testApprovalTieAcrossOffsetsIsStillATie() {
        var log = EventLog()
        log.add(.time("T1", hours: "8", amount: "1200"), at: "2026-10-30T14:00:00+02:00")
        log.add(.time("T1", hours: "6", amount: "900"), at: "2026-10-30T12:00:00Z")
        XCTAssertEqual(log.signals().unbilled["USD"]?.total.hours, decimal("6"))

        var reversed = EventLog()
        reversed.add(.time("T1", hours: "6", amount: "900"), at: "2026-10-30T12:00:00Z")
        reversed.add(.time("T1", hours: "8", amount: "1200"), at: "2026-10-30T14:00:00+02:00")
        XCTAssertEqual(reversed.signals().unbilled["USD"]?.total.hours, decimal("8"))
    }

    func testApprovalAfterAsOfIsIgnored() {
        var log = EventLog()
        log.add(.time("T1", hours: "8", amount: "1200"), at: "2026-10-29T00:00:00Z")
        log.add(.time("T1", hours: "6", amount: "900"), at: "2026-11-01T00:00:00Z")
        log.add(.time("T2"), at: "2026-11-01T00:00:00Z")
        XCTAssertEqual(log.signals().unbilled["USD"]?.total, UnbilledTotals(hours: decimal("8"), amount: decimal("1200"), entries: 1))
    }

    func testInvoiceLineNamingTheEntryBillsItEvenWhenPostedBeforeTheApproval() {
        var log = EventLog()
        log.add(.invoice(billing: ["T1"]), at: "2026-10-01T00:00:00Z")
        log.add(.time("T1"), at: "2026-10-30T00:00:00Z")
        log.add(.time("T2"), at: "2026-10-30T00:00:00Z")
        log.add(.invoice(billing: ["T2", "T9"]), at: "2026-10-30T06:00:00Z")
        XCTAssertEqual(log.signals().unbilled, [:], "only currencies with unbilled time appear")
    }

    func testInvoiceAfterAsOfDoesNotBill() {
        var log = EventLog()
        log.add(.time("T1"), at: "2026-10-30T00:00:00Z")
        log.add(.invoice(billing: ["T1"]), at: "2026-11-01T00:00:00Z")
        XCTAssertEqual(log.signals().unbilled["USD"]?.total.entries, 1)
    }

    func testEachCurrencyIsTotalledSeparately() {
        var log = EventLog()
        log.add(.time("T1", hours: "8", amount: "1200.10", currency: "USD"), at: "2026-10-30T00:00:00Z")
        log.add(.time("T2", hours: "0.25", amount: "37.55", currency: "USD"), at: "2026-10-01T00:00:00Z")
        log.add(.time("T3", hours: "4", amount: "520", currency: "EUR"), at: "2026-10-29T00:00:00Z")
        log.add(.time("T4", hours: "2", amount: "200", currency: "GBP"), at: "2026-10-29T00:00:00Z")
        log.add(.invoice(billing: ["T4"]), at: "2026-10-30T00:00:00Z")

        let unbilled = log.signals().unbilled
        XCTAssertEqual(Set(unbilled.keys), ["USD", "EUR"])
        XCTAssertEqual(unbilled["USD"]?.total, UnbilledTotals(hours: decimal("8.25"), amount: decimal("1237.65"), entries: 2))
        XCTAssertEqual(unbilled["USD"]?[.upTo7], UnbilledTotals(hours: decimal("8"), amount: decimal("1200.10"), entries: 1))
        XCTAssertEqual(unbilled["USD"]?[.upTo30], UnbilledTotals(hours: decimal("0.25"), amount: decimal("37.55"), entries: 1))
        XCTAssertEqual(unbilled["EUR"]?.total, UnbilledTotals(hours: decimal("4"), amount: decimal("520"), entries: 1))
    }

    func testAgeBucketEdgesInWholeDaysRoundedDown() {
        let asOf = timestamp(asOfText)
        let cases: [(approvedAt: String, bucket: AgeBucket)] = [
            ("2026-10-31T00:00:00Z", .upTo7),  // 0 days
            ("2026-10-24T00:00:00Z", .upTo7),  // exactly 7
            ("2026-10-23T00:00:00.000001Z", .upTo7),  // 7.99999…
            ("2026-10-23T12:00:00Z", .upTo7),  // 7.5
            ("2026-10-23T00:00:00Z", .upTo30),  // exactly 8
            ("2026-10-01T00:00:00Z", .upTo30),  // exactly 30
            ("2026-09-30T12:00:00Z", .upTo30),  // 30.5
            ("2026-09-30T00:00:00Z", .upTo60),  // exactly 31
            ("2026-09-01T00:00:00Z", .upTo60),  // exactly 60
            ("2026-08-31T00:00:00.000001Z", .upTo60),  // 60.99999…
            ("2026-08-31T00:00:00Z", .over60),  // exactly 61
            ("2025-10-31T00:00:00Z", .over60),  // a year
        ]
        for (approvedAt, bucket) in cases {
            XCTAssertEqual(AgeBucket(approvedAt: timestamp(approvedAt), asOf: asOf), bucket, approvedAt)
        }
    }

    func testEntriesAreBucketedByAgeAtAsOf() {
        var log = EventLog()
        log.add(.time("T1", hours: "1", amount: "100"), at: "2026-10-24T00:00:00Z")
        log.add(.time("T2", hours: "2", amount: "200"), at: "2026-10-23T00:00:00Z")
        log.add(.time("T3", hours: "3", amount: "300"), at: "2026-10-01T00:00:00Z")
        log.add(.time("T4", hours: "4", amount: "400"), at: "2026-09-30T00:00:00Z")
        log.add(.time("T5", hours: "5", amount: "500"), at: "2026-09-01T00:00:00Z")
        log.add(.time("T6", hours: "6", amount: "600"), at: "2026-08-31T00:00:00Z")

        let usd = log.signals().unbilled["USD"]
        XCTAssertEqual(usd?[.upTo7], UnbilledTotals(hours: decimal("1"), amount: decimal("100"), entries: 1))
        XCTAssertEqual(usd?[.upTo30], UnbilledTotals(hours: decimal("5"), amount: decimal("500"), entries: 2))
        XCTAssertEqual(usd?[.upTo60], UnbilledTotals(hours: decimal("9"), amount: decimal("900"), entries: 2))
        XCTAssertEqual(usd?[.over60], UnbilledTotals(hours: decimal("6"), amount: decimal("600"), entries: 1))
        XCTAssertEqual(usd?.total, UnbilledTotals(hours: decimal("21"), amount: decimal("2100"), entries: 6))
    }

    func testAgeIsMeasuredBetweenInstantsNotLocalClockReadings() {
        var log = EventLog()
        // 02:00 at +02:00 is midnight UTC: exactly 8 days before T, although the local reading is 7 days 22 hours.
        log.add(.time("T1"), at: "2026-10-23T02:00:00+02:00")
        XCTAssertEqual(log.signals().unbilled["USD"]?[.upTo30].entries, 1)
    }

    func testNoUnbilledTimeGivesAnEmptyMap() {
        XCTAssertEqual(EventLog().signals().unbilled, [:])
    }
}
