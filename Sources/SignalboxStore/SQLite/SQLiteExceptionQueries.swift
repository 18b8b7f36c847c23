import SignalboxCore

/// Builds the SQL of an exception-queue query: filters, sort order and keyset position.
struct SQLiteExceptionQueries {
    let query: ExceptionQuery
    let now: Timestamp

    /// The sort expression of a key, never NULL so keyset comparisons hold.
    static func sortExpression(_ key: ExceptionSortKey) -> (sql: String, isInteger: Bool) {
        switch key {
        case .age: ("raised_at", true)
        case .kind: ("kind", false)
        case .severity: ("severity_rank", true)
        case .subject: ("coalesce(subject_name, '')", false)
        case .contract: ("correlation_id", false)
        case .amount: ("coalesce(amount_units, -1)", true)
        case .state: ("state", false)
        case .assignee: ("coalesce(assignee, '')", false)
        }
    }

    /// `WHERE …` conditions and their bindings (without the keyset position).
    func filters() -> (sql: String, values: [SQLiteValue]) {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        func placeholders(_ items: [String]) -> String {
            values += items.map(SQLiteValue.text)
            return Array(repeating: "?", count: items.count).joined(separator: ", ")
        }
        if !query.includeClosed { conditions.append("state NOT IN ('resolved', 'dismissed')") }
        if !query.states.isEmpty { conditions.append("state IN (\(placeholders(query.states.map(\.rawValue).sorted())))") }
        if !query.kinds.isEmpty { conditions.append("kind IN (\(placeholders(query.kinds.map(\.rawValue).sorted())))") }
        if !query.severities.isEmpty {
            conditions.append("severity IN (\(placeholders(query.severities.map(\.rawValue).sorted())))")
        }
        if let assignee = query.assignee {
            conditions.append("assignee = ?")
            values.append(.text(assignee))
        }
        if let subject = query.subject {
            conditions.append("subject_system = ? AND subject_key = ?")
            values += [.text(subject.system), .text(subject.key)]
        }
        if let minimumAge = query.minimumAge {
            conditions.append("raised_at <= ?")
            values.append(.integer(now.subtracting(minimumAge).microseconds))
        }
        if let text = query.text, !text.isEmpty {
            let pattern = "%" + text.lowercased().replacing("\\", with: "\\\\").replacing("%", with: "\\%")
                .replacing("_", with: "\\_") + "%"
            let columns = ["exception_id", "summary", "subject_name", "subject_key", "correlation_id", "kind", "state_label"]
            conditions.append("(" + columns.map { "lower(coalesce(\($0), '')) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")")
            values += Array(repeating: .text(pattern), count: columns.count)
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), values)
    }

    /// The page's SELECT, ordered by the sort key then the exception id.
    func page() -> (sql: String, values: [SQLiteValue]) {
        let (filter, values) = filters()
        let (sort, isInteger) = Self.sortExpression(query.sort)
        let direction = query.descending ? "DESC" : "ASC"
        var sql = """
            SELECT exception_id, kind, severity, summary, subject_system, subject_key, subject_name, correlation_id,
                   amount_units, currency, state, state_label, assignee, raised_at, version, last_by, last_at, \(sort)
            FROM exceptions WHERE \(filter)
            """
        var bindings = values
        if let after = query.after {
            let comparison = query.descending ? "<" : ">"
            sql += " AND (\(sort) \(comparison) ? OR (\(sort) = ? AND exception_id \(comparison) ?))"
            let value: SQLiteValue = isInteger ? .integer(Int64(after.sortValue) ?? 0) : .text(after.sortValue)
            bindings += [value, value, .text(after.exceptionID)]
        }
        sql += " ORDER BY \(sort) \(direction), exception_id \(direction) LIMIT ?"
        bindings.append(.integer(Int64(max(query.limit, 0))))
        return (sql, bindings)
    }

    static func row(_ row: SQLiteStatement) -> ExceptionRow {
        let subject = row.isNull(5) ? nil
            : SystemRecord(system: row.text(4), key: row.text(5), name: row.text(6))
        return ExceptionRow(
            exceptionID: row.text(0), kind: row.text(1), severity: row.text(2), summary: row.text(3), subject: subject,
            correlationID: row.text(7), amountAtRisk: row.optionalInt64(8).map(ExactDecimal.init(units:)),
            currency: row.isNull(9) ? nil : row.text(9), state: QueueState(rawValue: row.text(10)) ?? .open,
            stateLabel: row.text(11), assignee: row.isNull(12) ? nil : row.text(12),
            raisedAt: Timestamp(microseconds: row.int64(13)), version: row.int64(14),
            lastChange: row.isNull(15) ? nil : ActorStamp(by: row.text(15), at: Timestamp(microseconds: row.int64(16))),
            cursor: ExceptionCursor(sortValue: row.text(17), exceptionID: row.text(0))
        )
    }
}
