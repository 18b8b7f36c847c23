import SignalboxCore
import SignalboxStore

/// Schema 9: the facts §10 (golden-signals.md, billing reconciliation) reads, one row per stored approval, posting,
/// amendment and acceptance (and per invoice line and rate-card row), typed and indexed, so that a signals run reads
/// integer columns instead of parsing the log's payloads. Written by the ingest writer in the transaction that stores
/// the event (a duplicate, which is not stored, writes nothing; a crash loses both or neither). Money is in units of
/// 10^-4 (``ExactDecimal/units``), exact. Each row carries `superseded_at`, the earliest time of a later statement
/// about the same thing (later: by time, ties to the later arrival), so "the latest at or before T" is the row with
/// `occurred_at <= T` and `superseded_at` NULL or after T, whatever order events arrived in. Schema 17 adds the stored
/// payments (`invoice_payments`, keyed in the order a settlement folds them, so without `superseded_at`), which §8's
/// settlements read as they read the postings; schema 18 the raises of exceptions with their kinds
/// (`exception_raises`, keyed the same way), which the backlog as of T reads. Schema 20 moves the approvals
/// (`time_approvals`, most of the rows) to the time-entry companion, written by its own thread
/// (``recordApproval(_:at:sequence:on:)``); a reader sees them as of the companion's `applied_seq`.
struct SQLiteReconciliationProjection {
    let connection: SQLiteConnection

    /// The schema version that added these tables, which its migration fills from the log.
    static let version = 9

    /// Creates the tables (``rebuild()`` fills them).
    static let schema = """
        CREATE TABLE time_approvals (
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
        -- Covering what billing mismatch reads of an entry's approval (one probe per invoiced entry).
        CREATE INDEX time_approvals_by_entry ON time_approvals(time_entry_id, occurred_at, superseded_at, amount_units, currency);
        CREATE INDEX time_approvals_by_time ON time_approvals(occurred_at);

        CREATE TABLE invoice_postings (
            seq           INTEGER PRIMARY KEY,
            invoice_id    TEXT    NOT NULL,
            occurred_at   INTEGER NOT NULL,
            superseded_at INTEGER,
            contract_id   TEXT    NOT NULL,
            currency      TEXT    NOT NULL,
            total_units   INTEGER NOT NULL
        );
        CREATE INDEX invoice_postings_by_invoice ON invoice_postings(invoice_id, occurred_at);

        CREATE TABLE invoice_lines (
            seq           INTEGER NOT NULL, -- the posting's
            position      INTEGER NOT NULL,
            time_entry_id TEXT,
            milestone_id  TEXT,
            amount_units  INTEGER NOT NULL,
            PRIMARY KEY (seq, position)
        ) WITHOUT ROWID;
        CREATE INDEX invoice_lines_by_entry ON invoice_lines(time_entry_id, seq) WHERE time_entry_id IS NOT NULL;
        CREATE INDEX invoice_lines_by_milestone ON invoice_lines(milestone_id, seq) WHERE milestone_id IS NOT NULL;

        -- Approvals (amendment 0, version 1) and amendments (amendment 1) of each contract.
        CREATE TABLE contract_terms (
            seq               INTEGER PRIMARY KEY,
            contract_id       TEXT    NOT NULL,
            occurred_at       INTEGER NOT NULL,
            superseded_at     INTEGER,           -- by a later statement of the same version
            amendment         INTEGER NOT NULL,
            version           INTEGER NOT NULL,
            effective_date    TEXT,              -- an amendment's
            currency          TEXT,              -- an approval's
            total_value_units INTEGER            -- NULL for an amendment that leaves the value
        );
        CREATE INDEX contract_terms_by_version ON contract_terms(contract_id, amendment, version, occurred_at);

        CREATE TABLE contract_rates (
            seq        INTEGER NOT NULL, -- the approval's or amendment's
            position   INTEGER NOT NULL,
            role       TEXT    NOT NULL,
            rate_units INTEGER NOT NULL,
            PRIMARY KEY (seq, position)
        ) WITHOUT ROWID;

        CREATE TABLE milestone_acceptances (
            seq           INTEGER PRIMARY KEY,
            milestone_id  TEXT    NOT NULL,
            occurred_at   INTEGER NOT NULL,
            superseded_at INTEGER,
            contract_id   TEXT    NOT NULL,
            currency      TEXT    NOT NULL,
            amount_units  INTEGER NOT NULL
        );
        CREATE INDEX milestone_acceptances_by_milestone ON milestone_acceptances(milestone_id, occurred_at);

        -- The invoices first posted in a window (the existing index leads with paid_at).
        CREATE INDEX invoices_by_posting ON invoices(posted_at);
        """

