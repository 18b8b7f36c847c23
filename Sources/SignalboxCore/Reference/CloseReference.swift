/// Close mode's unbilled split, transcribed plainly like the signals (`--from-events` and the stores' tests compare
/// against it): of the time unbilled as of T (golden-signals.md §4), the entries whose approval as of T happened
/// before the period's cutoff. They will miss this period's invoicing; the rest of the unbilled time is the
/// signal's total minus these.
public enum CloseReference {
    /// Totals by currency of the entries unbilled at `asOf` whose latest approval at or before `asOf` is before `cutoff`.
    public static func unbilledApprovedBefore(_ cutoff: Timestamp, events: [CanonicalEvent], asOf: Timestamp) -> [String: UnbilledTotals] {
        let log = ReferenceLog(events: events, asOf: asOf, window: .seconds(0))
        let approvals = log.facts(\.timeApproved).histories(by: \.timeEntryID)
        let billedEntries = Set(log.facts(\.invoicePosted).flatMap { $0.data.lines.compactMap(\.timeEntryID) })
        var totals: [String: UnbilledTotals] = [:]
        for (entryID, history) in approvals where !billedEntries.contains(entryID) && history.latest.occurredAt < cutoff {
            let approval = history.latest.data
            totals[approval.currency, default: UnbilledTotals()].add(hours: approval.hours, amount: approval.amount)
        }
        return totals
    }
}
