/// Signal 10, billing reconciliation (golden-signals.md §10): the rows each control finds, straight from the log.
/// ``Reconciliation/init(rows:asOf:)`` adds them up into the signal.
enum ReconciliationReference {
    static func rows(_ log: ReferenceLog) -> ReconciliationRows {
        let terms = ContractTermsInEffect(log)
        let invoices = InvoicesInEffect(log)
        // A time entry is its latest time.approved (≤ T), as in §4.
        let entries = log.facts(\.timeApproved).histories(by: \.timeEntryID).mapValues(\.latest)
        return ReconciliationRows(
            rateLeakage: rateLeakage(log, terms: terms, entries: entries),
            billingMismatch: BillingReference.mismatches(log, invoices: invoices, entries: entries),
            doubleBilled: BillingReference.doubleBilled(log, invoices: invoices),
            unbilledMilestones: unbilledMilestones(log),
            overContractValue: overContractValue(log, terms: terms, invoices: invoices)
        )
    }

    /// §10.1: entries whose latest approval is in the window, priced off the card in effect on their work date or unpriced.
    static func rateLeakage(_ log: ReferenceLog, terms: ContractTermsInEffect, entries: [String: Fact<TimeApproved>]) -> [RateLeakageRow] {
        var rows: [RateLeakageRow] = []
        for (entryID, approval) in entries.sorted(by: { $0.key < $1.key }) where log.inWindow(approval.occurredAt) {
            let entry = approval.data
            let expected = terms.rate(contractID: entry.contractID, role: entry.role, on: entry.workDate)
            if let expected, expected.rate == entry.rate { continue }
            rows.append(RateLeakageRow(
                timeEntryID: entryID, contractID: entry.contractID, role: entry.role, workDate: entry.workDate, hours: entry.hours,
                rate: entry.rate, expected: expected?.rate, expectedFrom: expected?.source, currency: entry.currency,
                approvedAt: approval.occurredAt
            ))
        }
        return rows
    }

    /// §10.4: each milestone's latest acceptance (≤ T) that no `invoice.posted` (≤ T) names. No window.
    static func unbilledMilestones(_ log: ReferenceLog) -> [UnbilledMilestoneRow] {
        let billed = Set(log.facts(\.invoicePosted).flatMap { $0.data.lines.compactMap(\.milestoneID) })
        let accepted = log.facts(\.milestoneAccepted).histories(by: \.milestoneID)
        return accepted.sorted { $0.key < $1.key }.compactMap { milestoneID, history in
            guard !billed.contains(milestoneID) else { return nil }
            let milestone = history.latest.data
            return UnbilledMilestoneRow(milestoneID: milestoneID, contractID: milestone.contractID, currency: milestone.currency,
                                        amount: milestone.amount, acceptedAt: history.latest.occurredAt)
        }
    }

    /// §10.5: contracts with an approval whose invoices in the contract's currency total more than the value in effect
    /// on T's UTC date. No window.
    static func overContractValue(_ log: ReferenceLog, terms: ContractTermsInEffect, invoices: InvoicesInEffect) -> [OverContractValueRow] {
        let invoicesByContract = Dictionary(grouping: invoices.invoices, by: \.posted.contractID)
        var rows: [OverContractValueRow] = []
        for (contractID, approval) in terms.approvals.sorted(by: { $0.key < $1.key }) {
            guard let value = terms.value(contractID: contractID, on: log.asOf.civilDate) else { continue }
            let billed = (invoicesByContract[contractID] ?? []).filter { $0.posted.currency == approval.currency }
            let invoiced = billed.reduce(ExactDecimal.zero) { $0 + $1.posted.total }
            guard invoiced > value else { continue }
            rows.append(OverContractValueRow(contractID: contractID, currency: approval.currency, value: value,
                                             invoiced: invoiced, invoices: billed.count))
        }
        return rows
    }
}
