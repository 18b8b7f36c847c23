import SignalboxCore
import SignalboxStore

/// Signal 4 (unbilled time by currency and age) as of any T, exact, without scanning every unbilled entry.
///
/// An entry is unbilled at T when its latest approval at or before T exists and it was not billed by T.
/// The parts, which never overlap:
/// - never billed, approved at or before T: whole approval hours from `unbilled_hours`, except the hours
///   that hold T or a bucket edge (T − 8, 31, 61 days), whose entries are read one by one;
/// - billed after T, approved at or before T: the few rows after T in the `billed_at` index;
/// - approved again after T (and unbilled at T): their approval as of T comes from the approvals' projection.
extension SQLiteSignalQueries {
    private static let day: Int64 = 86_400_000_000
    private static let hour = SQLiteSchema.hourMicroseconds

    func unbilled() throws(StoreError) -> [String: UnbilledTime] {
        var result: [String: UnbilledTime] = [:]
        func add(_ row: SQLiteStatement) { Self.add(row, to: &result) }
        let asOfHour = SQLiteSchema.hour(of: asOf.microseconds)
        // Hours cut by T or by the first day of a bucket: their entries straddle buckets.
        let cuts = UnbilledHours.cutHours(asOf: asOf)
        let whole = try connection.statement("""
            SELECT currency, (?1 - hour * \(Self.hour)) / \(Self.day) AS age,
                   sum(hours_units), sum(amount_units), sum(entries)
            FROM unbilled_hours WHERE hour < ?2 AND hour NOT IN (?3, ?4, ?5, ?6)
            GROUP BY currency, age
            """)
        whole.bind([t, .integer(asOfHour)] + (0..<4).map { .integer(cuts[min($0, cuts.count - 1)]) })
        while try whole.step() { add(whole) }
        for cut in cuts {
            let partial = try connection.statement("""
                SELECT currency, (?1 - approved_at) / \(Self.day) AS age, sum(hours_units), sum(amount_units), count(*)
                FROM time_entries WHERE billed_at IS NULL AND approved_at >= ?2 AND approved_at < ?3 AND approved_at <= ?1
                GROUP BY currency, age
                """)
                .bind(t, .integer(cut * Self.hour), .integer((cut + 1) * Self.hour))
            while try partial.step() { add(partial) }
        }
        let billedLater = try connection.statement("""
            SELECT currency, (?1 - approved_at) / \(Self.day) AS age, sum(hours_units), sum(amount_units), count(*)
            FROM time_entries WHERE billed_at > ?1 AND approved_at <= ?1
            GROUP BY currency, age
            """)
            .bind(t)
        while try billedLater.step() { add(billedLater) }
        try addReapproved(to: &result)
        return result
    }

    /// Entries approved again after T (and unbilled at T): their latest approval at or before T, from the approvals'
    /// projection (``SQLiteReconciliationProjection``'s `time_approvals`: one typed row per stored approval), in one
    /// statement. An entry with one approval (no comma in its list) whose approval is after T was not approved at T:
    /// it is not looked at, so an instant weeks back costs the entries approved more than once since, not every entry
    /// approved since. Only approvals the companion has applied count (``latestAppliedApproval(of:through:)``).
    private func addReapproved(to result: inout [String: UnbilledTime]) throws(StoreError) {
        let reapproved = try connection.statement(Self.reapprovedAsOfT)
            .bind(t)
        while try reapproved.step() { Self.add(reapproved, to: &result) }
    }

    /// The approvals as of T (`?1`) of the entries approved again after it and unbilled at T, summed per currency and
    /// age.
    static let reapprovedAsOfT = reapprovedAsOfT(
        summing: "a.currency, (?1 - a.occurred_at) / \(day) AS age, sum(a.hours_units), sum(a.amount_units), count(*)", groupBy: "1, 2")

    /// `SELECT summing FROM (the entries approved again after T (`?1`) and unbilled at T, each as its approval as of T:
    /// `a`) WHERE condition GROUP BY groupBy`. The entries are found through `time_entries_reapproved` (entries
    /// approved more than once, which it holds), each one's approval from the approvals' index by entry, which holds
    /// every column of `a` this may read (schema 16): one index walk per entry, no table read.
    static func reapprovedAsOfT(summing: String, where condition: String = "", groupBy: String) -> String {
        """
        WITH moved AS (
            SELECT time_entry_id FROM time_entries WHERE billed_at IS NULL AND approved_at > ?1 AND instr(approval_seqs, ',') > 0
            UNION ALL
            SELECT time_entry_id FROM time_entries WHERE billed_at > ?1 AND approved_at > ?1 AND instr(approval_seqs, ',') > 0
        )
        SELECT \(summing)
        FROM moved m CROSS JOIN time_approvals a INDEXED BY time_approvals_by_entry
            ON a.time_entry_id = m.time_entry_id AND a.occurred_at <= ?1
        WHERE a.seq = \(latestAppliedApproval(of: "m.time_entry_id", through: "?1")) \(condition)
        GROUP BY \(groupBy)
        """
    }

    /// Adds one row of (currency, age in days, hours units, amount units, entries) to `result`. An hour whose entries
    /// all moved away (re-approved, billed) is kept with zero totals: not a bucket.
    private static func add(_ row: SQLiteStatement, to result: inout [String: UnbilledTime]) {
        guard row.int64(4) != 0 else { return }
        let totals = UnbilledTotals(hours: ExactDecimal(units: row.int64(2)), amount: ExactDecimal(units: row.int64(3)),
                                    entries: Int(row.int64(4)))
        result[row.text(0), default: UnbilledTime()][AgeBucket(ageInDays: row.int64(1))] += totals
    }
}

private func += (lhs: inout UnbilledTotals, rhs: UnbilledTotals) { lhs = lhs + rhs }
