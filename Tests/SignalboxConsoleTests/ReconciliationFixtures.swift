import SignalboxConsole
import SignalboxCore

/// Hand-built §10 rows: every control, every direction, a tie, an eight-decimal amount, an unpriced entry and a
/// line in another currency.
enum ReconciliationFixtures {
    static let asOf = ConsoleFixtures.asOf
    static let v3 = RateSource(version: 3, effectiveDate: CivilDate(year: 2026, month: 10, day: 1))

    static let rows = ReconciliationRows(
        rateLeakage: [
            RateLeakageRow(timeEntryID: "TE-1002", contractID: "CTR-LHTCKV-0000031", role: "engineer", workDate: CivilDate(year: 2026, month: 10, day: 22),
                           hours: ExactDecimal(units: 32_500), rate: ExactDecimal(units: 1_301_250), expected: ExactDecimal(120),
                           expectedFrom: RateSource(version: 1, effectiveDate: nil), currency: "USD", approvedAt: asOf.subtracting(.days(1))),
            RateLeakageRow(timeEntryID: "TE-1001", contractID: "CTR-LHTCKV-0000012", role: "senior_consultant",
                           workDate: CivilDate(year: 2026, month: 10, day: 20), hours: ExactDecimal(units: 75_000), rate: ExactDecimal(150),
                           expected: ExactDecimal(165), expectedFrom: v3, currency: "USD", approvedAt: asOf.subtracting(.days(2))),
            RateLeakageRow(timeEntryID: "TE-1003", contractID: "CTR-LHTCKV-0000044", role: "architect", workDate: CivilDate(year: 2026, month: 10, day: 23),
                           hours: ExactDecimal(8), rate: ExactDecimal(200), expected: nil, expectedFrom: nil, currency: "EUR",
                           approvedAt: asOf.subtracting(.days(1))),
            RateLeakageRow(timeEntryID: "TE-1004", contractID: "CTR-LHTCKV-0000012", role: "senior_consultant",
                           workDate: CivilDate(year: 2026, month: 10, day: 21), hours: ExactDecimal(8), rate: ExactDecimal(150),
                           expected: ExactDecimal(165), expectedFrom: v3, currency: "USD", approvedAt: asOf.subtracting(.days(2))),
        ],
        billingMismatch: [
            BillingMismatchRow(invoiceID: "INV-2003", timeEntryID: "TE-0993", contractID: "CTR-LHTCKV-0000031", postedAt: asOf.subtracting(.days(3)),
                               currency: "USD", billed: ExactDecimal(1_200), approvedAmount: ExactDecimal(1_350), approvedCurrency: "USD"),
            BillingMismatchRow(invoiceID: "INV-2002", timeEntryID: "TE-0992", contractID: "CTR-LHTCKV-0000044", postedAt: asOf.subtracting(.days(4)),
                               currency: "EUR", billed: ExactDecimal(800), approvedAmount: ExactDecimal(800), approvedCurrency: "USD"),
            BillingMismatchRow(invoiceID: "INV-2001", timeEntryID: "TE-0990", contractID: "CTR-LHTCKV-0000012", postedAt: asOf.subtracting(.days(5)),
                               currency: "USD", billed: ExactDecimal(1_650), approvedAmount: ExactDecimal(1_500), approvedCurrency: "USD"),
            BillingMismatchRow(invoiceID: "INV-2001", timeEntryID: "TE-0991", contractID: "CTR-LHTCKV-0000012", postedAt: asOf.subtracting(.days(5)),
                               currency: "USD", billed: ExactDecimal(600), approvedAmount: nil, approvedCurrency: nil),
        ],
        doubleBilled: [
            DoubleBilledRow(timeEntryID: "TE-0980", contractID: "CTR-LHTCKV-0000044", firstInvoiceID: "INV-1990", invoiceID: "INV-2004",
                            postedAt: asOf.subtracting(.days(2)), currency: "EUR", doubleBilledAt: asOf.subtracting(.days(2)),
                            amount: ExactDecimal(2_703)),
        ],
        unbilledMilestones: [
            UnbilledMilestoneRow(milestoneID: "MS-301", contractID: "CTR-LHTCKV-0000012", currency: "GBP", amount: ExactDecimal(40_000),
                                 acceptedAt: asOf.subtracting(.days(3))),
            UnbilledMilestoneRow(milestoneID: "MS-302", contractID: "CTR-LHTCKV-0000031", currency: "GBP", amount: ExactDecimal(95_000),
                                 acceptedAt: asOf.subtracting(.days(20))),
        ],
        overContractValue: [
            OverContractValueRow(contractID: "CTR-LHTCKV-0000031", currency: "USD", value: ExactDecimal(500_000), invoiced: ExactDecimal(605_000),
                                 invoices: 6),
        ])

    /// The PSA has not applied version 3 of CTR-LHTCKV-0000012.
    static let psa: [AmendmentKey: PSAAmendmentState] = [AmendmentKey(contractID: "CTR-LHTCKV-0000012", version: 3): .pending]

    static var signal: Reconciliation { Reconciliation(rows: rows, asOf: asOf) }
}
