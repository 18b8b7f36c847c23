import SignalboxStore

/// Trigram indexes (pg_trgm's GIN operator class) of the text the queue's filter searches: one per column of
/// ``ExceptionQuerySQL/textColumns``, on the expression the filter's `LIKE` reads (``ExceptionQuerySQL/searchedText(_:)``),
/// so that the planner reads a rare match's few rows through them (a bitmap of each column's matches) instead of
/// walking a sort index or reading the table, and still walks the sort index for a common one. The query is the same.
enum PostgresQueueText {
    /// The index of `column`'s searched text.
    static func indexName(_ column: String) -> String { "exceptions_text_\(column)" }

    /// Schema 7: the extension and the indexes where the server offers pg_trgm and the owner may create it; a warning
    /// and nothing else where not (the filter gives the same rows without them, only slower).
    static var statement: String {
        let indexes = ExceptionQuerySQL.textColumns.map { column in
            "CREATE INDEX \(indexName(column)) ON exceptions USING gin ((\(ExceptionQuerySQL.searchedText(column))) gin_trgm_ops);"
        }
        return """
            DO $$ BEGIN
                IF EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
                    CREATE EXTENSION IF NOT EXISTS pg_trgm;
                    \(indexes.joined(separator: "\n            "))
                ELSE
                    RAISE WARNING 'pg_trgm is not installed: the exception queue''s text filter reads every exception';
                END IF;
            EXCEPTION WHEN insufficient_privilege THEN
                RAISE WARNING 'pg_trgm not created (%): the exception queue''s text filter reads every exception', SQLERRM;
            END $$
            """
    }
}
