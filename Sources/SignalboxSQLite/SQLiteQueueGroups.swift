import SignalboxStore

/// The open exceptions counted per kind and per subject (`exception_open_groups`), kept by triggers in the writing
/// transaction, so that grouping the open queue (`g`) reads one row per group instead of counting every open
/// exception. A grouping with any other filter counts with the shared query (``ExceptionQuerySQL/groups(_:)``).
enum SQLiteQueueGroups {
    /// What a grouping counts by, for a row prefix (`new.`, `old.`, or `""` for the table's own columns).
    private struct Columns: Sendable {
        var grouping: ExceptionGrouping
        /// The group's key: ``ExceptionQuerySQL``'s grouping expression.
        var key: @Sendable (String) -> String
        /// 1 when the row has a label (its subject a name).
        var named: @Sendable (String) -> String
        var label: @Sendable (String) -> String
    }

    private static let groupings = [
        Columns(grouping: .kind, key: { "\($0)kind" }, named: { _ in "1" }, label: { "\($0)kind" }),
        Columns(grouping: .subject, key: { "coalesce(\($0)subject_system || '/' || \($0)subject_key, '')" },
                named: { "(\($0)subject_name IS NOT NULL)" }, label: { "coalesce(\($0)subject_name, '')" }),
    ]

    /// Schema 11's table, its triggers and its first fill.
    static var schema: String {
        let watched = "state, kind, subject_system, subject_key, subject_name"
        let fill = groupings.map { columns in
            """
            INSERT INTO exception_open_groups (grouping, group_key, named, label, open_count)
                SELECT '\(columns.grouping.rawValue)', \(columns.key("")), \(columns.named("")), \(columns.label("")), count(*)
                FROM exceptions WHERE \(ExceptionQuerySQL.openCondition) GROUP BY 2, 3, 4;
            """
        }
        return """
            CREATE TABLE exception_open_groups (
                grouping   TEXT    NOT NULL, -- 'kind' or 'subject'
                group_key  TEXT    NOT NULL,
                named      INTEGER NOT NULL, -- 0: the rows counted have no label (no subject name)
                label      TEXT    NOT NULL,
                open_count INTEGER NOT NULL,
                PRIMARY KEY (grouping, group_key, named, label)
            ) WITHOUT ROWID;
            \(fill.joined(separator: "\n"))
            CREATE TRIGGER exception_open_groups_insert AFTER INSERT ON exceptions
                WHEN \(ExceptionQuerySQL.openCondition(row: "new.")) BEGIN \(add("new.")) END;
            CREATE TRIGGER exception_open_groups_update_out AFTER UPDATE OF \(watched) ON exceptions
                WHEN \(ExceptionQuerySQL.openCondition(row: "old.")) BEGIN \(remove("old.")) END;
            CREATE TRIGGER exception_open_groups_update_in AFTER UPDATE OF \(watched) ON exceptions
                WHEN \(ExceptionQuerySQL.openCondition(row: "new.")) BEGIN \(add("new.")) END;
            CREATE TRIGGER exception_open_groups_delete AFTER DELETE ON exceptions
                WHEN \(ExceptionQuerySQL.openCondition(row: "old.")) BEGIN \(remove("old.")) END;
            """
    }

    /// The groups of every open exception, largest first, as ``ExceptionQuerySQL/groups(_:)`` counts them.
    static let query = """
        SELECT group_key, coalesce(max(CASE WHEN named THEN label END), '(no subject)'), sum(open_count)
        FROM exception_open_groups WHERE grouping = ?1 GROUP BY group_key ORDER BY 3 DESC, group_key
        """

    /// Counts `row` in its groups.
    private static func add(_ row: String) -> String {
        groupings.map { columns in
            """
            INSERT INTO exception_open_groups (grouping, group_key, named, label, open_count)
                VALUES ('\(columns.grouping.rawValue)', \(columns.key(row)), \(columns.named(row)), \(columns.label(row)), 1)
                ON CONFLICT DO UPDATE SET open_count = open_count + 1;
            """
        }.joined(separator: "\n")
    }

    /// Takes `row` out of its groups; a group it leaves empty goes.
    private static func remove(_ row: String) -> String {
        groupings.map { columns in
            let same = "grouping = '\(columns.grouping.rawValue)' AND group_key = \(columns.key(row)) AND named = \(columns.named(row)) AND label = \(columns.label(row))"
            return """
                UPDATE exception_open_groups SET open_count = open_count - 1 WHERE \(same);
                DELETE FROM exception_open_groups WHERE \(same) AND open_count = 0;
                """
        }.joined(separator: "\n")
    }
}
