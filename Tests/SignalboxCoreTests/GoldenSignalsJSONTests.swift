import SignalboxCore
import XCTest

final class GoldenSignalsJSONTests: XCTestCase {
    /// The example document of golden-signals.md (v3, §1–10), verbatim but for `by_kind`, whose kinds are written in name
    /// order as every map of kinds is (JSON objects are unordered; the spec lists them otherwise).
    private let specExample = """
        {
          "as_of": "2026-10-31T00:00:00Z",
          "window_seconds": 604800,
          "activation_latency": {"count": 41, "p50_seconds": 5400.0, "p90_seconds": 86400.0,
                                 "max_seconds": 172800.0, "pending": 3, "oldest_pending_seconds": 93600.0},
          "provisioning": {"attempts": 50, "succeeded": 44, "failed": 6,
                           "success_rate": 0.88, "first_pass_rate": 0.9024},
          "amendment_accuracy": {"total": 12, "accurate": 9, "mismatched": 1, "pending": 2, "accuracy": 0.75},
          "unbilled_time": {"USD": {"hours": 412.5, "amount": 61875.0, "entries": 97,
                                    "buckets": {"0-7":  {"hours": 300.0, "amount": 45000.0, "entries": 70},
                                                "8-30": {"hours": 100.5, "amount": 15075.0, "entries": 24},
                                                "31-60": {"hours": 12.0, "amount": 1800.0, "entries": 3},
                                                "61+":  {"hours": 0.0, "amount": 0.0, "entries": 0}}}},
          "exceptions": {"open": 17, "open_by_kind": {"ambiguous_customer_mapping": 5, "posting_failed": 12},
                         "oldest_open_seconds": 259200.0, "raised_in_window": 20, "closed_in_window": 9},
          "time_to_invoice": {"count": 310, "p50_seconds": 604800.0, "p90_seconds": 1900800.0, "max_seconds": 5184000.0},
          "resolution_time": {"count": 9, "p50_seconds": 7200.0, "p90_seconds": 259200.0, "max_seconds": 302400.0,
                              "resolved": 7, "dismissed": 2,
                              "by_kind": {"ambiguous_customer_mapping": {"count": 3, "p50_seconds": 259200.0, "p90_seconds": 302400.0},
                                          "posting_failed": {"count": 6, "p50_seconds": 3600.0, "p90_seconds": 86400.0}}},
          "invoice_to_cash": {"count": 40, "p50_seconds": 2592000.0, "p90_seconds": 3888000.0, "max_seconds": 5184000.0,
                              "outstanding": {"USD": {"invoices": 12, "amount": 184250.0}}},
          "throughput": {"events": 18250, "by_source": {"CLM": 310, "ERP": 2200, "MIDDLEWARE": 240, "PSA": 15500}},
          "reconciliation": {
            "rate_leakage": {"USD": {"entries": 19, "hours": 91.0, "under_amount": 1418.0, "over_amount": 62.5, "unpriced": 2}},
            "billing_mismatch": {"USD": {"lines": 34, "over_amount": 4754.0, "under_amount": 1506.0,
                                         "unapproved_lines": 1, "unapproved_amount": 600.0}},
            "double_billed": {"EUR": {"entries": 2, "amount": 2703.0}},
            "unbilled_milestones": {"GBP": {"milestones": 7, "amount": 370000.0,
                                            "buckets": {"0-7": {"milestones": 1, "amount": 40000.0},
                                                        "8-30": {"milestones": 2, "amount": 95000.0},
                                                        "31-60": {"milestones": 3, "amount": 160000.0},
                                                        "61+": {"milestones": 1, "amount": 75000.0}}}},
            "over_contract_value": {"USD": {"contracts": 1, "excess": 105000.0}}
          }
        }
        """

