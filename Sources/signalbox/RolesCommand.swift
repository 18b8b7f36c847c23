import ArgumentParser
import SignalboxPostgres

/// `signalbox roles`: print the SQL that creates the PostgreSQL roles (viewer, analyst, approver).
struct RolesCommand: ParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "roles",
        abstract: "Print the SQL creating the PostgreSQL roles signalbox_viewer, signalbox_analyst and signalbox_approver.",
        discussion: """
            Run it once per database as its owner, after `signalbox migrate`:
              signalbox roles | psql -v ON_ERROR_STOP=1 "$DATABASE_URL"
            Then grant a role to each login role, e.g. GRANT signalbox_viewer TO wallboard;
            Actions are recorded under the login's name (the server refuses any other); to show another name, \
            map it as the owner: INSERT INTO actor_names VALUES ('ana', 'Ana Lyst');
            Only the owner migrates, ingests, changes the reprocess policy or rewrites the log.
            """
    )

    func run() {
        print(PostgresRoles.script, terminator: "")
    }
}
