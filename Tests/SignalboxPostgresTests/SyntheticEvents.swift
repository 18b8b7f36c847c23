import SignalboxCore

/// A deterministic, varied event history for comparing stores: contracts that activate (or not), provisioning
/// failures, amendments applied correctly, wrongly or not at all, time approved and re-approved, invoices,
/// exceptions raised, re-raised and closed; with same-instant ties, out-of-order arrival and duplicates.
struct SyntheticEvents {
    /// The instant the history is built around; events spread over the 40 days before and 5 days after it.
    static let anchor = Timestamp(epochSeconds: 1_793_491_200)   // 2026-10-31T00:00:00Z

    private var state: UInt64
    private(set) var events: [CanonicalEvent] = []

    init(contracts: Int, seed: UInt64 = 0x5EED) {
        state = seed
        for index in 0..<contracts { addContract(index) }
        // Arrival order differs from occurrence order; a few events arrive twice.
        events = shuffled(events)
        events += events.prefix(contracts / 4)
    }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func shuffled(_ list: [CanonicalEvent]) -> [CanonicalEvent] {
        var list = list
        for index in stride(from: list.count - 1, to: 0, by: -1) { list.swapAt(index, next(index + 1)) }
        return list
    }

    /// A time `hours` after 40 days before the anchor, on whole minutes so ties happen.
    private func time(_ minutes: Int) -> Timestamp {
        Timestamp(microseconds: Self.anchor.microseconds - 40 * 86_400_000_000 + Int64(minutes) * 60_000_000)
    }

    private mutating func add(_ payload: EventPayload, at minutes: Int, contract: String, source: SourceSystem = .middleware) {
        events.append(CanonicalEvent(eventID: "ev-\(events.count)", occurredAt: time(minutes), source: source,
                                     correlationID: contract, payload: payload))
    }

    private mutating func addContract(_ index: Int) {
        let id = "C-\(index)"
        let start = next(45 * 24 * 60)
        let currency = ["USD", "EUR", "GBP"][next(3)]
        let rates = [RateCardEntry(role: "consultant", rate: ExactDecimal(units: Int64(1_000_000 + next(500_000))))]
        add(.contractApproved(ContractApproved(
            contractID: id, customer: SystemRecord(system: "CRM", key: "K\(index)", name: "Customer \(index % 7)"),
            legalEntity: "LE1", currency: currency, billingModel: .timeAndMaterials,
            totalValue: ExactDecimal(units: Int64(next(10_000_000)) * 100), rateCard: rates,
            startDate: CivilDate(year: 2026, month: 9, day: 1), endDate: CivilDate(year: 2027, month: 9, day: 1))),
            at: start, contract: id, source: .clm)
        if next(5) == 0 {   // a second approval at the same instant or later: earliest counts, ties by arrival
            add(.contractApproved(ContractApproved(
                contractID: id, customer: SystemRecord(system: "CRM", key: "K\(index)", name: "Renamed \(index)"),
                legalEntity: "LE1", currency: currency, billingModel: .timeAndMaterials, totalValue: ExactDecimal(1),
                rateCard: rates, startDate: CivilDate(year: 2026, month: 9, day: 1),
                endDate: CivilDate(year: 2027, month: 9, day: 1))), at: start + next(2) * 90, contract: id, source: .clm)
        }
        for attempt in 1...(1 + next(3)) {
            let at = start + attempt * (10 + next(600))
            if attempt == 1 && next(3) == 0 || attempt > 1 && next(2) == 0 {
                add(.projectProvisioningFailed(ProjectProvisioningFailed(
                    contractID: id, attempt: attempt, reasonCode: "TIMEOUT", message: "PSA timed out")), at: at, contract: id)
            } else {
                add(.projectProvisioned(ProjectProvisioned(contractID: id, projectID: "P-\(index)")), at: at, contract: id,
                    source: .psa)
            }
        }
        if next(6) != 0 {
            add(.billingScheduleCreated(BillingScheduleCreated(contractID: id, scheduleID: "S-\(index)")),
                at: start + next(3_000), contract: id, source: .erp)
        }
        addAmendment(contract: id, start: start, rates: rates)
        addTime(contract: id, index: index, start: start, currency: currency)
        addException(contract: id, index: index, start: start)
    }

