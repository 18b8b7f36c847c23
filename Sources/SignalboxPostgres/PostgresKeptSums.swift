/// Sums that statement triggers keep in step with a table (``PostgresOpenWork``'s unpaid invoices,
/// ``PostgresUnbilledHours``' never-billed time), declared once: the rows of `source` that count, what they are grouped
/// by and what is summed. One trigger function adds what each statement's rows now count and takes off what they
/// counted before, from the statement's transition tables (`added`, `removed`), then drops the sums left at zero; the
/// migration's first fill sums the same expressions over the whole table.
struct PostgresKeptSums: Sendable {
    /// A column of the sums table and the expression over a `source` row that fills it.
    struct Column: Sendable {
        let name: String
        let expression: String
    }

    /// The table that holds the sums.
    let sums: String
    /// The table whose rows are summed.
    let source: String
    /// The trigger function's name.
    let function: String
    /// The sums table's key (its primary key): one row of sums per value.
    let keys: [Column]
    /// The summed columns; the first is the count of rows, whose zero drops a row of sums.
    let values: [Column]
    /// The condition of a `source` row that counts.
    let counts: String

    /// The first fill of the sums from `source` as it stands.
    var fill: String {
        """
        INSERT INTO \(sums) (\(columnList))
            SELECT \((keys.map(\.expression) + values.map { "sum(\($0.expression))" }).joined(separator: ", "))
            FROM \(source) WHERE \(counts) GROUP BY \(keys.indices.map { String($0 + 1) }.joined(separator: ", "))
        """
    }

    /// The trigger function and its three triggers (a trigger with transition tables has one event; `INSERT … ON
    /// CONFLICT DO UPDATE` fires the insert trigger for the rows it inserts and the update trigger for the others).
    var statements: [String] {
        [
            """
            CREATE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    \(addToSums(counted(in: "added", sign: "")))
                ELSIF TG_OP = 'UPDATE' THEN
                    \(addToSums(counted(in: "added", sign: "") + " UNION ALL " + counted(in: "removed", sign: "-")))
                ELSE
                    \(addToSums(counted(in: "removed", sign: "-")))
                END IF;
                DELETE FROM \(sums) WHERE \(values[0].name) = 0;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER \(sums)_insert AFTER INSERT ON \(source) REFERENCING NEW TABLE AS added
                FOR EACH STATEMENT EXECUTE FUNCTION \(function)()
            """,
            """
            CREATE TRIGGER \(sums)_update AFTER UPDATE ON \(source) REFERENCING OLD TABLE AS removed NEW TABLE AS added
                FOR EACH STATEMENT EXECUTE FUNCTION \(function)()
            """,
            """
            CREATE TRIGGER \(sums)_delete AFTER DELETE ON \(source) REFERENCING OLD TABLE AS removed
                FOR EACH STATEMENT EXECUTE FUNCTION \(function)()
            """,
        ]
    }

    private var columnList: String { (keys + values).map(\.name).joined(separator: ", ") }

    /// The counting rows of the transition table `table`, keys then values, the values carrying `sign` (empty or `-`).
    private func counted(in table: String, sign: String) -> String {
        let columns = keys.map(\.expression) + values.map { "\(sign)(\($0.expression))" }
        return "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE \(counts)"
    }

    /// Adds the rows of `deltas` (keys then values) to the sums, a key at a time.
    private func addToSums(_ deltas: String) -> String {
        let keyNames = keys.map(\.name).joined(separator: ", ")
        return """
            INSERT INTO \(sums) AS kept (\(columnList))
                        SELECT \(keyNames), \(values.map { "sum(\($0.name))" }.joined(separator: ", "))
                        FROM (\(deltas)) AS delta (\(columnList)) GROUP BY \(keyNames)
                    ON CONFLICT (\(keyNames)) DO UPDATE
                        SET \(values.map { "\($0.name) = kept.\($0.name) + EXCLUDED.\($0.name)" }.joined(separator: ", "));
            """
    }
}
