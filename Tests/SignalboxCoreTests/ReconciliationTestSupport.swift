import SignalboxCore
import XCTest

/// `YYYY-MM-DD` as a ``CivilDate`` (a test literal).
func day(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> CivilDate {
    guard let date = CivilDate(iso: text) else {
        XCTFail("bad test date \(text)", file: file, line: line)
        return CivilDate(year: 1970, month: 1, day: 1)
    }
    return date
}

extension EventLog {
    /// The reference's section 10 rows.
    func reconciliationRows(asOf: String = asOfText, window: SignalDuration = .days(7)) -> ReconciliationRows {
        SignalCalculator.reconciliationRows(events: events, asOf: timestamp(asOf), window: window)
    }

    /// The reference's section 10 signal.
    func reconciliation(asOf: String = asOfText, window: SignalDuration = .days(7)) -> Reconciliation {
        signals(asOf: asOf, window: window).reconciliation
    }
}

/// Builders for the events section 10 reads; rates, amounts and dates as text.
extension EventPayload {
    static func contract(_ contract: String, card: [String: String], value: String = "100000", currency: String = "USD") -> EventPayload {
        .contractApproved(ContractApproved(
            contractID: contract, customer: SystemRecord(system: "CRM", key: "K1", name: "Acme"), legalEntity: "US01",
            currency: currency, billingModel: .timeAndMaterials, totalValue: decimal(value),
            rateCard: card.sorted { $0.key < $1.key }.map { RateCardEntry(role: $0.key, rate: decimal($0.value)) },
            startDate: day("2026-01-01"), endDate: day("2027-12-31")
        ))
    }

    static func amended(_ contract: String, version: Int, effective: String, card: [String: String]? = nil,
                        value: String? = nil) -> EventPayload {
        .contractAmended(ContractAmended(
            contractID: contract, version: version, effectiveDate: day(effective),
            changes: ContractTerms(rateCard: card.map { $0.sorted { $0.key < $1.key }.map { RateCardEntry(role: $0.key, rate: decimal($0.value)) } },
                                   totalValue: value.map { decimal($0) })
        ))
    }

    /// A `time.approved` whose `amount` is `rate × hours` unless given.
    static func entry(_ entry: String, contract: String = "C1", role: String = "dev", worked: String = "2026-10-20",
                      hours: String = "8", rate: String = "150", amount: String? = nil, currency: String = "USD") -> EventPayload {
        .timeApproved(TimeApproved(
            timeEntryID: entry, contractID: contract, projectID: "P1", resource: "ana", role: role, workDate: day(worked),
            hours: decimal(hours), rate: decimal(rate), amount: amount.map { decimal($0) } ?? decimal(hours) * decimal(rate),
            currency: currency
        ))
    }

    /// An `invoice.posted` billing `lines` (entry id, amount) and `milestones` (milestone id, amount); `total` is their sum unless given.
    static func posted(_ invoice: String, contract: String = "C1", currency: String = "USD", lines: [(String, String)] = [],
                       milestones: [(String, String)] = [], total: String? = nil) -> EventPayload {
        let invoiceLines = lines.map { InvoiceLine(timeEntryID: $0.0, amount: decimal($0.1)) }
            + milestones.map { InvoiceLine(milestoneID: $0.0, amount: decimal($0.1)) }
        return .invoicePosted(InvoicePosted(
            invoiceID: invoice, contractID: contract, currency: currency,
            total: total.map { decimal($0) } ?? invoiceLines.reduce(.zero) { $0 + $1.amount }, lines: invoiceLines
        ))
    }

    static func accepted(_ milestone: String, contract: String = "C1", amount: String, currency: String = "USD") -> EventPayload {
        .milestoneAccepted(MilestoneAccepted(milestoneID: milestone, contractID: contract, amount: decimal(amount), currency: currency))
    }
}
