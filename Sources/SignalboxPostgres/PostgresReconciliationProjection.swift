import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Schema 9: the facts §10 (golden-signals.md, billing reconciliation) reads, one row per stored approval, posting,
/// amendment and acceptance (and per invoice line and rate-card row), typed and indexed, so that a signals run reads
/// columns instead of parsing the log's payloads (SQLite's ``SQLiteReconciliationProjection`` in PostgreSQL's types).
///
/// The rows are taken from the stored events by one server function, `signalbox_record_reconciliation(seqs)`, in the
/// transaction that stores them; the migration fills the tables with the same function over the whole log, so ingest
/// and upgrade cannot disagree. Money is `numeric`, cast from the payload's text as the queries before this schema did
/// (exact); text compares byte by byte (`COLLATE "C"`), as SQLite's does. Each row carries `superseded_at`, the
/// time of the next statement about the same thing (next: by time, ties to the later arrival), so "the latest at or
/// before T" is the row with `occurred_at <= T` and `superseded_at` NULL or after T, whatever order events arrived in.
///
/// Only the owner writes these tables (the ingesting login); viewers read them. The function runs with its caller's
/// rights, so no other login can write through it.
struct PostgresReconciliationProjection {
    let connection: PostgresConnection
    let logger: Logger

    /// The schema version that added the tables.
    static let version = 9

    /// Schema 10: the recording function's statements planned for what they are, a few index probes per thing.
    static let probeCostVersion = 10

    /// Plans the recording function's statements with `random_page_cost` 1.1 (the value PostgreSQL's documentation
    /// suggests for solid-state or cached storage) instead of the server's default 4, made for spinning disks. With
    /// 4, once the approvals table held about 700,000 rows, the supersession of a batch's approvals read the whole
    /// table (a sequential scan on both sides of the update, 358–376 ms a batch) instead of probing the index by
    /// entry for the batch's few thousand entries (161–220 ms). Set on the function alone, so no other statement of
    /// the server or of the ingest is planned differently.
    static let probeCostStatements = [
        "ALTER FUNCTION signalbox_record_reconciliation(bigint[]) SET random_page_cost = 1.1",
    ]

    /// The key of the advisory lock that makes concurrent writers record these facts in turn, each to the end of its
    /// transaction: a writer's supersession then sees the rows the one before it stored. Without it, two writers
    /// storing statements about the same thing at once would each miss the other's (uncommitted) row, and both rows
    /// would stay current: the thing counted twice.
    static let recordingLockKey: Int64 = 0x5369_676E_5265_636F

    /// The tables, in the order the migration creates them.
    static let tables = ["reconciliation_time_approvals", "reconciliation_invoice_postings", "reconciliation_invoice_lines",
                         "reconciliation_contract_terms", "reconciliation_contract_rates", "reconciliation_milestone_acceptances"]

    /// The event types the tables hold.
    static let recordedTypes: [EventType] = [.timeApproved, .invoicePosted, .contractApproved, .contractAmended, .milestoneAccepted]

