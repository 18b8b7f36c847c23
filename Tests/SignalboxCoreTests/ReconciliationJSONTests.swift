import SignalboxCore
import XCTest

/// The `reconciliation` member of `signals --json` (golden-signals.md §10 and its JSON example).
final class ReconciliationJSONTests: XCTestCase {
    private func document(_ reconciliation: Reconciliation) -> JSONObject { reconciliation.jsonDocument }

    private func value(_ object: JSONObject, _ path: String...) -> JSONValue? {
        var value: JSONValue? = .object(object)
        for key in path {
            guard case .object(let inner) = value else { return nil }
            value = inner[key]
        }
        return value
    }

    func testNothingFoundIsFiveEmptyObjectsInTheSpecOrder() {
        let empty = document(.empty)
        XCTAssertEqual(empty.keys, ["rate_leakage", "billing_mismatch", "double_billed", "unbilled_milestones", "over_contract_value"])
        XCTAssertEqual(JSONValue.object(empty).serialized,
                       #"{"rate_leakage":{},"billing_mismatch":{},"double_billed":{},"unbilled_milestones":{},"over_contract_value":{}}"#)
    }

    func testEveryControlNamesItsFieldsInTheSpecOrderWithCurrenciesSorted() {
        var rows = ReconciliationRows()
        for currency in ["USD", "EUR", "GBP"] {
            rows.rateLeakage.append(RateLeakageRow(
                timeEntryID: "T-" + currency, contractID: "C1", role: "dev", workDate: CivilDate(year: 2026, month: 10, day: 1),
                hours: ExactDecimal(2), rate: ExactDecimal(100), expected: ExactDecimal(150),
                expectedFrom: RateSource(version: 1, effectiveDate: nil), currency: currency, approvedAt: timestamp(asOfText)))
            rows.billingMismatch.append(BillingMismatchRow(
                invoiceID: "I-" + currency, timeEntryID: "T1", contractID: "C1", postedAt: timestamp(asOfText), currency: currency,
                billed: ExactDecimal(10), approvedAmount: nil, approvedCurrency: nil))
            rows.doubleBilled.append(DoubleBilledRow(
                timeEntryID: "T1", contractID: "C1", firstInvoiceID: "I1", invoiceID: "I2-" + currency, postedAt: timestamp(asOfText),
                currency: currency, doubleBilledAt: timestamp(asOfText), amount: ExactDecimal(5)))
            rows.unbilledMilestones.append(UnbilledMilestoneRow(
                milestoneID: "M-" + currency, contractID: "C1", currency: currency, amount: ExactDecimal(1000),
                acceptedAt: timestamp("2026-10-01T00:00:00Z")))
            rows.overContractValue.append(OverContractValueRow(
                contractID: "C-" + currency, currency: currency, value: ExactDecimal(100), invoiced: ExactDecimal(130), invoices: 2))
        }
        let object = document(Reconciliation(rows: rows, asOf: timestamp(asOfText)))
        for control in ["rate_leakage", "billing_mismatch", "double_billed", "unbilled_milestones", "over_contract_value"] {
            guard case .object(let byCurrency)? = value(object, control) else { return XCTFail("\(control) is not an object") }
            XCTAssertEqual(byCurrency.keys, ["EUR", "GBP", "USD"], control)
        }
        func keys(_ path: String...) -> [String]? {
            guard case .object(let inner)? = path.reduce(JSONValue.object(object) as JSONValue?, { current, key in
                guard case .object(let members)? = current else { return nil }
                return members[key]
            }) else { return nil }
            return inner.keys
        }
        XCTAssertEqual(keys("rate_leakage", "EUR"), ["entries", "hours", "under_amount", "over_amount", "unpriced"])
        XCTAssertEqual(keys("billing_mismatch", "EUR"), ["lines", "over_amount", "under_amount", "unapproved_lines", "unapproved_amount"])
        XCTAssertEqual(keys("double_billed", "EUR"), ["entries", "amount"])
        XCTAssertEqual(keys("unbilled_milestones", "EUR"), ["milestones", "amount", "buckets"])
        XCTAssertEqual(keys("unbilled_milestones", "EUR", "buckets"), ["0-7", "8-30", "31-60", "61+"])
        XCTAssertEqual(keys("unbilled_milestones", "EUR", "buckets", "61+"), ["milestones", "amount"])
        XCTAssertEqual(keys("over_contract_value", "EUR"), ["contracts", "excess"])
        XCTAssertEqual(value(object, "rate_leakage", "GBP", "under_amount"), .number("100.0"))
        XCTAssertEqual(value(object, "billing_mismatch", "GBP", "unapproved_amount"), .number("10.0"))
        XCTAssertEqual(value(object, "unbilled_milestones", "GBP", "buckets", "8-30"),
                       .object(["milestones": .number("1"), "amount": .number("1000.0")]))
        XCTAssertEqual(value(object, "unbilled_milestones", "GBP", "buckets", "0-7"),
                       .object(["milestones": .number("0"), "amount": .number("0.0")]))
        XCTAssertEqual(value(object, "over_contract_value", "USD", "excess"), .number("30.0"))
    }

    /// Exact products are rounded once, from their eight decimals to two, half away from zero.
    func testExactProductsAreRoundedOnceToTwoDecimalsHalfAwayFromZero() {
        let cases: [(products: [(String, String)], json: String)] = [
            ([("3", "0.125")], "0.38"),                     // 0.375
            ([("3", "0.125"), ("0.5", "0.0001")], "0.38"),  // 0.37505
            ([("2.5", "0.0499")], "0.12"),                  // 0.12475
            ([("0.0099", "0.5")], "0.0"),                   // 0.00495: once, not via 0.0050
            ([("0.0125", "0.4"), ("1.5", "0.0025")], "0.01"), // 0.005 + 0.00375 = 0.00875
            ([("0.0001", "0.0001")], "0.0"),
            ([("1234.5678", "7.25")], "8950.62"),           // 8950.61655
        ]
        for (products, json) in cases {
            var leakage = RateLeakage()
            leakage.underAmount = products.reduce(.zero) { $0 + ExactProduct(decimal($1.0), times: decimal($1.1)) }
            leakage.overAmount = leakage.underAmount
            let object = document(Reconciliation(rateLeakage: ["USD": leakage]))
            XCTAssertEqual(value(object, "rate_leakage", "USD", "under_amount"), .number(json), "\(products)")
            XCTAssertEqual(value(object, "rate_leakage", "USD", "over_amount"), .number(json), "\(products)")
        }
    }
}
