import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Close mode's unbilled split (``CloseExposureSource``), the same query as the SQLite store's: entries unbilled at
/// T whose approval as of T is before the cutoff; entries approved again after T take their approval from the log.
extension PostgresSignalQueries {
    func unbilledApprovedBefore(_ cutoff: Timestamp) async throws -> [String: UnbilledTotals] {
        var totals: [String: UnbilledTotals] = [:]
        for try await (currency, hours, amount, entries) in try await rows("""
            SELECT currency, sum(hours_units)::bigint, sum(amount_units)::bigint, count(*)::bigint FROM time_entries
            WHERE (billed_at IS NULL OR billed_at > \(t)) AND approved_at <= \(t) AND approved_at < \(cutoff.microseconds)
            GROUP BY currency
            """).decode((String, Int64, Int64, Int64).self) {
            totals[currency, default: UnbilledTotals()] = totals[currency, default: UnbilledTotals()]
                + UnbilledTotals(hours: ExactDecimal(units: hours), amount: ExactDecimal(units: amount), entries: Int(entries))
        }
        var reapproved: [String] = []
        for try await id in try await rows("""
            SELECT time_entry_id FROM time_entries WHERE (billed_at IS NULL OR billed_at > \(t)) AND approved_at > \(t)
            """).decode(String.self) {
            reapproved.append(id)
        }
        for stored in try await latestAsOfT(type: "time.approved", ids: reapproved) where stored.event.occurredAt < cutoff {
            guard case .timeApproved(let entry) = stored.event.payload else { continue }
            totals[entry.currency, default: UnbilledTotals()].add(hours: entry.hours, amount: entry.amount)
        }
        return totals
    }
}
