import PostgresNIO
import SignalboxStore

/// Schema 12: never-billed time summed per currency and hour of the latest approval (`unbilled_hours`, the grain of
/// ``UnbilledHours``), kept by statement triggers on `time_entries`, as the SQLite store keeps it. Unbilled time as of
/// T (§4) then reads whole hours from the sums and, entry by entry, only the hours cut by an age bucket's edge and the
/// entries billed after T, where it read every entry unbilled at T (all of them at 1M events: 150 ms of the server's
/// time per run).
///
/// Only the owner writes `time_entries`, so only the owner's statements move the sums; no role is granted a write.
enum PostgresUnbilledHours {
    static let version = 12

    static let statements: [String] = [
        """
        CREATE TABLE unbilled_hours (
            currency     text   NOT NULL,
            hour         bigint NOT NULL, -- floor(approved_at / 1 h)
            hours_units  bigint NOT NULL,
            amount_units bigint NOT NULL,
            entries      bigint NOT NULL,
            PRIMARY KEY (currency, hour)
        )
        """,
        keptSums.fill,
    ] + keptSums.statements + [
        PostgresSchema.grantViewerSelect(on: ["unbilled_hours"]),
    ]

    /// The sums' triggers on `time_entries`: an entry counts while it is not billed, in its latest approval's hour.
    private static let keptSums = PostgresKeptSums(
        sums: "unbilled_hours", source: "time_entries", function: "signalbox_count_unbilled_hours",
        keys: [.init(name: "currency", expression: "currency"), .init(name: "hour", expression: hourOf("approved_at"))],
        values: [.init(name: "entries", expression: "1"), .init(name: "hours_units", expression: "hours_units"),
                 .init(name: "amount_units", expression: "amount_units")],
        counts: "billed_at IS NULL")

    /// Unbilled time at `t` whose approval as of `t` is the projected one, per currency and age in whole days (rows
    /// may repeat a pair): the whole hours before `t`'s from the sums, except the hours `cuts`
    /// (``UnbilledHours/cutHours(asOf:)``), which are read entry by entry (an index range each), and the entries billed
    /// after `t`. Entries approved again after `t` are not here: their approval as of `t` is in the log.
    static func unbilledAt(_ t: Int64, cuts: [Int64]) -> PostgresQuery {
        let (hour, day) = (UnbilledHours.microseconds, Int64(86_400_000_000))
        return """
            SELECT currency, (\(t) - hour * \(hour)) / \(day) AS age, hours_units, amount_units, entries FROM unbilled_hours
            WHERE hour < \(UnbilledHours.hour(of: t)) AND hour <> ALL(\(cuts)::bigint[])
            UNION ALL
            SELECT e.currency, (\(t) - e.approved_at) / \(day), e.hours_units, e.amount_units, 1
            FROM unnest(\(cuts)::bigint[]) AS cut (hour)
            JOIN time_entries e ON e.billed_at IS NULL AND e.approved_at >= cut.hour * \(hour) AND e.approved_at < (cut.hour + 1) * \(hour)
                               AND e.approved_at <= \(t)
            UNION ALL
            SELECT currency, (\(t) - approved_at) / \(day), hours_units, amount_units, 1 FROM time_entries
            WHERE billed_at > \(t) AND approved_at <= \(t)
            """
    }

    /// SQL for the hour of `column`, floor(column / 1 h) (PostgreSQL's `/` truncates toward zero: the remainder is
    /// taken off first).
    private static func hourOf(_ column: String) -> String {
        let hour = UnbilledHours.microseconds
        return "((\(column) - ((\(column) % \(hour)) + \(hour)) % \(hour)) / \(hour))"
    }
}
