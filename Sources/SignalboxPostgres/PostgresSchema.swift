import SignalboxCore
import SignalboxStore

/// The PostgreSQL schema as ordered, versioned migrations; `schema_version` records which have run.
///
/// Tables mirror the SQLite store's: an append-only `events` log (times as integer microseconds UTC, money as
/// integer units of `ExactDecimal`), the projections maintained in the ingest transaction, and `rejected_lines`.
/// A statement-level trigger NOTIFYs ``changeChannel`` after every insert that stored a row, which drives `changeToken()`.
enum PostgresSchema {
    /// The channel every committed write notifies.
    static let changeChannel = "signalbox_changes"

    /// One schema version: its statements run in order, in the migration's transaction.
    struct Migration: Sendable {
        var version: Int
        var statements: [String]
    }

    /// The schema version this build writes.
    static var currentVersion: Int { migrations.last?.version ?? 0 }

    static let createVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    integer     PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    static let migrations: [Migration] = [
        Migration(version: 1, statements: [
            """
            CREATE TABLE events (
                seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                event_id       text   NOT NULL UNIQUE,
                type           text   NOT NULL,
                occurred_at    bigint NOT NULL,
                source         text   NOT NULL,
                correlation_id text   NOT NULL,
                entity_key     text   NOT NULL,
                payload        text   NOT NULL,
                ingested_at    bigint NOT NULL
            )
            """,
            "CREATE INDEX events_by_type_time ON events (type, occurred_at)",
            "CREATE INDEX events_by_type_entity ON events (type, entity_key, occurred_at)",
            "CREATE INDEX events_by_correlation ON events (correlation_id, occurred_at, seq)",
            """
            CREATE TABLE rejected_lines (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                source_name text   NOT NULL,
                line_number bigint NOT NULL,
                raw_text    text   NOT NULL,
                reason      text   NOT NULL,
                rejected_at bigint NOT NULL,
                UNIQUE (source_name, line_number, raw_text)
            )
            """,
            """
            CREATE TABLE contracts (
                contract_id           text PRIMARY KEY,
                customer_name         text NOT NULL DEFAULT '',
                approved_at           bigint,
                provisioned_at        bigint,
                billing_at            bigint,
                activated_at          bigint GENERATED ALWAYS AS (
                    CASE WHEN provisioned_at IS NOT NULL AND billing_at IS NOT NULL
                         THEN greatest(provisioned_at, billing_at) END) STORED,
                first_provisioning_at bigint,
                first_provisioning_ok boolean
            )
            """,
            "CREATE INDEX contracts_by_activation ON contracts (activated_at, approved_at)",
            "CREATE INDEX contracts_by_approval ON contracts (approved_at, activated_at)",
            "CREATE INDEX contracts_by_first_provisioning ON contracts (first_provisioning_at, first_provisioning_ok)",
            """
            CREATE TABLE time_entries (
                time_entry_id text   PRIMARY KEY,
                contract_id   text   NOT NULL,
                resource      text   NOT NULL,
                approved_at   bigint NOT NULL,
                hours_units   bigint NOT NULL,
                amount_units  bigint NOT NULL,
                currency      text   NOT NULL,
                billed_at     bigint
            )
            """,
            "CREATE INDEX time_entries_unbilled ON time_entries (billed_at, approved_at, currency)",
            """
            CREATE TABLE invoiced_time_entries (
                time_entry_id   text   PRIMARY KEY,
                first_billed_at bigint NOT NULL
            )
            """,
            """
            CREATE TABLE exceptions (
                exception_id   text   PRIMARY KEY,
                correlation_id text   NOT NULL,
                summary        text   NOT NULL,
                raised_at      bigint NOT NULL,
                kind           text   NOT NULL,
                severity       text   NOT NULL,
                kind_at        bigint NOT NULL,
                closed_at      bigint
            )
            """,
            "CREATE INDEX exceptions_by_raise ON exceptions (raised_at, closed_at, kind)",
            "CREATE INDEX exceptions_by_close ON exceptions (closed_at, raised_at)",
            """
            CREATE FUNCTION signalbox_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM inserted) THEN
                    PERFORM pg_notify('\(changeChannel)', TG_TABLE_NAME);
                END IF;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER events_notify AFTER INSERT ON events REFERENCING NEW TABLE AS inserted
                FOR EACH STATEMENT EXECUTE FUNCTION signalbox_notify_change()
            """,
            """
            CREATE TRIGGER rejected_lines_notify AFTER INSERT ON rejected_lines REFERENCING NEW TABLE AS inserted
                FOR EACH STATEMENT EXECUTE FUNCTION signalbox_notify_change()
            """,
        ]),
        // The exception queue, reprocess requests, mapping memory, the audit chain's head and shared settings.
        Migration(version: 2, statements: [
            """
            ALTER TABLE exceptions
                ADD COLUMN severity_rank  integer NOT NULL DEFAULT 0,
                ADD COLUMN subject_system text,
                ADD COLUMN subject_key    text,
                ADD COLUMN subject_name   text,
                ADD COLUMN amount_units   bigint,
                ADD COLUMN currency       text,
                ADD COLUMN state          text    NOT NULL DEFAULT 'open',
                ADD COLUMN state_label    text    NOT NULL DEFAULT 'open',
                ADD COLUMN assignee       text,
                ADD COLUMN version        bigint  NOT NULL DEFAULT 0,
                ADD COLUMN last_by        text,
                ADD COLUMN last_at        bigint
            """,
            "CREATE INDEX exceptions_by_state ON exceptions (state, raised_at)",
            "CREATE INDEX exceptions_by_subject ON exceptions (subject_system, subject_key, state)",
            "CREATE INDEX events_by_source ON events (source, seq)",
            """
            CREATE TABLE reprocess_requests (
                request_id      text   PRIMARY KEY,
                exception_id    text   NOT NULL,
                failed_event_id text,
                requested_by    text   NOT NULL,
                requested_at    bigint NOT NULL,
                approved_by     text,
                approved_at     bigint,
                outcome         text,
                message         text,
                completed_at    bigint
            )
            """,
            """
            CREATE TABLE remembered_mappings (
                source_system text   NOT NULL,
                source_key    text   NOT NULL,
                target_system text   NOT NULL,
                target_key    text   NOT NULL,
                resolved_by   text   NOT NULL,
                resolved_at   bigint NOT NULL,
                exception_id  text   NOT NULL,
                seq           bigint NOT NULL,
                PRIMARY KEY (source_system, source_key)
            )
            """,
            // One row from the start, so writers can always lock it (`FOR UPDATE`) before sealing.
            """
            CREATE TABLE audit_head (
                id   integer PRIMARY KEY CHECK (id = 1),
                hash text    NOT NULL,
                seq  bigint  NOT NULL
            )
            """,
            "INSERT INTO audit_head (id, hash, seq) VALUES (1, '\(AuditChain.genesisHash)', 0)",
            """
            CREATE TABLE settings (
                key   text PRIMARY KEY,
                value text NOT NULL
            )
            """,
            """
            CREATE TRIGGER settings_notify AFTER INSERT ON settings REFERENCING NEW TABLE AS inserted
                FOR EACH STATEMENT EXECUTE FUNCTION signalbox_notify_change()
            """,
        ]),
        // The actor is the login, enforced in the server; the log and the audit head are append-only.
        Migration(version: 3, statements: trustBoundary),
        // Signals v2: each posted invoice's settlement (``PostgresInvoiceProjection``, filled from the log by the
        // migration), and the log by time for throughput.
        Migration(version: 4, statements: [
            """
            CREATE TABLE invoices (
                invoice_id        text   PRIMARY KEY,
                posted_at         bigint NOT NULL,
                latest_posting_at bigint NOT NULL,
                currency          text   NOT NULL,
                total_units       bigint NOT NULL,
                paid_at           bigint,
                paid_units        bigint NOT NULL,
                last_payment_at   bigint
            )
            """,
            "CREATE INDEX invoices_by_payment ON invoices (paid_at, posted_at)",
            "CREATE INDEX invoices_by_latest_posting ON invoices (latest_posting_at)",
            "CREATE INDEX invoices_by_last_payment ON invoices (last_payment_at)",
            "CREATE INDEX events_by_time ON events (occurred_at) INCLUDE (source)",
            grantViewerSelect(on: ["invoices"]),
        ]),
        // The queue's projections follow the log, column by column, for every login but the owner.
        Migration(version: 5, statements: PostgresQueueProjectionChecks.statements),
        // A page of open exceptions in any sort order, from any keyset position, is an index walk that stops at the
        // page's limit (``ExceptionQueueIndexes``).
        Migration(version: 6, statements: ExceptionQueueIndexes.statements(PostgresExceptionQueries.dialect)),
        // A text filter that matches few exceptions reads them through trigram indexes of the columns it searches
        // (``PostgresQueueText``) instead of walking a sort index or reading every exception.
        Migration(version: 7, statements: [PostgresQueueText.statement]),
        // Figures a publisher computes once for every console (``PostgresPublication``).
        Migration(version: 8, statements: PostgresPublication.statements),
        // §10's facts typed at ingest (``PostgresReconciliationProjection``), filled from the log by the migration.
        Migration(version: PostgresReconciliationProjection.version, statements: PostgresReconciliationProjection.statements),
        // The recording function's statements planned as the index probes they are.
        Migration(version: PostgresReconciliationProjection.probeCostVersion,
                  statements: PostgresReconciliationProjection.probeCostStatements),
        // The backlog and the amount outstanding read the open work and what changed after T (``PostgresOpenWork``).
        Migration(version: PostgresOpenWork.version, statements: PostgresOpenWork.statements),
        // Unbilled time reads hourly sums of never-billed time (``PostgresUnbilledHours``).
        Migration(version: PostgresUnbilledHours.version, statements: PostgresUnbilledHours.statements),
    ]

    /// The schema version that added `invoices`, which its migration fills from the log.
    static let invoicesVersion = 4

    /// Grants `signalbox_viewer` reading `tables`, when an installation's roles exist already (a migration that runs
    /// before `roles.sql` leaves it to the script's grant on every table).
    static func grantViewerSelect(on tables: [String]) -> String {
        """
        DO $$ BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = '\(PostgresRoles.viewer)') THEN
                GRANT SELECT ON \(tables.joined(separator: ", ")) TO \(PostgresRoles.viewer);
            END IF;
        END $$
        """
    }
}
