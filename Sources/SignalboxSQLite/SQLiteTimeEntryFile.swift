import SignalboxStore

/// The companion file that holds the time-entry projection (`time_entries`, `unbilled_hours`) of a SQLite store, and
/// the typed approvals §10 reads (`time_approvals`, ``SQLiteReconciliationProjection/recordApproval(_:at:sequence:on:)``).
///
/// Both are derived from the event log alone, so they can live in a file of their own, written by a second
/// thread during a bulk ingest (a SQLite file has one writer at a time). The file records the store it belongs to
/// and the last log `seq` it has applied; whatever is missing is replayed from the log by
/// ``SQLiteTimeEntryLedger``. A store opened for writing without its companion (copied alone, say) rebuilds it.
///
/// Every connection of the store attaches the file under ``schemaName``; `time_entries`, `unbilled_hours` and
/// `time_approvals` are found there by their unqualified names (the log's file has no table of those names).
enum SQLiteTimeEntryFile {
    /// The name the file is attached under.
    static let schemaName = "timeentries"

    /// The companion's path: the store's path with `-time` appended.
    static func path(forStore storePath: String) -> String { storePath + "-time" }

    /// Every file a store at `storePath` may have: the log, the companion, and the WAL and shared memory of each.
    static func files(ofStore storePath: String) -> [String] {
        [storePath, path(forStore: storePath)].flatMap { [$0, $0 + "-wal", $0 + "-shm"] }
    }

    /// Each entry upgrades the companion from version `index` to `index + 1` (its own `PRAGMA user_version`).
    ///
    /// `time_entries` repeats the columns of `time_entries_v3` in ``SQLiteSchema``'s migration 3 on purpose: a
    /// released migration is frozen (a store upgrades through exactly the SQL it was written for), so neither
    /// may take its definition from a constant the other could change.
    static let migrations: [String] = [
        """
        CREATE TABLE \(schemaName).time_entries (
            time_entry_id TEXT PRIMARY KEY,
            -- NULL until the entry's first approval is stored (a placeholder keeps an earlier invoice's time).
            contract_id   TEXT,
            resource      TEXT,
            approved_at   INTEGER,
            hours_units   INTEGER,
            amount_units  INTEGER,
            currency      TEXT,
            billed_at     INTEGER,
            -- The events.seq of every stored approval of the entry, comma-separated, in arrival order.
            approval_seqs TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        CREATE INDEX \(schemaName).time_entries_unbilled
            ON time_entries(billed_at, approved_at, currency, hours_units, amount_units);

        -- Currently-unbilled time summed per (currency, approval hour).
        CREATE TABLE \(schemaName).unbilled_hours (
            currency     TEXT    NOT NULL,
            hour         INTEGER NOT NULL, -- floor(approved_at / 3600 s)
            hours_units  INTEGER NOT NULL,
            amount_units INTEGER NOT NULL,
            entries      INTEGER NOT NULL,
            PRIMARY KEY (currency, hour)
        ) WITHOUT ROWID;

        -- Whose log this projection follows, and how far: every event with seq <= applied_seq is applied.
        CREATE TABLE \(schemaName).ledger_state (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            store_id    TEXT    NOT NULL,
            applied_seq INTEGER NOT NULL
        );
        INSERT INTO \(schemaName).ledger_state VALUES (1, '', 0);
        """,
        """
        -- Entries approved more than once, by billing and approval time: unbilled time as of an earlier T finds those
        -- approved again after T here, without reading every entry approved after T.
        CREATE INDEX \(schemaName).time_entries_reapproved ON time_entries(billed_at, approved_at) WHERE instr(approval_seqs, ',') > 0;
        """,
        """
        -- The same index, holding the column its condition reads: the entries are listed from the index alone, without
        -- reading each one's row to test that condition again.
        DROP INDEX \(schemaName).time_entries_reapproved;
        CREATE INDEX \(schemaName).time_entries_reapproved
            ON time_entries(billed_at, approved_at, approval_seqs) WHERE instr(approval_seqs, ',') > 0;
        """,
        """
        -- The unbilled index, holding every text the unbilled drill-down's filter searches but the customer's name: a
        -- filtered list is read from the index alone, without reading each entry's row.
        DROP INDEX \(schemaName).time_entries_unbilled;
        CREATE INDEX \(schemaName).time_entries_unbilled
            ON time_entries(billed_at, approved_at, currency, hours_units, amount_units, contract_id, resource);
        """,
        """
        -- Every stored approval, typed (§10's facts; log schema 9 kept them in the log's file until schema 20): written
        -- here by the thread that writes the time entries, not by the log's writer. Its columns and indexes are those
        -- of the log's schemas 9 and 16. The history's approvals are replayed from the log: the ledger starts over.
        CREATE TABLE \(schemaName).time_approvals (
            seq           INTEGER PRIMARY KEY, -- events.seq
            time_entry_id TEXT    NOT NULL,
            occurred_at   INTEGER NOT NULL,
            superseded_at INTEGER,
            contract_id   TEXT    NOT NULL,
            role          TEXT    NOT NULL,
            work_date     TEXT    NOT NULL,
            hours_units   INTEGER NOT NULL,
            rate_units    INTEGER NOT NULL,
            amount_units  INTEGER NOT NULL,
            currency      TEXT    NOT NULL
        );
        CREATE INDEX \(schemaName).time_approvals_by_time ON time_approvals(occurred_at);
        CREATE INDEX \(schemaName).time_approvals_by_entry
            ON time_approvals(time_entry_id, occurred_at, seq, superseded_at, hours_units, amount_units, currency);
        DELETE FROM \(schemaName).time_entries;
        DELETE FROM \(schemaName).unbilled_hours;
        UPDATE \(schemaName).ledger_state SET applied_seq = 0;
        """,
    ]

