import SignalboxCore

/// The SQL of an exception-queue query (filters, sort order, keyset position) over the `exceptions` table,
/// shared by every store; only how parameters are written and how text sorts differ per database.
public struct ExceptionQuerySQL: Sendable {
    /// A bound value.
    public enum Parameter: Equatable, Sendable {
        case text(String)
        case integer(Int64)
    }

    /// How a database spells its parameters and sorts text.
    public struct Dialect: Sendable {
        /// The placeholder of the `n`th parameter (1-based): `?1`, `$1`.
        public var placeholder: @Sendable (Int) -> String
        /// Appended to text sort expressions so every store sorts text the same way (byte order).
        public var textCollation: String
        /// A non-negative integer expression as text of 19 digits, zero-padded, so text order is numeric order.
        public var zeroPadded: @Sendable (String) -> String
        /// Whether `LIKE` ignores the case of ASCII letters, and only theirs, by itself (SQLite's does, PostgreSQL's
        /// does not).
        public var likeIgnoresASCIICase: Bool

        public init(placeholder: @escaping @Sendable (Int) -> String, textCollation: String,
                    zeroPadded: @escaping @Sendable (String) -> String, likeIgnoresASCIICase: Bool) {
            self.placeholder = placeholder
            self.textCollation = textCollation
            self.zeroPadded = zeroPadded
            self.likeIgnoresASCIICase = likeIgnoresASCIICase
        }
    }

    /// The columns a page selects, in order; the last one is the row's sort value as text.
    public static let pageColumns = """
        exception_id, kind, severity, summary, subject_system, subject_key, subject_name, correlation_id,
        amount_units, currency, state, state_label, assignee, raised_at, version, last_by, last_at
        """

    /// A condition that narrows a text filter to candidate rows before its `LIKE`s decide (a store's text index).
    public struct TextCandidates: Sendable {
        /// The condition, given the placeholder of its one parameter.
        public var condition: @Sendable (String) -> String
        public var parameter: Parameter

        public init(condition: @escaping @Sendable (String) -> String, parameter: Parameter) {
            self.condition = condition
            self.parameter = parameter
        }
    }

    /// The columns a text filter (``ExceptionQuery/text``) searches.
    public static let textColumns = ["exception_id", "summary", "subject_name", "subject_key", "correlation_id", "kind", "state_label"]

    /// What a text filter's `LIKE` reads of `column`, as an index of it must spell it.
    public static func searchedText(_ column: String) -> String { "lower(coalesce(\(column), ''))" }

    public let query: ExceptionQuery
    public let now: Timestamp
    public let dialect: Dialect
    /// Added to the text filter's condition when set; the rows are the same with or without it.
    public let textCandidates: TextCandidates?

    public init(query: ExceptionQuery, now: Timestamp, dialect: Dialect, textCandidates: TextCandidates? = nil) {
        self.query = query
        self.now = now
        self.dialect = dialect
        self.textCandidates = textCandidates
    }

    /// Whether `key` sorts by a column of its own rather than an expression.
    static func sortsByColumn(_ key: ExceptionSortKey) -> Bool {
        switch key {
        case .age, .kind, .severity, .contract, .state: true
        case .subject, .amount, .assignee: false
        }
    }

    /// The condition of an open exception: the queue's default filter, and the `WHERE` of the indexes that serve it
    /// (``ExceptionQueueIndexes``), which a query must repeat word for word for the database to use them.
    public static let openCondition = openCondition(row: "")

    /// ``openCondition`` of a named row (`new.`, `old.` in a trigger).
    public static func openCondition(row: String) -> String { "\(row)state NOT IN ('resolved', 'dismissed')" }

    /// The sort expression of a key, never NULL so keyset comparisons hold.
    func sortExpression(_ key: ExceptionSortKey) -> (sql: String, isInteger: Bool) {
        Self.sortExpression(key, dialect: dialect)
    }

