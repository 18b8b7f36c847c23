/// Database roles for a shared PostgreSQL store, as a SQL script an administrator runs once per database
/// (after `signalbox migrate`, as the store's owner) with `psql -v ON_ERROR_STOP=1 -f roles.sql`. Re-running it is
/// harmless, and brings an older installation's grants to this script's.
///
/// - `signalbox_viewer`: wall terminals; reads everything, writes nothing.
/// - `signalbox_analyst`: triage; may also record console actions on exceptions (claim, release, resolve,
///   dismiss, note) and request reprocessing: only events with source `CONSOLE` and those types, and only
///   under the login's own name (a trigger of schema 3 refuses any other `by`).
/// - `signalbox_approver`: everything an analyst may do, approve reprocess requests (not its own, unless the
///   store's policy allows self-approval: the same trigger checks) and change the reprocess policy (only with
///   the `reprocess.policy_changed` event that records it: a trigger holds `settings` to the log).
///
/// No role may create anything (migrations are the owner's), change the `actor_names` mapping or the published
/// figures (`published_signals`, written by `signalbox publish` as the owner), or update,
/// delete or truncate `events` and `audit_head` (no privilege, and triggers refuse it).
/// A console action still updates the queue's projections (`exceptions`, `reprocess_requests`,
/// `remembered_mappings`) in its transaction, so analysts hold `UPDATE` on them; triggers of schema 3 hold every
/// such write to the log: an exception's queue columns change only to what the events that transaction logged
/// about it imply (and must, by its commit), what its raise says never changes, and a request's or remembered
/// mapping's row must be the log's (``PostgresQueueProjectionChecks``).
///
/// The roles cannot log in; grant them to login roles: `GRANT signalbox_viewer TO wallboard;`.
/// Row-level security on `events` enforces the event types; the store's owner (who runs migrations and
/// ingests) is not subject to it.
public enum PostgresRoles {
    public static let viewer = "signalbox_viewer"
    public static let analyst = "signalbox_analyst"
    public static let approver = "signalbox_approver"

    /// Console actions an analyst may record.
    public static let analystEventTypes = [
        "exception.claimed", "exception.released", "exception.resolved", "exception.dismissed", "exception.noted",
        "reprocess.requested",
    ]
    /// What an approver may record in addition (and change the reprocess policy kept in `settings`).
    public static let approverEventTypes = ["reprocess.approved", "reprocess.policy_changed"]

    /// The statements of the script, in order.
    public static let statements: [String] = [
        createRole(viewer),
        createRole(analyst),
        createRole(approver),
        "GRANT \(viewer) TO \(analyst)",
        "GRANT \(analyst) TO \(approver)",
        """
        DO $$ BEGIN
            EXECUTE format('GRANT CONNECT ON DATABASE %I TO \(viewer)', current_database());
        END $$
        """,
        "GRANT USAGE ON SCHEMA public TO \(viewer)",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(viewer)",
        "GRANT INSERT ON events TO \(analyst)",
        // Nothing but the owner rewrites the log or the audit head (schema 3's triggers advance the head);
        // revoked explicitly so that re-running the script fixes an installation made by an older one.
        "REVOKE UPDATE, DELETE, TRUNCATE ON events, audit_head FROM \(viewer), \(analyst), \(approver)",
        "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON settings, actor_names, published_signals FROM \(viewer), \(analyst), \(approver)",
        // A console action locks the exception, seals its events into the chain and refreshes the queue,
        // reprocess requests and mapping memory in the same transaction.
        "GRANT UPDATE ON exceptions TO \(analyst)",
        "GRANT INSERT, UPDATE ON reprocess_requests, remembered_mappings TO \(analyst)",
        "GRANT INSERT, DELETE ON settings TO \(approver)",
        "ALTER TABLE events ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS signalbox_read ON events",
        "CREATE POLICY signalbox_read ON events FOR SELECT TO \(viewer) USING (true)",
        "DROP POLICY IF EXISTS signalbox_analyst_actions ON events",
        """
        CREATE POLICY signalbox_analyst_actions ON events FOR INSERT TO \(analyst)
            WITH CHECK (source = 'CONSOLE' AND type IN (\(sqlList(analystEventTypes))))
        """,
        "DROP POLICY IF EXISTS signalbox_approver_actions ON events",
        """
        CREATE POLICY signalbox_approver_actions ON events FOR INSERT TO \(approver)
            WITH CHECK (source = 'CONSOLE' AND type IN (\(sqlList(approverEventTypes))))
        """,
    ]

    /// The whole script, ready for `psql`.
    public static var script: String {
        "-- Signalbox roles: viewer, analyst, approver.\n" + statements.map { $0 + ";\n" }.joined()
    }

    private static func createRole(_ name: String) -> String {
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(name)') THEN
                CREATE ROLE \(name) NOLOGIN;
            END IF;
        END $$
        """
    }

    private static func sqlList(_ values: [String]) -> String {
        values.map { "'\($0)'" }.joined(separator: ", ")
    }
}
