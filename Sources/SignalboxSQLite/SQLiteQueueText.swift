import SignalboxStore

/// A trigram index of the text the queue's filter (``ExceptionQuery/text``) searches: `exception_text`, an FTS5 table
/// (trigram tokenizer, no content) over ``ExceptionQuerySQL/textColumns`` of every exception, kept up to date by the
/// writing transaction, with `exception_text_ids` giving each exception its FTS row: triggers note the changed rows
/// and the writer indexes them together before it commits (``indexPending(in:)``). A filter that matches few
/// exceptions then reads those few (``candidates(for:in:rareMatches:)``) instead of walking a sort index to its end
/// looking for a page of them. The index only narrows: the shared `LIKE`s still decide, so the rows are the same.
enum SQLiteQueueText {
    /// Below this many matching exceptions a page reads the matches and sorts them; from it on a page walks the sort
    /// index, where matches are common enough to fill a page soon. At 100,000 exceptions both cost about 15–25 ms here.
    static let rareMatches = 2_000

    /// At most this many characters of a filter are looked up (an exception holding the whole text holds them).
    static let maximumCharacters = 32

    /// The filter's last this many characters are looked up first: a phrase costs what its commonest trigrams cost
    /// (`customer 1234` 10.7 ms, `r 1234` 1.0 ms on the 100,000-exception bench store), and the end of what was
    /// typed tends to be its rarest part.
    static let windowCharacters = 6

    private static var columns: String { ExceptionQuerySQL.textColumns.joined(separator: ", ") }

    /// The columns of `row` (`new.`, `old.`, `e.`), in ``ExceptionQuerySQL/textColumns`` order.
    private static func values(_ row: String) -> String {
        ExceptionQuerySQL.textColumns.map { row + $0 }.joined(separator: ", ")
    }

    /// Adds `row`'s text to the index.
    private static func add(_ row: String) -> String {
        """
        INSERT INTO exception_text (rowid, \(columns))
            SELECT text_id, \(values(row)) FROM exception_text_ids WHERE exception_id = \(row)exception_id;
        """
    }

    /// Takes `row`'s text out of the index (a contentless table is told the values it indexed).
    private static func remove(_ row: String) -> String {
        """
        INSERT INTO exception_text (exception_text, rowid, \(columns))
            SELECT 'delete', text_id, \(values(row)) FROM exception_text_ids WHERE exception_id = \(row)exception_id;
        """
    }

    /// Schema 13: the tables, their first fill, and the triggers that wrote the index row by row until schema 19.
    static var schema: String {
        """
        CREATE TABLE exception_text_ids (
            text_id      INTEGER PRIMARY KEY, -- the exception's rowid in exception_text
            exception_id TEXT    NOT NULL UNIQUE
        );
        CREATE VIRTUAL TABLE exception_text USING fts5(\(columns), content='', tokenize='trigram');
        INSERT INTO exception_text_ids (exception_id) SELECT exception_id FROM exceptions;
        INSERT INTO exception_text (rowid, \(columns))
            SELECT i.text_id, \(values("e.")) FROM exceptions e JOIN exception_text_ids i USING (exception_id);
        """ + rowByRowTriggers
    }

    /// Schema 13's triggers: each changed exception's text written into the index as its row changed.
    static var rowByRowTriggers: String {
        """
        CREATE TRIGGER exception_text_insert AFTER INSERT ON exceptions BEGIN
            INSERT INTO exception_text_ids (exception_id) VALUES (new.exception_id);
            \(add("new."))
        END;
        CREATE TRIGGER exception_text_update AFTER UPDATE OF \(columns) ON exceptions WHEN \(textChanged) BEGIN
            \(remove("old."))
            UPDATE exception_text_ids SET exception_id = new.exception_id
                WHERE exception_id = old.exception_id AND old.exception_id IS NOT new.exception_id;
            \(add("new."))
        END;
        CREATE TRIGGER exception_text_delete AFTER DELETE ON exceptions BEGIN
            \(remove("old."))
            DELETE FROM exception_text_ids WHERE exception_id = old.exception_id;
        END;
        """
    }

    /// The condition of an update trigger: a searched column changed.
    private static var textChanged: String {
        ExceptionQuerySQL.textColumns.map { "old.\($0) IS NOT new.\($0)" }.joined(separator: " OR ")
    }

    /// The FTS5 queries an exception must match to contain `text` as the filter compares it (lowercased, `LIKE`, whose
    /// case folding is ASCII's and a subset of the tokenizer's), cheapest first: the lowercased text's last
    /// ``windowCharacters``, then its first ``maximumCharacters``, each one phrase (consecutive trigrams in one
    /// column). None when the text is shorter than a trigram, or holds a NUL.
    static func matches(_ text: String) -> [String] {
        let scalars = Array(text.lowercased().unicodeScalars.prefix(maximumCharacters))
        guard scalars.count >= 3, !scalars.contains("\0") else { return [] }
        func phrase(_ part: ArraySlice<Unicode.Scalar>) -> String {
            "\"" + String(String.UnicodeScalarView(part)).replacing("\"", with: "\"\"") + "\""
        }
        return scalars.count > windowCharacters ? [phrase(scalars.suffix(windowCharacters)), phrase(scalars[...])]
            : [phrase(scalars[...])]
    }