    private mutating func addAmendment(contract: String, start: Int, rates: [RateCardEntry]) {
        guard next(2) == 0 else { return }
        let changes = ContractTerms(endDate: CivilDate(year: 2028, month: 1, day: 1 + Int64(next(27))))
        let amendedAt = start + 60 + next(5_000)
        add(.contractAmended(ContractAmended(contractID: contract, version: 2, effectiveDate: CivilDate(year: 2026, month: 11, day: 1),
                                             changes: changes)), at: amendedAt, contract: contract, source: .clm)
        for target in AmendmentTarget.allCases where next(4) != 0 {
            let applied = next(4) == 0 ? ContractTerms(endDate: CivilDate(year: 2030, month: 1, day: 1)) : changes
            add(.amendmentApplied(AmendmentApplied(contractID: contract, version: 2, target: target, applied: applied)),
                at: amendedAt + next(4_000), contract: contract, source: target == .psa ? .psa : .erp)
        }
    }

    private mutating func addTime(contract: String, index: Int, start: Int, currency: String) {
        for entry in 0..<next(4) {
            let id = "T-\(index)-\(entry)"
            let hours = ExactDecimal(units: Int64(2_500 * (1 + next(32))))
            let rate = ExactDecimal(units: Int64(1_000_000 + next(9) * 12_345))
            let approvedAt = start + 200 + next(20_000)
            let approval = { (hours: ExactDecimal, resource: String) in
                EventPayload.timeApproved(TimeApproved(
                    timeEntryID: id, contractID: contract, projectID: "P-\(index)", resource: resource, role: "consultant",
                    workDate: CivilDate(year: 2026, month: 10, day: 1), hours: hours, rate: rate,
                    amount: (hours * rate).rounded(toPlaces: 2), currency: currency))
            }
            add(approval(hours, "R\(entry)"), at: approvedAt, contract: contract, source: .psa)
            if next(4) == 0 {   // corrected later: the latest approval wins, possibly after the as-of instant
                add(approval(hours + ExactDecimal(1), "R\(entry)b"), at: approvedAt + next(20_000), contract: contract, source: .psa)
            }
            if next(3) == 0 {
                add(.invoicePosted(InvoicePosted(invoiceID: "I-\(id)", contractID: contract, currency: currency,
                                                 total: ExactDecimal(1), lines: [InvoiceLine(timeEntryID: id, amount: ExactDecimal(1))])),
                    at: approvedAt + next(30_000) - 5_000, contract: contract, source: .erp)
            }
        }
    }

    private mutating func addException(contract: String, index: Int, start: Int) {
        guard next(2) == 0 else { return }
        let id = "X-\(index)"
        let raisedAt = start + next(10_000)
        let kinds = ExceptionKind.allCases
        add(.exceptionRaised(ExceptionRaised(exceptionID: id, kind: kinds[next(kinds.count)], severity: .high,
                                             summary: "Problem \(index)")), at: raisedAt, contract: contract)
        if next(4) == 0 {
            add(.exceptionRaised(ExceptionRaised(exceptionID: id, kind: kinds[next(kinds.count)], severity: .low,
                                                 summary: "Raised again \(index)")),
                at: raisedAt + next(20_000), contract: contract)
        }
        switch next(3) {
        // Integrations may resolve (console decisions are never ingested): closed either way for the backlog.
        case 0: add(.exceptionResolved(ExceptionResolved(exceptionID: id, by: "ana", note: "fixed")),
                    at: raisedAt + next(15_000), contract: contract)
        case 1: add(.exceptionResolved(ExceptionResolved(exceptionID: id, by: "middleware", note: "noise")),
                    at: raisedAt + next(15_000), contract: contract)
        default: break
        }
    }
}
