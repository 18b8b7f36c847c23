import SignalboxCore
import SignalboxStore

/// Close mode's unbilled split (``CloseExposureSource``) from the `time_entries` projection: the entries unbilled at
/// T whose approval as of T is before the cutoff. Entries approved again after T take their approval as of T from
/// the log, as the unbilled signal does.
extension SQLiteSignalQueries {
    func unbilledApprovedBefore(_ cutoff: Timestamp) throws(StoreError) -> [String: UnbilledTotals] {
        var totals: [String: UnbilledTotals] = [:]
        let approvedByT = try connection.statement("""
            SELECT currency, sum(hours_units), sum(amount_units), count(*) FROM time_entries
            WHERE (billed_at IS NULL OR billed_at > ?1) AND approved_at <= ?1 AND approved_at < ?2
            GROUP BY currency
            """)
            .bind(t, .integer(cutoff.microseconds))
        while try approvedByT.step() {
            totals[approvedByT.text(0), default: UnbilledTotals()] = totals[approvedByT.text(0), default: UnbilledTotals()]
                + UnbilledTotals(hours: ExactDecimal(units: approvedByT.int64(1)), amount: ExactDecimal(units: approvedByT.int64(2)),
                                 entries: Int(approvedByT.int64(3)))
        }
        let reapproved = try connection.statement("""
            SELECT approval_seqs FROM time_entries WHERE (billed_at IS NULL OR billed_at > ?1) AND approved_at > ?1
            """)
            .bind(t)
            .rows { $0.text(0) }
        for sequences in reapproved {
            let approvals = try timeApprovals(sequences: sequences, through: t)
            guard let latest = approvals.max(by: { $1.isLater(than: $0) }), latest.event.occurredAt < cutoff,
                  case .timeApproved(let entry) = latest.event.payload else { continue }
            totals[entry.currency, default: UnbilledTotals()].add(hours: entry.hours, amount: entry.amount)
        }
        return totals
    }
}