    /// Schema 19: the triggers no longer write the index row by row. They note each changed exception's FTS row in
    /// `exception_text_pending`, with the values the index holds for it (a contentless table must be told them to
    /// forget them), and ``indexPending(in:)`` indexes the noted rows in three statements before the transaction
    /// commits. SQLite 3.40's FTS5 writes its pending terms to disk at each statement savepoint: row by row, every
    /// exception became a segment of its own. (`IF EXISTS`: a store taken back to an earlier version for a test
    /// keeps this version's table and triggers.)
    static var deferredIndexing: String {
        """
            CREATE TABLE IF NOT EXISTS exception_text_pending (
                text_id INTEGER PRIMARY KEY, -- the FTS row to bring up to date
                indexed INTEGER NOT NULL,    -- 1: the index holds the values below for the row; 0: it holds nothing
                \(ExceptionQuerySQL.textColumns.map { "\($0) TEXT" }.joined(separator: ", "))
            );
            DROP TRIGGER IF EXISTS exception_text_insert;
            DROP TRIGGER IF EXISTS exception_text_update;
            DROP TRIGGER IF EXISTS exception_text_delete;
            CREATE TRIGGER exception_text_insert AFTER INSERT ON exceptions BEGIN
                INSERT INTO exception_text_ids (exception_id) VALUES (new.exception_id);
                INSERT INTO exception_text_pending (text_id, indexed)
                    SELECT text_id, 0 FROM exception_text_ids WHERE exception_id = new.exception_id AND \(notNoted);
            END;
            CREATE TRIGGER exception_text_update AFTER UPDATE OF \(columns) ON exceptions WHEN \(textChanged) BEGIN
                \(notePending("old."))
                UPDATE exception_text_ids SET exception_id = new.exception_id
                    WHERE exception_id = old.exception_id AND old.exception_id IS NOT new.exception_id;
            END;
            CREATE TRIGGER exception_text_delete AFTER DELETE ON exceptions BEGIN
                \(notePending("old."))
                DELETE FROM exception_text_ids WHERE exception_id = old.exception_id;
            END;
            """
    }

    /// Notes `row`'s FTS row as changed, with the values the index holds for it, unless it is noted already: the
    /// transaction's first note holds what the index holds.
    private static func notePending(_ row: String) -> String {
        """
        INSERT INTO exception_text_pending (text_id, indexed, \(columns))
                SELECT text_id, 1, \(values(row)) FROM exception_text_ids WHERE exception_id = \(row)exception_id AND \(notNoted);
        """
    }

    /// The FTS row of `exception_text_ids` is not noted yet. (Not `INSERT OR IGNORE`: an upsert that fires the
    /// trigger imposes its own conflict handling on the trigger's statements.)
    private static let notNoted =
        "NOT EXISTS (SELECT 1 FROM exception_text_pending p WHERE p.text_id = exception_text_ids.text_id)"

    private static let forgetPending = """
        INSERT INTO exception_text (exception_text, rowid, \(columns))
            SELECT 'delete', text_id, \(columns) FROM exception_text_pending WHERE indexed = 1 ORDER BY text_id
        """
    private static let addPending = """
        INSERT INTO exception_text (rowid, \(columns))
            SELECT p.text_id, \(values("e.")) FROM exception_text_pending p
            JOIN exception_text_ids i ON i.text_id = p.text_id JOIN exceptions e ON e.exception_id = i.exception_id
            ORDER BY p.text_id
        """

    /// Brings the index up to date with every FTS row noted in `exception_text_pending`: forgets what it held for
    /// them, indexes the exceptions they still belong to, and clears the notes. In row order, since writing a lower
    /// row than the last one makes FTS5 write its pending terms to disk. Every writing transaction calls it before
    /// it commits.
    static func indexPending(in connection: SQLiteConnection) throws(StoreError) {
        try connection.statement(forgetPending).run()
        try connection.statement(addPending).run()
        try connection.statement(constant: "DELETE FROM exception_text_pending").run()
    }

    /// The condition that narrows a page to the exceptions of the FTS rows listed in a JSON array.
    static func condition(placeholder: String) -> String {
        "exception_id IN (SELECT exception_id FROM exception_text_ids WHERE text_id IN (SELECT value FROM json_each(\(placeholder))))"
    }

    /// The index's candidates for `query`'s text filter, the exceptions whose text holds one of its ``matches(_:)``,
    /// the first that finds fewer than `rareMatches`; nil when there is no text filter, it is too short for the
    /// index, it matches so many that walking the sort index finds a page sooner, or the snapshot holds changes not
    /// yet indexed (written by something other than this build's writers). Read it in the page's snapshot.
    static func candidates(for query: ExceptionQuery, in connection: SQLiteConnection,
                           rareMatches: Int = Self.rareMatches) throws(StoreError) -> ExceptionQuerySQL.TextCandidates? {
        let matches = matches(query.text ?? "")
        // Asked only of a filter the index could serve: every page of the queue is read through here.
        guard !matches.isEmpty, try connection.scalar("SELECT EXISTS (SELECT 1 FROM exception_text_pending)") == 0 else {
            return nil
        }
        for match in matches {
            let rows = try connection.statement("SELECT rowid FROM exception_text WHERE exception_text MATCH ?1 LIMIT ?2")
                .bind(.text(match), .integer(Int64(rareMatches))).rows { $0.int64(0) }
            if rows.count < rareMatches {
                return ExceptionQuerySQL.TextCandidates(
                    condition: condition(placeholder:), parameter: .text("[" + rows.map(String.init).joined(separator: ",") + "]"))
            }
        }
        return nil
    }
}