    /// The schema version that added `invoice_payments`, which its migration fills from the log.
    static let invoicePaymentsVersion = 17

    /// Schema 17: every stored payment, keyed in fold order (time, then arrival).
    static let invoicePaymentsSchema = """
        CREATE TABLE invoice_payments (
            invoice_id   TEXT    NOT NULL,
            occurred_at  INTEGER NOT NULL,
            seq          INTEGER NOT NULL, -- events.seq
            currency     TEXT    NOT NULL,
            amount_units INTEGER NOT NULL,
            PRIMARY KEY (invoice_id, occurred_at, seq)
        ) WITHOUT ROWID;
        """

    /// The schema version that added `exception_raises`, which its migration fills from the log.
    static let exceptionRaisesVersion = 18

    /// Schema 18: every stored raise of an exception with its kind, keyed in the order "the latest raise at or before
    /// T" reads them (time, then arrival).
    static let exceptionRaisesSchema = """
        CREATE TABLE exception_raises (
            exception_id TEXT    NOT NULL,
            occurred_at  INTEGER NOT NULL,
            seq          INTEGER NOT NULL, -- events.seq
            kind         TEXT    NOT NULL,
            PRIMARY KEY (exception_id, occurred_at, seq)
        ) WITHOUT ROWID;
        """

    /// Records a just-stored event (`sequence` the highest so far) if §10 or a settlement reads its type, and widens
    /// §10.5's bounds (``SQLiteContractValueBounds``).
    func record(_ event: CanonicalEvent, sequence: Int64) throws(StoreError) {
        try SQLiteContractValueBounds.record(event, on: connection)
        let at = event.occurredAt.microseconds
        switch event.payload {
        case .invoicePosted(let invoice):
            try Statements.invoicePostings.insert(on: connection, key: [.text(invoice.invoiceID)], sequence: sequence, at: at, """
                INSERT INTO invoice_postings (seq, invoice_id, occurred_at, superseded_at, contract_id, currency, total_units)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """, [.text(invoice.contractID), .text(invoice.currency), .integer(invoice.total.units)])
            for (position, line) in invoice.lines.enumerated() {
                try connection.statement(constant: """
                    INSERT INTO invoice_lines (seq, position, time_entry_id, milestone_id, amount_units) VALUES (?1, ?2, ?3, ?4, ?5)
                    """)
                    .bind(.integer(sequence), .integer(Int64(position)), .optional(line.timeEntryID), .optional(line.milestoneID),
                          .integer(line.amount.units))
                    .run()
            }
        case .contractApproved(let contract):
            try Statements.contractTerms.insert(on: connection, key: [.text(contract.contractID), .integer(0), .integer(1)], sequence: sequence, at: at, Self.insertTerms,
                       [.integer(0), .integer(1), .null, .text(contract.currency), .integer(contract.totalValue.units)])
            try insertRates(contract.rateCard, sequence: sequence)
        case .contractAmended(let amendment):
            try Statements.contractTerms.insert(on: connection, key: [.text(amendment.contractID), .integer(1), .integer(Int64(amendment.version))], sequence: sequence, at: at,
                       Self.insertTerms, [.integer(1), .integer(Int64(amendment.version)), .text(amendment.effectiveDate.isoString), .null,
                                          .optional(amendment.changes.totalValue?.units)])
            try insertRates(amendment.changes.rateCard ?? [], sequence: sequence)
        case .milestoneAccepted(let milestone):
            try Statements.milestoneAcceptances.insert(on: connection, key: [.text(milestone.milestoneID)], sequence: sequence, at: at, """
                INSERT INTO milestone_acceptances (seq, milestone_id, occurred_at, superseded_at, contract_id, currency, amount_units)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """, [.text(milestone.contractID), .text(milestone.currency), .integer(milestone.amount.units)])
        case .paymentReceived(let payment):
            try connection.statement(constant: """
                INSERT INTO invoice_payments (invoice_id, occurred_at, seq, currency, amount_units) VALUES (?1, ?2, ?3, ?4, ?5)
                """)
                .bind(.text(payment.invoiceID), .integer(at), .integer(sequence), .text(payment.currency), .integer(payment.amount.units))
                .run()
        case .exceptionRaised(let raised):
            try connection.statement(constant: "INSERT INTO exception_raises (exception_id, occurred_at, seq, kind) VALUES (?1, ?2, ?3, ?4)")
                .bind(.text(raised.exceptionID), .integer(at), .integer(sequence), .text(raised.kind.rawValue))
                .run()
        default:
            return
        }
    }

