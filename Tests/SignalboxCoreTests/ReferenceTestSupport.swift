import SignalboxCore
import XCTest

/// The as-of instant used by the reference tests, and the start of its default 7-day window (exclusive).
let asOfText = "2026-10-31T00:00:00Z"
let windowStartText = "2026-10-24T00:00:00Z"

func timestamp(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Timestamp {
    do { return try Timestamp(rfc3339: text) } catch {
        XCTFail("bad test timestamp \(text): \(error)", file: file, line: line)
        return Timestamp(microseconds: 0)
    }
}

func decimal(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ExactDecimal {
    do { return try ExactDecimal(parsing: text) } catch {
        XCTFail("bad test decimal \(text): \(error)", file: file, line: line)
        return .zero
    }
}

/// Events in arrival order, with event ids `e1`, `e2`, … unless given.
struct EventLog {
    private(set) var events: [CanonicalEvent] = []

    mutating func add(_ payload: EventPayload, at time: String, id: String? = nil, source: SourceSystem = .middleware) {
        events.append(CanonicalEvent(
            eventID: id ?? "e\(events.count + 1)", occurredAt: timestamp(time), source: source,
            correlationID: "corr", payload: payload
        ))
    }

    func signals(asOf: String = asOfText, window: SignalDuration = .days(7)) -> GoldenSignals {
        SignalCalculator.compute(events: events, asOf: timestamp(asOf), window: window)
    }
}

/// Short payload builders; fields the signals do not read get fixed plausible values.
extension EventPayload {
    static func approval(_ contract: String) -> EventPayload {
        .contractApproved(ContractApproved(
            contractID: contract, customer: SystemRecord(system: "CRM", key: "K1", name: "Acme"), legalEntity: "US01",
            currency: "USD", billingModel: .timeAndMaterials, totalValue: ExactDecimal(100_000),
            rateCard: [RateCardEntry(role: "dev", rate: ExactDecimal(150))],
            startDate: CivilDate(year: 2026, month: 1, day: 1), endDate: CivilDate(year: 2026, month: 12, day: 31)
        ))
    }

    static func provisioning(_ contract: String) -> EventPayload {
        .projectProvisioned(ProjectProvisioned(contractID: contract, projectID: "P-" + contract))
    }

    static func provisioningFailure(_ contract: String) -> EventPayload {
        .projectProvisioningFailed(ProjectProvisioningFailed(contractID: contract, attempt: 1, reasonCode: "TIMEOUT", message: "PSA timed out"))
    }

    static func billingSchedule(_ contract: String) -> EventPayload {
        .billingScheduleCreated(BillingScheduleCreated(contractID: contract, scheduleID: "S-" + contract))
    }

    static func amendment(_ contract: String, version: Int = 2, _ changes: ContractTerms) -> EventPayload {
        .contractAmended(ContractAmended(contractID: contract, version: version,
                                         effectiveDate: CivilDate(year: 2026, month: 11, day: 1), changes: changes))
    }

    static func application(_ contract: String, version: Int = 2, _ target: AmendmentTarget, _ applied: ContractTerms) -> EventPayload {
        .amendmentApplied(AmendmentApplied(contractID: contract, version: version, target: target, applied: applied))
    }

    static func time(_ entry: String, hours: String = "8", amount: String = "1200", currency: String = "USD") -> EventPayload {
        .timeApproved(TimeApproved(
            timeEntryID: entry, contractID: "C1", projectID: "P1", resource: "ana", role: "dev",
            workDate: CivilDate(year: 2026, month: 10, day: 1), hours: decimal(hours), rate: ExactDecimal(150),
            amount: decimal(amount), currency: currency
        ))
    }

    static func invoice(billing entries: [String]) -> EventPayload {
        .invoicePosted(InvoicePosted(
            invoiceID: "INV-" + entries.joined(separator: "-"), contractID: "C1", currency: "USD", total: ExactDecimal(1),
            lines: entries.map { InvoiceLine(timeEntryID: $0, amount: ExactDecimal(1) ) } + [InvoiceLine(milestoneID: "M1", amount: .zero)]
        ))
    }

    static func invoice(_ invoiceID: String, total: String, currency: String = "USD", billing entries: [String] = []) -> EventPayload {
        .invoicePosted(InvoicePosted(
            invoiceID: invoiceID, contractID: "C1", currency: currency, total: decimal(total),
            lines: entries.map { InvoiceLine(timeEntryID: $0, amount: ExactDecimal(1)) }
        ))
    }

    static func payment(_ invoiceID: String, _ amount: String, currency: String = "USD") -> EventPayload {
        .paymentReceived(PaymentReceived(invoiceID: invoiceID, amount: decimal(amount), currency: currency))
    }

    static func raise(_ exception: String, _ kind: ExceptionKind = .postingFailed) -> EventPayload {
        .exceptionRaised(ExceptionRaised(exceptionID: exception, kind: kind, severity: .high, summary: "posting failed"))
    }

    static func resolution(_ exception: String) -> EventPayload {
        .exceptionResolved(ExceptionResolved(exceptionID: exception, by: "ops", note: "fixed"))
    }

    static func dismissal(_ exception: String) -> EventPayload {
        .exceptionDismissed(ExceptionDismissed(exceptionID: exception, by: "ops", reason: "noise"))
    }
}

extension SignalDuration {
    static func hours(_ value: Int64) -> SignalDuration { .seconds(value * 3600) }
}