    /// The sort expression of a key in `dialect`, as the queries order by it and ``ExceptionQueueIndexes`` indexes it.
    static func sortExpression(_ key: ExceptionSortKey, dialect: Dialect) -> (sql: String, isInteger: Bool) {
        let text = dialect.textCollation
        return switch key {
        case .age: ("raised_at", true)
        case .kind: ("kind" + text, false)
        case .severity: ("severity_rank", true)
        case .subject: ("coalesce(subject_name, '')" + text, false)
        case .contract: ("correlation_id" + text, false)
        // By currency, then amount: amounts in different currencies are never compared by number. No amount first.
        case .amount: ("(CASE WHEN amount_units IS NULL THEN '' ELSE coalesce(currency, '') || ' ' || \(dialect.zeroPadded("amount_units")) END)"
                       + text, false)
        case .state: ("state" + text, false)
        case .assignee: ("coalesce(assignee, '')" + text, false)
        }
    }

    /// `WHERE …` conditions and their parameters (without the keyset position).
    public func filters() -> (sql: String, parameters: [Parameter]) {
        var conditions: [String] = []
        var parameters: [Parameter] = []
        func bind(_ parameter: Parameter) -> String {
            parameters.append(parameter)
            return dialect.placeholder(parameters.count)
        }
        func list(_ items: [String]) -> String { items.map { bind(.text($0)) }.joined(separator: ", ") }
        if !query.includeClosed { conditions.append(Self.openCondition) }
        if !query.states.isEmpty { conditions.append("state IN (\(list(query.states.map(\.rawValue).sorted())))") }
        if !query.kinds.isEmpty { conditions.append("kind IN (\(list(query.kinds.map(\.rawValue).sorted())))") }
        if !query.severities.isEmpty {
            conditions.append("severity IN (\(list(query.severities.map(\.rawValue).sorted())))")
        }
        if let assignee = query.assignee { conditions.append("assignee = \(bind(.text(assignee)))") }
        if let subject = query.subject {
            conditions.append("subject_system = \(bind(.text(subject.system))) AND subject_key = \(bind(.text(subject.key)))")
        }
        if let minimumAge = query.minimumAge {
            conditions.append("raised_at <= \(bind(.integer(now.subtracting(minimumAge).microseconds)))")
        }
        if let text = query.text, !text.isEmpty {
            let pattern = "%" + text.lowercased().replacing("\\", with: "\\\\").replacing("%", with: "\\%")
                .replacing("_", with: "\\_") + "%"
            if let textCandidates { conditions.append(textCandidates.condition(bind(textCandidates.parameter))) }
            let placeholder = bind(.text(pattern))
            conditions.append("(" + Self.textColumns.map { "\(Self.searchedText($0)) LIKE \(placeholder) ESCAPE '\\'" }
                .joined(separator: " OR ") + ")")
        }
        return (conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND "), parameters)
    }

    /// The page's SELECT (``pageColumns`` then the sort value as text), ordered by the sort key then the exception id.
    public func page() -> (sql: String, parameters: [Parameter]) {
        var (filter, parameters) = filters()
        func bind(_ parameter: Parameter) -> String {
            parameters.append(parameter)
            return dialect.placeholder(parameters.count)
        }
        let (sort, isInteger) = sortExpression(query.sort)
        let id = "exception_id" + dialect.textCollation
        let direction = query.descending ? "DESC" : "ASC"
        // Close mode ranks money at risk before the cutoff 0, the rest 1, ahead of the sort; the cursor's sort value
        // then carries the rank: `0:<value>`.
        let rank = query.atRiskFirstBefore.map {
            "(CASE WHEN amount_units > 0 AND raised_at < \(bind(.integer($0.microseconds))) THEN 0 ELSE 1 END)"
        }
        let sortValue = rank.map { "CAST(\($0) AS TEXT) || ':' || CAST(\(sort) AS TEXT)" } ?? "CAST(\(sort) AS TEXT)"
        let select = "SELECT \(Self.pageColumns), \(sortValue) AS sort_value FROM exceptions WHERE \(filter)"
        var sql = select
        if let after = query.after, rank == nil, textCandidates == nil, !Self.sortsByColumn(query.sort) {
            // An expression's index seeks to a value, not to a row value: the rows tied with the cursor's value
            // after its id, then the rows past its value, are two seeks that each stop at the page's limit (one
            // seek to the value would read every tie before the cursor's id: 50,000 unassigned rows by assignee).
            // A rare text match reads its few candidates instead (``TextCandidates``), whatever the sort.
            let comparison = query.descending ? "<" : ">"
            let value = bind(.text(after.sortValue))
            let afterID = bind(.text(after.exceptionID))
            let limit = bind(.integer(Int64(max(query.limit, 0))))
            let ties = "\(select) AND \(sort) = \(value) AND \(id) \(comparison) \(afterID) ORDER BY \(id) \(direction) LIMIT \(limit)"
            let past = "\(select) AND \(sort) \(comparison) \(value) ORDER BY \(sort) \(direction), \(id) \(direction) LIMIT \(limit)"
            // Text keys only (every expression key is text): the sort value is the expression's text, ordered as it is.
            let text = dialect.textCollation
            return ("SELECT \(Self.pageColumns), sort_value FROM (SELECT *, 0 AS part FROM (\(ties)) AS ties UNION ALL SELECT *, 1 FROM (\(past)) AS past) AS page "
                    + "ORDER BY part, sort_value\(text) \(direction), exception_id\(text) \(direction) LIMIT \(limit)", parameters)
        }
        if let after = query.after {
            let comparison = query.descending ? "<" : ">"
            var afterValue = after.sortValue
            var rankCondition: (before: String, tie: String)?
            if let rank {
                let parts = after.sortValue.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                afterValue = parts.count == 2 ? String(parts[1]) : ""
                let afterRank = bind(.integer(Int64(parts.first ?? "") ?? 0))
                rankCondition = ("\(rank) > \(afterRank)", "\(rank) = \(afterRank)")
            }
            let value = bind(isInteger ? .integer(Int64(afterValue) ?? 0) : .text(afterValue))
            let afterID = bind(.text(after.exceptionID))
            // `(sort, id) > (v, i)`: an index on a column seeks straight to the row after the cursor's. In close
            // mode an expression's index seeks to the cursor's value and reads past its ties.
            let keyset = Self.sortsByColumn(query.sort) ? "(\(sort), \(id)) \(comparison) (\(value), \(afterID))"
                : "(\(sort) \(comparison)= \(value) AND (\(sort) \(comparison) \(value) OR \(id) \(comparison) \(afterID)))"
            sql += rankCondition.map { " AND (\($0.before) OR (\($0.tie) AND \(keyset)))" } ?? " AND \(keyset)"
        }
        sql += " ORDER BY \(rank.map { "\($0) ASC, " } ?? "")\(sort) \(direction), \(id) \(direction) LIMIT \(bind(.integer(Int64(max(query.limit, 0)))))"
        return (sql, parameters)
    }

    /// `(key, label)` expressions for grouping.
    private static func grouping(_ grouping: ExceptionGrouping) -> (key: String, label: String) {
        switch grouping {
        case .kind: ("kind", "kind")
        case .subject: ("coalesce(subject_system || '/' || subject_key, '')", "coalesce(max(subject_name), '(no subject)')")
        }
    }

    /// Counts per group, largest first.
    public func groups(_ grouping: ExceptionGrouping) -> (sql: String, parameters: [Parameter]) {
        let (filter, parameters) = filters()
        let (key, label) = Self.grouping(grouping)
        return ("SELECT \(key), \(label), count(*) FROM exceptions WHERE \(filter) GROUP BY 1 ORDER BY 3 DESC, \(key)\(dialect.textCollation)",
                parameters)
    }
}
