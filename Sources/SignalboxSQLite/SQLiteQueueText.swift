import SignalboxStore

/// A trigram index of the text the queue's filter (``ExceptionQuery/text``) searches: `exception_text`, an FTS5 table
/// (trigram tokenizer, no content) over ``ExceptionQuerySQL/textColumns`` of every exception, kept by triggers in the
/// writing transaction, with `exception_text_ids` giving each exception its FTS row. A filter that matches few
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

    /// The schema version's tables, their first fill and the triggers that keep them.
    static var schema: String {
        let changed = ExceptionQuerySQL.textColumns.map { "old.\($0) IS NOT new.\($0)" }.joined(separator: " OR ")
        return """
            CREATE TABLE exception_text_ids (
                text_id      INTEGER PRIMARY KEY, -- the exception's rowid in exception_text
                exception_id TEXT    NOT NULL UNIQUE
            );
            CREATE VIRTUAL TABLE exception_text USING fts5(\(columns), content='', tokenize='trigram');
            INSERT INTO exception_text_ids (exception_id) SELECT exception_id FROM exceptions;
            INSERT INTO exception_text (rowid, \(columns))
                SELECT i.text_id, \(values("e.")) FROM exceptions e JOIN exception_text_ids i USING (exception_id);
            CREATE TRIGGER exception_text_insert AFTER INSERT ON exceptions BEGIN
                INSERT INTO exception_text_ids (exception_id) VALUES (new.exception_id);
                \(add("new."))
            END;
            CREATE TRIGGER exception_text_update AFTER UPDATE OF \(columns) ON exceptions WHEN \(changed) BEGIN
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

    /// The condition that narrows a page to the exceptions of the FTS rows listed in a JSON array.
    static func condition(placeholder: String) -> String {
        "exception_id IN (SELECT exception_id FROM exception_text_ids WHERE text_id IN (SELECT value FROM json_each(\(placeholder))))"
    }

    /// The index's candidates for `query`'s text filter, the exceptions whose text holds one of its ``matches(_:)``,
    /// the first that finds fewer than `rareMatches`; nil when there is no text filter, it is too short for the
    /// index, or it matches so many that walking the sort index finds a page sooner. Read it in the page's snapshot.
    static func candidates(for query: ExceptionQuery, in connection: SQLiteConnection,
                           rareMatches: Int = Self.rareMatches) throws(StoreError) -> ExceptionQuerySQL.TextCandidates? {
        for match in matches(query.text ?? "") {
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
