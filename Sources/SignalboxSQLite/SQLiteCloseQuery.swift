import SignalboxCore
import SignalboxStore

/// Close mode's unbilled split (``CloseExposureSource``) from the `time_entries` projection: the entries unbilled at
/// T whose approval as of T is before the cutoff. Entries approved again after T take their approval as of T from
/// the approvals' projection, in the statement the unbilled signal uses (``reapprovedAsOfT(summing:where:groupBy:)``).
extension SQLiteSignalQueries {
    func unbilledApprovedBefore(_ cutoff: Timestamp) throws(StoreError) -> [String: UnbilledTotals] {
        let bindings = [t, .integer(cutoff.microseconds)]
        let approvedByT = try connection.statement("""
            SELECT currency, sum(hours_units), sum(amount_units), count(*) FROM time_entries
            WHERE (billed_at IS NULL OR billed_at > ?1) AND approved_at <= ?1 AND approved_at < ?2
            GROUP BY currency
            """)
            .bind(bindings)
        let reapproved = try connection.statement(Self.reapprovedAsOfT(
            summing: "a.currency, sum(a.hours_units), sum(a.amount_units), count(*)", where: "AND a.occurred_at < ?2", groupBy: "1"))
            .bind(bindings)
        var totals: [String: UnbilledTotals] = [:]
        for statement in [approvedByT, reapproved] {
            while try statement.step() {
                totals[statement.text(0), default: UnbilledTotals()] = totals[statement.text(0), default: UnbilledTotals()]
                    + UnbilledTotals(hours: ExactDecimal(units: statement.int64(1)), amount: ExactDecimal(units: statement.int64(2)),
                                     entries: Int(statement.int64(3)))
            }
        }
        return totals
    }
}