    /// Creates the tables, their indexes and the recording function, grants viewers reads, and fills the tables from the log.
    static let statements: [String] = [
        """
        CREATE TABLE reconciliation_time_approvals (
            seq           bigint           PRIMARY KEY, -- events.seq
            time_entry_id text COLLATE "C" NOT NULL,
            occurred_at   bigint           NOT NULL,
            superseded_at bigint,
            contract_id   text COLLATE "C",
            role          text COLLATE "C",
            work_date     text COLLATE "C",
            hours         numeric,
            rate          numeric,
            amount        numeric,
            currency      text COLLATE "C"
        )
        """,
        // Covering what billing mismatch reads of an entry's approval (one probe per invoiced entry).
        """
        CREATE INDEX reconciliation_time_approvals_by_entry ON reconciliation_time_approvals (time_entry_id, occurred_at)
            INCLUDE (superseded_at, amount, currency, seq)
        """,
        "CREATE INDEX reconciliation_time_approvals_by_time ON reconciliation_time_approvals (occurred_at)",
        """
        CREATE TABLE reconciliation_invoice_postings (
            seq           bigint           PRIMARY KEY,
            invoice_id    text COLLATE "C" NOT NULL,
            occurred_at   bigint           NOT NULL,
            superseded_at bigint,
            contract_id   text COLLATE "C",
            currency      text COLLATE "C",
            total         numeric
        )
        """,
        "CREATE INDEX reconciliation_invoice_postings_by_invoice ON reconciliation_invoice_postings (invoice_id, occurred_at)",
        """
        CREATE TABLE reconciliation_invoice_lines (
            seq           bigint           NOT NULL, -- the posting's
            position      bigint           NOT NULL,
            time_entry_id text COLLATE "C",
            milestone_id  text COLLATE "C",
            amount        numeric,
            PRIMARY KEY (seq, position)
        )
        """,
        """
        CREATE INDEX reconciliation_invoice_lines_by_entry ON reconciliation_invoice_lines (time_entry_id, seq)
            WHERE time_entry_id IS NOT NULL
        """,
        """
        CREATE INDEX reconciliation_invoice_lines_by_milestone ON reconciliation_invoice_lines (milestone_id, seq)
            WHERE milestone_id IS NOT NULL
        """,
        // Approvals (amendment false, version 1) and amendments of each contract; superseded within (contract, kind, version).
        """
        CREATE TABLE reconciliation_contract_terms (
            seq            bigint           PRIMARY KEY,
            contract_id    text COLLATE "C" NOT NULL,
            occurred_at    bigint           NOT NULL,
            superseded_at  bigint,
            amendment      boolean          NOT NULL,
            version        bigint,
            effective_date text COLLATE "C", -- an amendment's
            currency       text COLLATE "C", -- an approval's
            total_value    numeric           -- an approval's, or the value an amendment changes to (NULL if it leaves it)
        )
        """,
        """
        CREATE INDEX reconciliation_contract_terms_by_version
            ON reconciliation_contract_terms (contract_id, amendment, version, occurred_at)
        """,
        """
        CREATE TABLE reconciliation_contract_rates (
            seq      bigint           NOT NULL, -- the approval's or amendment's
            position bigint           NOT NULL,
            role     text COLLATE "C",
            rate     numeric,
            PRIMARY KEY (seq, position)
        )
        """,
        """
        CREATE TABLE reconciliation_milestone_acceptances (
            seq           bigint           PRIMARY KEY,
            milestone_id  text COLLATE "C" NOT NULL,
            occurred_at   bigint           NOT NULL,
            superseded_at bigint,
            contract_id   text COLLATE "C",
            currency      text COLLATE "C",
            amount        numeric
        )
        """,
        """
        CREATE INDEX reconciliation_milestone_acceptances_by_milestone
            ON reconciliation_milestone_acceptances (milestone_id, occurred_at)
        """,
        recordFunction,
        PostgresSchema.grantViewerSelect(on: tables),
        "SELECT signalbox_record_reconciliation(array_agg(seq)) FROM events WHERE type IN (\(typeList))",
    ]

