import PostgresNIO

/// Schema 11: the golden signals' open work read at the cost of what changed after T, not of every exception or invoice
/// ever stored (the same design as the SQLite store's schema 21, ``SignalboxSQLite``'s `SQLiteOpenWork`).
///
/// - The backlog reads the exceptions open at T as two ranges: those no closing has reached (`closed_at IS NULL`, a
///   range of `exceptions_by_close` too) and those closed after T. Those raised again after T (whose kind as of T the
///   log gives) are a range of a partial index of the unclosed exceptions by their kind's last change, read from the
///   index alone. Where most exceptions stay open, the planner may read the table instead: the open work is most of it.
///   (SQLite's schema 21 also indexes them by kind, to count per kind without a sort; PostgreSQL groups by hashing.)
/// - The invoices unpaid today are counted and summed per currency by statement triggers on `invoices`
///   (`invoices_outstanding`), so §8's amount outstanding at T is that sum less the invoices whose latest posting or
///   latest payment lies after T.
///
/// Only the owner writes `invoices`, so only the owner's statements move the sums; no role is granted a write to them.
enum PostgresOpenWork {
    static let version = 11

    static let statements: [String] = [
        """
        CREATE INDEX exceptions_unclosed ON exceptions (kind_at, raised_at) INCLUDE (kind, exception_id)
            WHERE closed_at IS NULL
        """,
        """
        CREATE TABLE invoices_outstanding (
            currency   text   PRIMARY KEY,
            invoices   bigint NOT NULL, -- unpaid today
            owed_units bigint NOT NULL  -- Σ (total − paid so far) over them
        )
        """,
        keptSums.fill,
    ] + keptSums.statements + [
        PostgresSchema.grantViewerSelect(on: ["invoices_outstanding"]),
    ]

    /// The sums' triggers on `invoices`: an invoice counts while it is unpaid.
    private static let keptSums = PostgresKeptSums(
        sums: "invoices_outstanding", source: "invoices", function: "signalbox_count_outstanding",
        keys: [.init(name: "currency", expression: "currency")],
        values: [.init(name: "invoices", expression: "1"), .init(name: "owed_units", expression: "total_units - paid_units")],
        counts: "paid_at IS NULL")

    /// The exceptions open at `t` whose latest raise is at or before it, per kind, with the earliest raise: those no
    /// closing has reached (`closed_at IS NULL`) and those closed after `t` (a range of the closing index).
    static func openKindsAt(_ t: Int64) -> PostgresQuery {
        """
        SELECT kind, count(*), min(raised_at) FROM (
            SELECT kind, raised_at FROM exceptions WHERE closed_at IS NULL AND raised_at <= \(t) AND kind_at <= \(t)
            UNION ALL
            SELECT kind, raised_at FROM exceptions WHERE closed_at > \(t) AND raised_at <= \(t) AND kind_at <= \(t)
        ) AS open_at_t
        GROUP BY kind
        """
    }

    /// The exceptions open at `t`, raised by it and raised again after it (whose kind as of `t` the log gives), with
    /// their first raise: the rest of the partial index, and a range of the closing index.
    static func reraisedAfter(_ t: Int64) -> PostgresQuery {
        """
        SELECT exception_id, raised_at FROM exceptions WHERE closed_at IS NULL AND kind_at > \(t) AND raised_at <= \(t)
        UNION ALL
        SELECT exception_id, raised_at FROM exceptions WHERE closed_at > \(t) AND kind_at > \(t) AND raised_at <= \(t)
        """
    }

    /// The invoices unpaid today and what they owe, per currency.
    static let outstandingToday: PostgresQuery = "SELECT currency, invoices, owed_units FROM invoices_outstanding"

    /// The invoices unpaid today whose latest posting or latest payment lies after `t`, per currency, as
    /// ``outstandingToday`` counts them: what it holds that the projection cannot say as of `t`. Each half of the `OR`
    /// is a range of its own index.
    static func outstandingMovedAfter(_ t: Int64) -> PostgresQuery {
        """
        SELECT currency, count(*), sum(total_units - paid_units)::bigint FROM invoices
        WHERE paid_at IS NULL AND (latest_posting_at > \(t) OR last_payment_at > \(t)) GROUP BY currency
        """
    }
}
