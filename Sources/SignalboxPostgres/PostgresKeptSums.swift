/// Sums that statement triggers keep in step with a table (``PostgresOpenWork``'s unpaid invoices,
/// ``PostgresUnbilledHours``' never-billed time): one trigger function adds what each statement's rows now count and
/// takes off what they counted before, from the statement's transition tables (`added`, `removed`), then drops the
/// sums left at zero.
struct PostgresKeptSums: Sendable {
    /// The table that holds the sums.
    let sums: String
    /// The table whose rows are summed.
    let source: String
    /// The trigger function's name.
    let function: String
    /// A `SELECT` of the rows of the transition table (`added` or `removed`) that count, their values carrying `sign`
    /// (empty or `-`), in the column order `addToSums` expects.
    let counted: @Sendable (_ transitionTable: String, _ sign: String) -> String
    /// An `INSERT … ON CONFLICT` that adds the rows of the given `SELECT` to the sums.
    let addToSums: @Sendable (_ deltas: String) -> String
    /// The condition of a sum that counts nothing any more.
    let empty: String

    /// The trigger function and its three triggers (a trigger with transition tables has one event; `INSERT … ON
    /// CONFLICT DO UPDATE` fires the insert trigger for the rows it inserts and the update trigger for the others).
    var statements: [String] {
        [
            """
            CREATE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    \(addToSums(counted("added", "")))
                ELSIF TG_OP = 'UPDATE' THEN
                    \(addToSums(counted("added", "") + " UNION ALL " + counted("removed", "-")))
                ELSE
                    \(addToSums(counted("removed", "-")))
                END IF;
                DELETE FROM \(sums) WHERE \(empty);
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
}
