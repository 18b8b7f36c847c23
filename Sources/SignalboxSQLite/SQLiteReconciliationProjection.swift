import SignalboxCore
import SignalboxStore

/// Schema 9: the facts §10 (golden-signals.md, billing reconciliation) reads, one row per stored approval, posting,
/// amendment and acceptance (and per invoice line and rate-card row), typed and indexed, so that a signals run reads
/// integer columns instead of parsing the log's payloads. Written by the ingest writer in the transaction that stores
/// the event (a duplicate, which is not stored, writes nothing; a crash loses both or neither). Money is in units of
/// 10^-4 (``ExactDecimal/units``), exact. Each row carries `superseded_at`, the earliest time of a later statement
/// about the same thing (later: by time, ties to the later arrival), so "the latest at or before T" is the row with
/// `occurred_at <= T` and `superseded_at` NULL or after T, whatever order events arrived in.
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

    /// Records a just-stored event (`sequence` the highest so far) if §10 reads its type.
    func record(_ event: CanonicalEvent, sequence: Int64) throws(StoreError) {
        let at = event.occurredAt.microseconds
        switch event.payload {
        case .timeApproved(let time):
            try insert(into: .timeApprovals, key: [.text(time.timeEntryID)], sequence: sequence, at: at, """
                INSERT INTO time_approvals (seq, time_entry_id, occurred_at, superseded_at, contract_id, role, work_date, hours_units,
                                            rate_units, amount_units, currency)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                """, [.text(time.contractID), .text(time.role), .text(time.workDate.isoString), .integer(time.hours.units),
                      .integer(time.rate.units), .integer(time.amount.units), .text(time.currency)])
        case .invoicePosted(let invoice):
            try insert(into: .invoicePostings, key: [.text(invoice.invoiceID)], sequence: sequence, at: at, """
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
            try insert(into: .contractTerms, key: [.text(contract.contractID), .integer(0), .integer(1)], sequence: sequence, at: at, Self.insertTerms,
                       [.integer(0), .integer(1), .null, .text(contract.currency), .integer(contract.totalValue.units)])
            try insertRates(contract.rateCard, sequence: sequence)
        case .contractAmended(let amendment):
            try insert(into: .contractTerms, key: [.text(amendment.contractID), .integer(1), .integer(Int64(amendment.version))], sequence: sequence, at: at,
                       Self.insertTerms, [.integer(1), .integer(Int64(amendment.version)), .text(amendment.effectiveDate.isoString), .null,
                                          .optional(amendment.changes.totalValue?.units)])
            try insertRates(amendment.changes.rateCard ?? [], sequence: sequence)
        case .milestoneAccepted(let milestone):
            try insert(into: .milestoneAcceptances, key: [.text(milestone.milestoneID)], sequence: sequence, at: at, """
                INSERT INTO milestone_acceptances (seq, milestone_id, occurred_at, superseded_at, contract_id, currency, amount_units)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """, [.text(milestone.contractID), .text(milestone.currency), .integer(milestone.amount.units)])
        default:
            return
        }
    }

    /// Fills the tables from every stored event of the types they hold, in arrival order (the migration), a page of
    /// events at a time so that memory does not grow with the log.
    func rebuild() throws(StoreError) {
        var after: Int64 = 0
        while true {
            let rows = try connection.statement("""
                SELECT seq, payload FROM events
                WHERE seq > ?1 AND type IN ('time.approved', 'invoice.posted', 'contract.approved', 'contract.amended', 'milestone.accepted')
                ORDER BY seq LIMIT 20000
                """)
                .bind(.integer(after))
                .rows { row throws(StoreError) in StoredEventRow(sequence: row.int64(0), payload: Array(row.text(1).utf8)) }
            guard let last = rows.last else { return }
            for stored in try StoredEvent.decodeConcurrently(rows) { try record(stored.event, sequence: stored.sequence) }
            after = last.sequence
        }
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

    /// A table of statements, and the SQL that keeps its `superseded_at`.
    private enum Statements {
        case timeApprovals, invoicePostings, contractTerms, milestoneAcceptances

        /// Every stored statement about the key bound from `?1` on: `seq`, `occurred_at`, `superseded_at`.
        var earlier: String {
            switch self {
            case .timeApprovals: Self.timeApprovalsAbout
            case .invoicePostings: Self.invoicePostingsAbout
            case .contractTerms: Self.contractTermsAbout
            case .milestoneAcceptances: Self.milestoneAcceptancesAbout
            }
        }

        /// Sets `superseded_at` to `?1` on the row `?2`.
        var supersede: String {
            switch self {
            case .timeApprovals: "UPDATE time_approvals SET superseded_at = ?1 WHERE seq = ?2"
            case .invoicePostings: "UPDATE invoice_postings SET superseded_at = ?1 WHERE seq = ?2"
            case .contractTerms: "UPDATE contract_terms SET superseded_at = ?1 WHERE seq = ?2"
            case .milestoneAcceptances: "UPDATE milestone_acceptances SET superseded_at = ?1 WHERE seq = ?2"
            }
        }

        private static let timeApprovalsAbout =
            "SELECT seq, occurred_at, superseded_at FROM time_approvals WHERE time_entry_id = ?1"
        private static let invoicePostingsAbout =
            "SELECT seq, occurred_at, superseded_at FROM invoice_postings WHERE invoice_id = ?1"
        private static let contractTermsAbout =
            "SELECT seq, occurred_at, superseded_at FROM contract_terms WHERE contract_id = ?1 AND amendment = ?2 AND version = ?3"
        private static let milestoneAcceptancesAbout =
            "SELECT seq, occurred_at, superseded_at FROM milestone_acceptances WHERE milestone_id = ?1"
    }

    /// Inserts a statement (bound `?1` seq, `?2` the key's first column, `?3` time, `?4` superseded_at, then `rest`)
    /// superseded by the earliest later statement about the same key (the new one arrived last: a tie is earlier), and
    /// supersedes the earlier ones it follows. One look-up by key; most keys have no other statement.
    private func insert(into statements: Statements, key: [SQLiteValue], sequence: Int64, at: Int64, _ sql: String,
                        _ rest: [SQLiteValue]) throws(StoreError) {
        let others = try connection.statement(statements.earlier).bind(key)
            .rows { row in (sequence: row.int64(0), at: row.int64(1), supersededAt: row.optionalInt64(2)) }
        let supersededAt = others.lazy.map(\.at).filter { $0 > at }.min()
        try connection.statement(sql).bind([.integer(sequence), key[0], .integer(at), .optional(supersededAt)] + rest).run()
        for other in others where other.at <= at && (other.supersededAt.map { $0 > at } ?? true) {
            try connection.statement(statements.supersede).bind(.integer(at), .integer(other.sequence)).run()
        }
    }
}