    /// Records a stored approval in `time_approvals`, through `connection`: the time-entry companion's writer
    /// (``SQLiteTimeEntryLedger``), which keeps that table beside the time entries (``SQLiteTimeEntryFile``). The first
    /// approval of its entry (most of them) has no earlier one to supersede or be superseded by: nothing is read.
    static func recordApproval(_ time: TimeApproved, at: Timestamp, sequence: Int64, on connection: SQLiteConnection,
                               firstOfItsEntry: Bool) throws(StoreError) {
        try Statements.timeApprovals.insert(on: connection, key: [.text(time.timeEntryID)], keyIsNew: firstOfItsEntry,
                                            sequence: sequence, at: at.microseconds, """
            INSERT INTO time_approvals (seq, time_entry_id, occurred_at, superseded_at, contract_id, role, work_date, hours_units,
                                        rate_units, amount_units, currency)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """, [.text(time.contractID), .text(time.role), .text(time.workDate.isoString), .integer(time.hours.units),
                  .integer(time.rate.units), .integer(time.amount.units), .text(time.currency)])
    }

    /// The event types ``record(_:sequence:)`` keeps rows of (approvals are the companion's: ``recordApproval(_:at:sequence:on:)``).
    static let recordedTypes: [EventType] = [.invoicePosted, .contractApproved, .contractAmended, .milestoneAccepted,
                                             .paymentReceived, .exceptionRaised]

    /// Fills the tables from every stored event of `types` (by default every type they hold), in arrival order, through
    /// ``record(_:sequence:)``, in one pass over the log: the migration to schema 9 fills them all; those to 17 and 18
    /// fill the payments and raises of a store that has the rest.
    func rebuild(ofTypes types: [EventType] = recordedTypes) throws(StoreError) {
        guard !types.isEmpty else { return }
        try connection.replayStoredEvents(ofTypes: types) { stored throws(StoreError) in try record(stored.event, sequence: stored.sequence) }
    }

    private static let insertTerms = """
        INSERT INTO contract_terms (seq, contract_id, occurred_at, superseded_at, amendment, version, effective_date, currency,
                                    total_value_units)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        """

    private func insertRates(_ card: [RateCardEntry], sequence: Int64) throws(StoreError) {
        for (position, entry) in card.enumerated() {
            try connection.statement(constant: "INSERT INTO contract_rates (seq, position, role, rate_units) VALUES (?1, ?2, ?3, ?4)")
                .bind(.integer(sequence), .integer(Int64(position)), .text(entry.role), .integer(entry.rate.units))
                .run()
        }
    }

    /// The tables of statements, with the SQL that keeps their `superseded_at`.
    private enum Statements {
        static let timeApprovals = SQLiteStatementTable("time_approvals", keyColumns: ["time_entry_id"])
        static let invoicePostings = SQLiteStatementTable("invoice_postings", keyColumns: ["invoice_id"])
        static let contractTerms = SQLiteStatementTable("contract_terms", keyColumns: ["contract_id", "amendment", "version"])
        static let milestoneAcceptances = SQLiteStatementTable("milestone_acceptances", keyColumns: ["milestone_id"])
    }
}