    /// Records the §10 facts of the given stored events: the rows of those of a recorded type, then the
    /// `superseded_at` of every row about the same things (the new rows can supersede older ones, or be superseded).
    /// Each statement is planned for the batch and the tables as they are (`force_custom_plan`): a plan cached while
    /// the tables were small scans them whole, and a batch would cost what the history holds.
    private static let recordFunction = """
        CREATE FUNCTION signalbox_record_reconciliation(stored bigint[]) RETURNS void
            LANGUAGE plpgsql SET search_path = public, pg_catalog SET plan_cache_mode = force_custom_plan AS $$
        DECLARE
            things text[];
        BEGIN
            PERFORM pg_advisory_xact_lock(\(recordingLockKey));
            CREATE TEMP TABLE IF NOT EXISTS signalbox_recorded (seq bigint, type text, entity_key text,
                                                                occurred_at bigint, d jsonb) ON COMMIT DROP;
            TRUNCATE signalbox_recorded;
            INSERT INTO signalbox_recorded
                SELECT e.seq, e.type, e.entity_key, e.occurred_at, e.payload::jsonb -> 'data'
                FROM events e WHERE e.seq = ANY(stored) AND e.type IN (\(typeList));

            INSERT INTO reconciliation_time_approvals (seq, time_entry_id, occurred_at, contract_id, role, work_date, hours,
                                                       rate, amount, currency)
                SELECT seq, entity_key, occurred_at, d ->> 'contract_id', d ->> 'role', d ->> 'work_date',
                       (d ->> 'hours')::numeric, (d ->> 'rate')::numeric, (d ->> 'amount')::numeric, d ->> 'currency'
                FROM signalbox_recorded WHERE type = 'time.approved';
            INSERT INTO reconciliation_invoice_postings (seq, invoice_id, occurred_at, contract_id, currency, total)
                SELECT seq, entity_key, occurred_at, d ->> 'contract_id', d ->> 'currency', (d ->> 'total')::numeric
                FROM signalbox_recorded WHERE type = 'invoice.posted';
            INSERT INTO reconciliation_invoice_lines (seq, position, time_entry_id, milestone_id, amount)
                SELECT r.seq, l.position, l.item ->> 'time_entry_id', l.item ->> 'milestone_id', (l.item ->> 'amount')::numeric
                FROM signalbox_recorded r,
                     jsonb_array_elements(coalesce(r.d -> 'lines', '[]'::jsonb)) WITH ORDINALITY AS l(item, position)
                WHERE r.type = 'invoice.posted';
            INSERT INTO reconciliation_contract_terms (seq, contract_id, occurred_at, amendment, version, effective_date,
                                                       currency, total_value)
                SELECT seq, entity_key, occurred_at, type = 'contract.amended',
                       CASE WHEN type = 'contract.amended' THEN (d ->> 'version')::bigint ELSE 1 END,
                       d ->> 'effective_date', d ->> 'currency',
                       CASE WHEN type = 'contract.amended' THEN (d -> 'changes' ->> 'total_value')::numeric
                            ELSE (d ->> 'total_value')::numeric END
                FROM signalbox_recorded WHERE type IN ('contract.approved', 'contract.amended');
            INSERT INTO reconciliation_contract_rates (seq, position, role, rate)
                SELECT r.seq, c.position, c.item ->> 'role', (c.item ->> 'rate')::numeric
                FROM signalbox_recorded r,
                     jsonb_array_elements(CASE WHEN r.type = 'contract.amended'
                                               THEN coalesce(r.d -> 'changes' -> 'rate_card', '[]'::jsonb)
                                               ELSE coalesce(r.d -> 'rate_card', '[]'::jsonb) END)
                         WITH ORDINALITY AS c(item, position)
                WHERE r.type IN ('contract.approved', 'contract.amended');
            INSERT INTO reconciliation_milestone_acceptances (seq, milestone_id, occurred_at, contract_id, currency, amount)
                SELECT seq, entity_key, occurred_at, d ->> 'contract_id', d ->> 'currency', (d ->> 'amount')::numeric
                FROM signalbox_recorded WHERE type = 'milestone.accepted';

            \(supersession("reconciliation_time_approvals", partition: "time_entry_id", types: "'time.approved'"))
            \(supersession("reconciliation_invoice_postings", partition: "invoice_id", types: "'invoice.posted'"))
            \(supersession("reconciliation_milestone_acceptances", partition: "milestone_id", types: "'milestone.accepted'"))
            \(supersession("reconciliation_contract_terms", partition: "contract_id", within: "contract_id, amendment, version",
                           types: "'contract.approved', 'contract.amended'"))
        END
        $$
        """

    /// Sets `superseded_at` of every row of `table` about the things (`partition`, each thing's statements ordered
    /// `within` it) that the recorded events of `types` name. The things are an array that both sides of the update
    /// read through the table's index by thing, so a batch costs what it names, not what the table holds.
    private static func supersession(_ table: String, partition: String, within: String? = nil, types: String) -> String {
        """
        things := ARRAY(SELECT DISTINCT entity_key FROM signalbox_recorded WHERE type IN (\(types)));
            IF cardinality(things) > 0 THEN
                UPDATE \(table) t SET superseded_at = n.next_at
                FROM (SELECT seq, lead(occurred_at) OVER (PARTITION BY \(within ?? partition) ORDER BY occurred_at, seq) AS next_at
                      FROM \(table) WHERE \(partition) = ANY(things)) AS n
                WHERE t.\(partition) = ANY(things) AND t.seq = n.seq AND t.superseded_at IS DISTINCT FROM n.next_at;
            END IF;
        """
    }

    private static var typeList: String { recordedTypes.map { "'\($0.rawValue)'" }.joined(separator: ", ") }

    /// Records the §10 facts of just-stored events (nothing when none is of a recorded type, so a console action,
    /// which stores only console events, needs no right to these tables).
    func record(_ stored: [LoggedEvent]) async throws {
        let sequences = stored.filter { Self.recordedTypes.contains($0.event.type) }.map(\.sequence)
        guard !sequences.isEmpty else { return }
        try await connection.query("SELECT signalbox_record_reconciliation(\(sequences)::bigint[])", logger: logger)
    }
}
