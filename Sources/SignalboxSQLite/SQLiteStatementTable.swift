import SignalboxStore

/// A projection table of statements about keys (an approval of a time entry, a posting of an invoice, an
/// application of an amendment to a target), where each row carries `superseded_at`: the earliest time of a later
/// statement about the same key (later: by time, ties to the later arrival). "The latest at or before T" is then the
/// row with `occurred_at <= T` and `superseded_at` NULL or after T, whatever order events arrived in.
struct SQLiteStatementTable {
    /// Every stored statement about the key bound from `?1` on: `seq`, `occurred_at`, `superseded_at`.
    let about: String
    /// Sets `superseded_at` to `?1` on the row `?2`.
    let supersede: String

    /// The table `name`, whose statements are about the key in `keyColumns` (a table with columns `seq`,
    /// `occurred_at` and `superseded_at`).
    ///
    /// The key's parameters are written `+?N`. A bare parameter compared with a column that a partial index's
    /// condition compares with a literal (`amendment_terms.target`, in `amendments_by_time`) makes SQLite re-prepare
    /// the statement at every bind, to decide whether the index applies to the value: that re-parse was most of what
    /// an amendment cost the writer. `+?N` is the same value, with no affinity as before, and still probes the key's
    /// index.
    init(_ name: String, keyColumns: [String]) {
        let key = keyColumns.enumerated().map { "\($0.element) = +?\($0.offset + 1)" }.joined(separator: " AND ")
        about = "SELECT seq, occurred_at, superseded_at FROM \(name) WHERE \(key)"
        supersede = "UPDATE \(name) SET superseded_at = ?1 WHERE seq = ?2"
    }

    /// Inserts a statement with `sql` (bound `?1` seq, `?2` the key's first column, `?3` time, `?4` superseded_at,
    /// then `rest`), superseded by the earliest later statement about the same key (the new one arrived last: a tie
    /// is earlier), and supersedes the earlier ones it follows. One look-up by key, none when the caller knows the key
    /// has no statement yet (`keyIsNew`); most keys have no other statement.
    func insert(on connection: SQLiteConnection, key: [SQLiteValue], keyIsNew: Bool = false, sequence: Int64, at: Int64,
                _ sql: String, _ rest: [SQLiteValue]) throws(StoreError) {
        let others = keyIsNew ? [] : try connection.statement(about).bind(key)
            .rows { row in (sequence: row.int64(0), at: row.int64(1), supersededAt: row.optionalInt64(2)) }
        let supersededAt = others.lazy.map(\.at).filter { $0 > at }.min()
        try connection.statement(sql).bind([.integer(sequence), key[0], .integer(at), .optional(supersededAt)] + rest).run()
        for other in others where other.at <= at && (other.supersededAt.map { $0 > at } ?? true) {
            try connection.statement(supersede).bind(.integer(at), .integer(other.sequence)).run()
        }
    }
}