    /// Signals holding exactly the values of the spec's example.
    private var exampleSignals: GoldenSignals {
        let usd = UnbilledTime(buckets: [
            .upTo7: UnbilledTotals(hours: ExactDecimal(300), amount: ExactDecimal(45_000), entries: 70),
            .upTo30: UnbilledTotals(hours: ExactDecimal(units: 1_005_000), amount: ExactDecimal(15_075), entries: 24),
            .upTo60: UnbilledTotals(hours: ExactDecimal(12), amount: ExactDecimal(1800), entries: 3),
        ])
        return GoldenSignals(
            asOf: timestamp(asOfText), window: .days(7),
            activation: ActivationLatency(count: 41, p50: .seconds(5400), p90: .days(1), max: .days(2), pending: 3,
                                          oldestPending: .seconds(93_600)),
            provisioning: ProvisioningSignal(succeeded: 44, failed: 6, firstEvents: 41, firstPassed: 37),
            amendments: AmendmentAccuracy(accurate: 9, mismatched: 1, pending: 2),
            unbilled: ["USD": usd],
            exceptions: ExceptionBacklog(openByKind: ["posting_failed": 12, "ambiguous_customer_mapping": 5, "rate_mismatch": 0],
                                         oldestOpen: .days(3), raisedInWindow: 20, closedInWindow: 9),
            timeToInvoice: DurationSummary(count: 310, p50: .days(7), p90: .days(22), max: .days(60)),
            resolution: ResolutionTime(
                overall: DurationSummary(count: 9, p50: .seconds(7200), p90: .days(3), max: .seconds(302_400)),
                resolved: 7, dismissed: 2,
                byKind: ["posting_failed": DurationSummary(count: 6, p50: .seconds(3600), p90: .days(1), max: .days(2)),
                         "ambiguous_customer_mapping": DurationSummary(count: 3, p50: .days(3), p90: .seconds(302_400),
                                                                       max: .seconds(302_400)),
                         "rate_mismatch": .empty]
            ),
            invoiceToCash: InvoiceToCash(
                latency: DurationSummary(count: 40, p50: .days(30), p90: .days(45), max: .days(60)),
                outstanding: ["USD": OutstandingReceivables(invoices: 12, amount: ExactDecimal(184_250)), "EUR": OutstandingReceivables()]
            ),
            throughput: Throughput(bySource: ["CLM": 310, "ERP": 2200, "MIDDLEWARE": 240, "PSA": 15500, "CRM": 0]),
            reconciliation: exampleReconciliation
        )
    }

    /// §10 of the spec's example.
    private var exampleReconciliation: Reconciliation {
        var leakage = RateLeakage()
        leakage.entries = 19
        leakage.hours = ExactDecimal(91)
        leakage.underAmount = ExactProduct(ExactDecimal(1418))
        leakage.overAmount = ExactProduct(ExactDecimal(units: 625_000))
        leakage.unpriced = 2
        var mismatch = BillingMismatch()
        mismatch.lines = 34
        mismatch.overAmount = ExactDecimal(4754)
        mismatch.underAmount = ExactDecimal(1506)
        mismatch.unapprovedLines = 1
        mismatch.unapprovedAmount = ExactDecimal(600)
        var milestones = UnbilledMilestones()
        milestones.buckets = [
            .upTo7: MilestoneTotals(milestones: 1, amount: ExactDecimal(40_000)),
            .upTo30: MilestoneTotals(milestones: 2, amount: ExactDecimal(95_000)),
            .upTo60: MilestoneTotals(milestones: 3, amount: ExactDecimal(160_000)),
            .over60: MilestoneTotals(milestones: 1, amount: ExactDecimal(75_000)),
        ]
        var over = OverContractValue()
        over.contracts = 1
        over.excess = ExactDecimal(105_000)
        return Reconciliation(rateLeakage: ["USD": leakage], billingMismatch: ["USD": mismatch],
                              doubleBilled: ["EUR": DoubleBilled(entries: 2, amount: ExactDecimal(2703))],
                              unbilledMilestones: ["GBP": milestones], overContractValue: ["USD": over])
    }

    func testDocumentMatchesTheSpecExampleKeyForKeyAndNumberForNumber() throws {
        let example = try JSONParser.parse(Array(specExample.utf8))
        XCTAssertEqual(exampleSignals.jsonDocument.serialized, example.serialized)
    }

    func testMergingTakesTheNewerSectionsAndKeepsTheRest() {
        let older = exampleSignals
        let flow: SignalSections = [.v1, .v2]
        let newer = GoldenSignals(asOf: older.asOf.adding(.seconds(60)), window: older.window, sections: flow)
        let merged = older.merging(newer)
        XCTAssertEqual(merged.sections, .all)
        XCTAssertEqual(merged.asOf, newer.asOf)
        XCTAssertEqual(merged.selecting(flow), newer, "sections 1–9 are the newer read's, to the last figure")
        XCTAssertEqual(merged.reconciliation, older.reconciliation, "§10 is kept from the older one")
        XCTAssertNotEqual(older.reconciliation, newer.reconciliation)
        XCTAssertEqual(newer.merging(older.selecting(.reconciliation)).sections, .all)
        XCTAssertEqual(older.selecting(.reconciliation).merging(newer).reconciliation, older.reconciliation)
    }