    /// Attaches the companion to a connection of the store, opened as the connection was (read-only or not). A
    /// writer creates, upgrades and (through the ledger) refills it; a read-only connection only checks that it is
    /// present, current and this store's.
    static func attach(to connection: SQLiteConnection, readOnly: Bool) throws(StoreError) {
        do {
            try connection.statement("ATTACH DATABASE ? AS \(schemaName)").bind(.text(path(forStore: connection.path))).run()
        } catch {
            throw readOnly ? .notMigrated(missingMessage(storePath: connection.path)) : error
        }
        // The page cache is per file: the companion gets the size the connection gave the log.
        try connection.execute("PRAGMA \(schemaName).cache_size = \(try connection.scalar("PRAGMA main.cache_size"))")
        let version = Int(try connection.scalar("PRAGMA \(schemaName).user_version"))
        if version > migrations.count {
            throw .newerSchema(found: version, supported: migrations.count)
        }
        if readOnly {
            let ids = try storeIDs(log: connection, companion: connection)
            guard version == migrations.count, ids.companion == ids.log else {
                throw .notMigrated(missingMessage(storePath: connection.path))
            }
            return
        }
        try connection.execute("""
            PRAGMA \(schemaName).page_size = \(SQLiteStore.newFilePageSize);
            PRAGMA \(schemaName).journal_mode = WAL; PRAGMA \(schemaName).synchronous = NORMAL;
            """)
        guard version < migrations.count else { return }
        try connection.transaction { () throws(StoreError) in
            for step in version..<migrations.count { try connection.execute(migrations[step]) }
            try connection.execute("PRAGMA \(schemaName).user_version = \(migrations.count)")
        }
    }

    /// The store's id as its log records it (read through `log`), and the id of the store whose log the companion
    /// attached to `companion` follows ('' when new).
    static func storeIDs(log: SQLiteConnection, companion: SQLiteConnection) throws(StoreError) -> (log: String, companion: String) {
        let logID = try log.statement("SELECT value FROM settings WHERE key = 'store_id'").rows { $0.text(0) }.first
        let companionID = try companion.statement("SELECT store_id FROM \(schemaName).ledger_state WHERE id = 1").rows { $0.text(0) }.first
        return (logID ?? "", companionID ?? "")
    }

    private static func missingMessage(storePath: String) -> String {
        "\(path(forStore: storePath)) (the store's time-entry file) is missing, out of date or from another store; "
            + "opening the store for writing rebuilds it from the event log"
    }
}
