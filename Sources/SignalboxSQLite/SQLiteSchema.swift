import SignalboxCore
import SignalboxStore

/// The SQLite schema, as ordered migrations; `PRAGMA user_version` records how many have run.
enum SQLiteSchema {
    /// The schema version this build writes.
    static var currentVersion: Int { migrations.count }

    /// Each entry upgrades the schema from version `index` to `index + 1`.
    static let migrations: [String] = [
        """
        CREATE TABLE events (
            seq            INTEGER PRIMARY KEY,
            event_id       TEXT    NOT NULL UNIQUE,
            type           TEXT    NOT NULL,
            occurred_at    INTEGER NOT NULL,
            source         TEXT    NOT NULL,
            correlation_id TEXT    NOT NULL,
            entity_key     TEXT    NOT NULL,
            payload        TEXT    NOT NULL,
            ingested_at    INTEGER NOT NULL
        );
        -- Only the types read by time range have one (queries name the type as a literal so these are used).
        CREATE INDEX provisioned_by_time ON events(type, occurred_at) WHERE type = 'project.provisioned';
        CREATE INDEX provisioning_failed_by_time ON events(type, occurred_at) WHERE type = 'project.provisioning_failed';
        CREATE INDEX amended_by_time ON events(type, occurred_at) WHERE type = 'contract.amended';
        CREATE INDEX events_by_type_entity ON events(type, entity_key, occurred_at);
        CREATE INDEX events_by_correlation ON events(correlation_id, occurred_at);

        CREATE TABLE rejected_lines (
            id          INTEGER PRIMARY KEY,
            source_name TEXT    NOT NULL,
            line_number INTEGER NOT NULL,
            raw_text    TEXT    NOT NULL,
            reason      TEXT    NOT NULL,
            rejected_at INTEGER NOT NULL,
            UNIQUE (source_name, line_number, raw_text)
        );

        CREATE TABLE contracts (
            contract_id    TEXT PRIMARY KEY,
            customer_name  TEXT NOT NULL DEFAULT '',
            approved_at    INTEGER,
            provisioned_at INTEGER,
            billing_at     INTEGER,
            activated_at   INTEGER GENERATED ALWAYS AS (
                CASE WHEN provisioned_at IS NOT NULL AND billing_at IS NOT NULL
                     THEN max(provisioned_at, billing_at) END) VIRTUAL,
            first_provisioning_at INTEGER,
            first_provisioning_ok INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX contracts_by_activation ON contracts(activated_at, approved_at);
        CREATE INDEX contracts_by_approval ON contracts(approved_at, activated_at);
        CREATE INDEX contracts_by_first_provisioning ON contracts(first_provisioning_at, first_provisioning_ok);

        CREATE TABLE time_entries (
            time_entry_id TEXT PRIMARY KEY,
            contract_id   TEXT    NOT NULL,
            resource      TEXT    NOT NULL,
            approved_at   INTEGER NOT NULL,
            hours_units   INTEGER NOT NULL,
            amount_units  INTEGER NOT NULL,
            currency      TEXT    NOT NULL,
            billed_at     INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX time_entries_unbilled ON time_entries(billed_at, approved_at, currency, hours_units, amount_units);

        CREATE TABLE invoiced_time_entries (
            time_entry_id   TEXT PRIMARY KEY,
            first_billed_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE exceptions (
            exception_id   TEXT PRIMARY KEY,
            correlation_id TEXT    NOT NULL,
            summary        TEXT    NOT NULL,
            raised_at      INTEGER NOT NULL,
            kind         TEXT    NOT NULL,
            severity     TEXT    NOT NULL,
            kind_at      INTEGER NOT NULL,
            closed_at    INTEGER,
            -- The queue's view: the current record folded from every event about the exception.
            severity_rank  INTEGER NOT NULL DEFAULT 0,
            subject_system TEXT,
            subject_key    TEXT,
            subject_name   TEXT,
            amount_units   INTEGER,
            currency       TEXT,
            state          TEXT NOT NULL DEFAULT 'open',
            state_label    TEXT NOT NULL DEFAULT 'open',
            assignee       TEXT,
            version        INTEGER NOT NULL DEFAULT 0,
            last_by        TEXT,
            last_at        INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX exceptions_by_raise ON exceptions(raised_at, closed_at, kind, kind_at);
        CREATE INDEX exceptions_by_close ON exceptions(closed_at, raised_at);
        CREATE INDEX exceptions_by_state ON exceptions(state, raised_at);
        CREATE INDEX exceptions_by_subject ON exceptions(subject_system, subject_key, state);

        CREATE TABLE reprocess_requests (
            request_id      TEXT PRIMARY KEY,
            exception_id    TEXT    NOT NULL,
            failed_event_id TEXT,
            requested_by    TEXT    NOT NULL,
            requested_at    INTEGER NOT NULL,
            approved_by     TEXT,
            approved_at     INTEGER,
            outcome         TEXT,
            message         TEXT,
            completed_at    INTEGER
        ) WITHOUT ROWID;

        CREATE TABLE remembered_mappings (
            source_system TEXT    NOT NULL,
            source_key    TEXT    NOT NULL,
            target_system TEXT    NOT NULL,
            target_key    TEXT    NOT NULL,
            resolved_by   TEXT    NOT NULL,
            resolved_at   INTEGER NOT NULL,
            exception_id  TEXT    NOT NULL,
            seq           INTEGER NOT NULL,
            PRIMARY KEY (source_system, source_key)
        ) WITHOUT ROWID;

        -- The hash of the newest console event: the head of the audit chain.
        CREATE TABLE audit_head (
            id   INTEGER PRIMARY KEY CHECK (id = 1),
            hash TEXT    NOT NULL,
            seq  INTEGER NOT NULL
        );
        CREATE INDEX console_events ON events(seq) WHERE source = 'CONSOLE';

        -- Rules every console must follow, such as who may approve reprocessing.
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
        // 2: narrower event indexes, and currently-unbilled time summed per (currency, approval hour), kept by triggers in the writing
        // transaction, so unbilled time as of any T reads whole hours and scans only the hours cut by an edge.
        """
        -- Narrower event indexes (fewer pages rewritten per ingest batch); lookups filter the few rows per key.
        DROP INDEX events_by_type_entity;
        CREATE INDEX events_by_entity ON events(entity_key);
        DROP INDEX events_by_correlation;
        CREATE INDEX events_by_correlation ON events(correlation_id);

        CREATE TABLE unbilled_hours (
            currency     TEXT    NOT NULL,
            hour         INTEGER NOT NULL, -- floor(approved_at / 3600 s)
            hours_units  INTEGER NOT NULL,
            amount_units INTEGER NOT NULL,
            entries      INTEGER NOT NULL,
            PRIMARY KEY (currency, hour)
        ) WITHOUT ROWID;
        INSERT INTO unbilled_hours
            SELECT currency, \(hourOf("approved_at")), sum(hours_units), sum(amount_units), count(*)
            FROM time_entries WHERE billed_at IS NULL GROUP BY 1, 2;
        CREATE TRIGGER unbilled_hours_insert AFTER INSERT ON time_entries WHEN new.billed_at IS NULL BEGIN
            \(addUnbilled("new", sign: "+"))
        END;
        CREATE TRIGGER unbilled_hours_update_out AFTER UPDATE ON time_entries WHEN old.billed_at IS NULL BEGIN
            \(addUnbilled("old", sign: "-"))
        END;
        CREATE TRIGGER unbilled_hours_update_in AFTER UPDATE ON time_entries WHEN new.billed_at IS NULL BEGIN
            \(addUnbilled("new", sign: "+"))
        END;
        CREATE TRIGGER unbilled_hours_delete AFTER DELETE ON time_entries WHEN old.billed_at IS NULL BEGIN
            \(addUnbilled("old", sign: "-"))
        END;
        """,
        // 3: cheaper ingest. Time approvals leave the entity index (a time entry's approvals are listed on its
        // projection row instead), invoices of not-yet-approved time are kept on a placeholder row rather than in
        // a table of their own, and the writer keeps the hour totals itself (one update per hour and transaction
        // instead of a trigger per row).
        """
        DROP TRIGGER unbilled_hours_insert;
        DROP TRIGGER unbilled_hours_update_out;
        DROP TRIGGER unbilled_hours_update_in;
        DROP TRIGGER unbilled_hours_delete;

        CREATE TABLE time_entries_v3 (
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
        INSERT INTO time_entries_v3
            SELECT t.time_entry_id, t.contract_id, t.resource, t.approved_at, t.hours_units, t.amount_units, t.currency,
                   t.billed_at,
                   coalesce((SELECT group_concat(seq, ',') FROM (SELECT seq FROM events
                             WHERE type = 'time.approved' AND entity_key = t.time_entry_id ORDER BY seq)), '')
            FROM time_entries t;
        INSERT INTO time_entries_v3 (time_entry_id, billed_at)
            SELECT i.time_entry_id, i.first_billed_at FROM invoiced_time_entries i
            WHERE NOT EXISTS (SELECT 1 FROM time_entries t WHERE t.time_entry_id = i.time_entry_id);
        DROP TABLE time_entries;
        DROP TABLE invoiced_time_entries;
        ALTER TABLE time_entries_v3 RENAME TO time_entries;
        CREATE INDEX time_entries_unbilled ON time_entries(billed_at, approved_at, currency, hours_units, amount_units);

        DROP INDEX events_by_entity;
        CREATE INDEX events_by_entity ON events(entity_key) WHERE \(entityIndexed);
        """,
        // 4: the time-entry projection moves to a companion file with a writer of its own (``SQLiteTimeEntryFile``),
        // which is rebuilt there from the log; the store gets an id so a companion knows whose log it follows.
        """
        DROP TABLE main.time_entries;
        DROP TABLE main.unbilled_hours;
        INSERT INTO settings (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
        """,
        // 5: amendment propagation reads a contract's applications from an index of their own, instead of fetching
        // every non-time event of the contract from the log to filter by type (a third of the rows read).
        """
        CREATE INDEX applications_by_contract ON events(entity_key, occurred_at) WHERE type = 'amendment.applied';
        """,
        // 6: the correlation index lists a correlation's events once per writing transaction instead of once per
        // event: a bulk transaction of 200,000 events touches each contract's entry once, not a few times each
        // (an index of random keys cost the log's writer a quarter of its time).
        """
        CREATE TABLE event_correlations (
            correlation_id TEXT    NOT NULL,
            first_seq      INTEGER NOT NULL,
            -- The events.seq of the correlation's events stored by one transaction, comma-separated.
            seqs           TEXT    NOT NULL,
            PRIMARY KEY (correlation_id, first_seq)
        ) WITHOUT ROWID;
        INSERT INTO event_correlations (correlation_id, first_seq, seqs)
            SELECT correlation_id, min(seq), group_concat(seq, ',') FROM events GROUP BY correlation_id;
        DROP INDEX events_by_correlation;
        """,
        // 7: signals v2. Each posted invoice's settlement (``SQLiteInvoiceProjection``; filled from the log by
        // ``SQLiteStore``'s migration, since folding a payment needs exact decimals), and the stored events per
        // (hour, source) with their times, so throughput in any window reads whole hours and two cut ones.
        """
        CREATE TABLE invoices (
            invoice_id        TEXT    PRIMARY KEY,
            posted_at         INTEGER NOT NULL, -- the earliest posting
            latest_posting_at INTEGER NOT NULL, -- the posting whose total and currency count
            currency          TEXT    NOT NULL,
            total_units       INTEGER NOT NULL,
            paid_at           INTEGER,          -- the payment that brought the sum to the total
            paid_units        INTEGER NOT NULL, -- every payment in the currency
            last_payment_at   INTEGER           -- the latest payment in the currency
        ) WITHOUT ROWID;
        CREATE INDEX invoices_by_payment ON invoices(paid_at, posted_at);
        CREATE INDEX invoices_by_latest_posting ON invoices(latest_posting_at);
        CREATE INDEX invoices_by_last_payment ON invoices(last_payment_at);

        """ + eventHoursWithTimes,
        // 8: signals v3. Unbilled milestones (§10.4) list every milestone's acceptances at or before T: an index of
        // their own, as for the other types read by time range (the log has no index by type).
        """
        CREATE INDEX milestones_by_time ON events(type, occurred_at) WHERE type = 'milestone.accepted';
        """,
        // 9: §10 from projections: the facts its controls read, typed and indexed (``SQLiteReconciliationProjection``;
        // filled from the log by ``SQLiteStore``'s migration, since money in units needs exact decimals).
        SQLiteReconciliationProjection.schema,
        // 10: amendment propagation from a projection: the amendments' changes and the terms each target reports,
        // typed (``SQLiteAmendmentProjection``; filled from the log by ``SQLiteStore``'s migration), instead of the
        // window's payloads parsed on every signals run.
        SQLiteAmendmentProjection.schema,
        // 11: the queue's keys cost the same at any size: a page of open exceptions in any sort order, from any
        // keyset position, is an index walk that stops at the page's limit (``ExceptionQueueIndexes``), and grouping
        // the open queue reads counts kept per group (``SQLiteQueueGroups``) instead of counting every exception.
        ExceptionQueueIndexes.statements(SQLiteExceptionQueries.dialect).map { $0 + ";\n" }.joined() + SQLiteQueueGroups.schema,
        // 12: throughput's cut hours read per second: `event_hours` keeps counts only, and each second's events keep
        // their times in `event_seconds` (``SQLiteEventCounts``). Schema 7's list of times per hour grew by every
        // event and was rewritten by every commit (a steady writer's hour reached tens of MB).
        """
        CREATE TABLE event_seconds (
            second INTEGER NOT NULL, -- floor(occurred_at / 1 s)
            source TEXT    NOT NULL,
            events INTEGER NOT NULL,
            times  TEXT    NOT NULL  -- the second's events' occurred_at, comma-separated
        , PRIMARY KEY (second, source)) WITHOUT ROWID;
        INSERT INTO event_seconds
            SELECT \(floorOf("occurred_at", by: secondMicroseconds)), source, count(*), group_concat(occurred_at, ',')
            FROM events GROUP BY 1, 2;
        ALTER TABLE event_hours DROP COLUMN times;
        """,
        // 13: a queue text filter that matches few exceptions reads those few from a trigram index of the text it
        // searches (``SQLiteQueueText``) instead of walking a sort index to its end looking for a page of them.
        SQLiteQueueText.schema,
        // 14: over contract value (§10.5) reads the contracts whose postings can exceed their value
        // (``SQLiteContractValueBounds``), not every posting in the store.
        SQLiteContractValueBounds.migration,
        // 15: invoice to cash (§8) reads only index entries: the invoices unpaid today from an index of them alone,
        // not the table of every invoice ever posted, and those paid in the window from the payment index, which
        // holds the posting they were settled against, without reading their rows.
        """
        CREATE INDEX invoices_unpaid
            ON invoices(currency, posted_at, latest_posting_at, last_payment_at, total_units, paid_units, paid_at) WHERE paid_at IS NULL;
        DROP INDEX invoices_by_payment;
        CREATE INDEX invoices_by_payment ON invoices(paid_at, posted_at, latest_posting_at);
        """,
        // 16: unbilled time as of an earlier T takes the approval as of T of each entry approved again since from the
        // approvals' index by entry alone: it holds the hours, and `seq` after the time, so "the latest by time, then
        // by arrival" is the index's order. Before, each entry's approval was a second probe, into the table.
        """
        DROP INDEX time_approvals_by_entry;
        CREATE INDEX time_approvals_by_entry
            ON time_approvals(time_entry_id, occurred_at, seq, superseded_at, hours_units, amount_units, currency);
        """,
        // 17: each stored payment, typed, in the order an invoice's settlement folds them (``SQLiteReconciliationProjection``;
        // filled from the log by ``SQLiteStore``'s migration): an invoice is folded, at ingest and as of an earlier T,
        // from a range of this table instead of its events read from the log and parsed.
        SQLiteReconciliationProjection.invoicePaymentsSchema,
        // 18: each stored raise of an exception with its kind, typed (``SQLiteReconciliationProjection``; filled from the
        // log by ``SQLiteStore``'s migration): the backlog as of an earlier T takes the kind of an exception raised
        // again since from a range of this table, instead of its raises read from the log and their payloads parsed.
        SQLiteReconciliationProjection.exceptionRaisesSchema,
        // 19: the queue's text index is written once per transaction, not by a trigger per exception
        // (``SQLiteQueueText/deferredIndexing``).
        SQLiteQueueText.deferredIndexing,
        // 20: the typed approvals move to the time-entry companion (``SQLiteTimeEntryFile``'s fifth version), written
        // by its thread beside the log's writer: §10's typed facts, most of them approvals, were a quarter of a bulk
        // ingest's CPU, all on the log's thread.
        "DROP TABLE main.time_approvals;",
        // 21: the signals' open work costs what changed after T: the exceptions no closing has reached, indexed by kind
        // and by their kind's last change, and the unpaid invoices' sums per currency kept by triggers
        // (``SQLiteOpenWork``). The backlog and §8's amount outstanding read every exception and invoice ever stored.
        SQLiteOpenWork.schema,
        // 22: resolution time (§7) reads which type closed each exception first from its row, kept at ingest, instead
        // of looking it up in the log for every exception closed in the window.
        """
        ALTER TABLE exceptions ADD COLUMN closed_by TEXT; -- the type of the earliest closing: resolved or dismissed
        UPDATE exceptions SET closed_by = \(firstClosing("type", of: "exceptions.exception_id")) WHERE closed_at IS NOT NULL;
        """,
    ]

    /// Schema 7's `event_hours`: stored events per (hour, source), with every event's time.
    static let eventHoursWithTimes = """
        CREATE TABLE event_hours (
            hour   INTEGER NOT NULL, -- floor(occurred_at / 3600 s)
            source TEXT    NOT NULL,
            events INTEGER NOT NULL,
            times  TEXT    NOT NULL  -- every event's occurred_at, comma-separated
        , PRIMARY KEY (hour, source)) WITHOUT ROWID;
        INSERT INTO event_hours
            SELECT \(hourOf("occurred_at")), source, count(*), group_concat(occurred_at, ',') FROM events GROUP BY 1, 2;
        """

    /// SQL for `column` (`occurred_at` or `type`) of the earliest closing event (`exception.resolved` or
    /// `exception.dismissed`) of the exception `id` names: by time, then arrival; NULL when none is stored.
    static func firstClosing(_ column: String, of id: String) -> String {
        """
        (SELECT \(column) FROM events WHERE entity_key = \(id) AND \(entityIndexed) AND type IN ('exception.resolved', 'exception.dismissed')
         ORDER BY occurred_at, seq LIMIT 1)
        """
    }

    /// The schema version that added `invoices`, which its migration fills from the log.
    static let invoicesVersion = 7

    /// The condition of the partial index on `events.entity_key`. A query by entity must repeat it word for word
    /// (SQLite uses a partial index only when the query's WHERE contains its terms).
    static let entityIndexed = "type <> 'time.approved'"

    /// One hour in microseconds: the grain of `unbilled_hours`.
    static let hourMicroseconds = UnbilledHours.microseconds

    /// One second in microseconds: the grain of `event_seconds`.
    static let secondMicroseconds: Int64 = 1_000_000

    /// The `unbilled_hours.hour` (and `event_hours.hour`) of an instant: floor(µs / 1 h).
    static func hour(of microseconds: Int64) -> Int64 { UnbilledHours.hour(of: microseconds) }

    /// The `event_seconds.second` of an instant: floor(µs / 1 s).
    static func second(of microseconds: Int64) -> Int64 { microseconds.floorDivided(by: secondMicroseconds).quotient }

    /// SQL for the floor of `column / 1 h`.
    static func hourOf(_ column: String) -> String { floorOf(column, by: hourMicroseconds) }

    /// SQL for the floor of `column / unit` (SQLite's `/` truncates toward zero).
    static func floorOf(_ column: String, by unit: Int64) -> String {
        "(CASE WHEN \(column) >= 0 THEN \(column) / \(unit) ELSE (\(column) + 1) / \(unit) - 1 END)"
    }

    /// Adds (`+`) or removes (`-`) one time entry row (`new` or `old`) from its hour's totals.
    private static func addUnbilled(_ row: String, sign: String) -> String {
        """
        INSERT INTO unbilled_hours (currency, hour, hours_units, amount_units, entries)
            VALUES (\(row).currency, \(hourOf("\(row).approved_at")), \(sign)\(row).hours_units, \(sign)\(row).amount_units, \(sign)1)
            ON CONFLICT (currency, hour) DO UPDATE SET hours_units = hours_units + excluded.hours_units,
                amount_units = amount_units + excluded.amount_units, entries = entries + excluded.entries;
        """
    }
}