    func testSecondsAreRoundedHalfAwayFromZeroToMilliseconds() {
        let cases: [(microseconds: Int64, json: String)] = [
            (5_400_000_500, "5400.001"), (5_400_000_499, "5400.0"), (250_000, "0.25"), (1_234_567, "1.235"),
            (-7_200_000_500, "-7200.001"), (-7_200_000_499, "-7200.0"), (0, "0.0"),
        ]
        for (microseconds, json) in cases {
            var signals = exampleSignals
            signals.activation.max = SignalDuration(microseconds: microseconds)
            signals.exceptions.oldestOpen = SignalDuration(microseconds: microseconds)
            XCTAssertEqual(member(signals, "activation_latency", "max_seconds"), .number(json), "\(microseconds) µs")
            XCTAssertEqual(member(signals, "exceptions", "oldest_open_seconds"), .number(json), "\(microseconds) µs")
        }
    }

    func testRatesAreRoundedHalfAwayFromZeroToFourDecimals() {
        let cases: [(numerator: Int, denominator: Int, json: String)] = [
            (37, 41, "0.9024"), (2, 3, "0.6667"), (1, 3, "0.3333"), (1, 8, "0.125"), (1, 20_000, "0.0001"),
            (1, 20_001, "0.0"), (1, 1, "1.0"), (0, 5, "0.0"),
        ]
        for (numerator, denominator, json) in cases {
            var signals = exampleSignals
            signals.provisioning = ProvisioningSignal(succeeded: numerator, failed: denominator - numerator,
                                                      firstEvents: denominator, firstPassed: numerator)
            XCTAssertEqual(member(signals, "provisioning", "success_rate"), .number(json), "\(numerator)/\(denominator)")
            XCTAssertEqual(member(signals, "provisioning", "first_pass_rate"), .number(json), "\(numerator)/\(denominator)")
        }
    }

    func testMoneyAndHoursAreRoundedHalfAwayFromZeroToTwoDecimals() {
        let cases: [(units: Int64, json: String)] = [
            (1250, "0.13"), (1249, "0.12"), (50, "0.01"), (49, "0.0"), (12_345_000, "1234.5"), (-1250, "-0.13"),
        ]
        for (units, json) in cases {
            var signals = exampleSignals
            signals.unbilled = ["EUR": UnbilledTime(buckets: [.over60: UnbilledTotals(hours: ExactDecimal(units: units),
                                                                                      amount: ExactDecimal(units: units), entries: 1)])]
            XCTAssertEqual(member(signals, "unbilled_time", "EUR", "hours"), .number(json), "\(units) units")
            XCTAssertEqual(member(signals, "unbilled_time", "EUR", "amount"), .number(json), "\(units) units")
            XCTAssertEqual(member(signals, "unbilled_time", "EUR", "buckets", "61+", "amount"), .number(json), "\(units) units")
        }
    }

    func testUnbilledTimeHasOneKeyPerCurrencyWithEveryBucket() {
        var signals = exampleSignals
        signals.unbilled["EUR"] = UnbilledTime(buckets: [.upTo60: UnbilledTotals(hours: ExactDecimal(1), amount: ExactDecimal(2), entries: 1)])
        guard case .object(let unbilled) = member(signals, "unbilled_time") else { return XCTFail("unbilled_time is not an object") }
        XCTAssertEqual(unbilled.keys, ["EUR", "USD"])
        guard case .object(let buckets) = member(signals, "unbilled_time", "EUR", "buckets") else { return XCTFail("no buckets") }
        XCTAssertEqual(buckets.keys, ["0-7", "8-30", "31-60", "61+"])
        XCTAssertEqual(member(signals, "unbilled_time", "EUR", "entries"), .number("1"))
    }

    func testAsOfIsWrittenInUTCWithMillisecondsOnlyWhenPresent() {
        var signals = exampleSignals
        signals.asOf = timestamp("2026-10-31T02:00:00.250+02:00")
        XCTAssertEqual(member(signals, "as_of"), .string("2026-10-31T00:00:00.250Z"))
        signals.asOf = timestamp("2026-10-30T19:00:00-05:00")
        XCTAssertEqual(member(signals, "as_of"), .string("2026-10-31T00:00:00Z"))
    }

    func testWindowIsWrittenInWholeSeconds() {
        var signals = exampleSignals
        signals.window = .hours(36)
        XCTAssertEqual(member(signals, "window_seconds"), .number("129600"))
    }

    private func member(_ signals: GoldenSignals, _ path: String...) -> JSONValue? {
        var value: JSONValue? = signals.jsonDocument
        for key in path {
            guard case .object(let object) = value else { return nil }
            value = object[key]
        }
        return value
    }
}
