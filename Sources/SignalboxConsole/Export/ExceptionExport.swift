import SignalboxCore
import SignalboxStore

/// The exception queue as exported by `:export` on the queue and `signalbox exceptions list --csv`: the same
/// columns everywhere, amounts exact with their currency in a column of its own.
public enum ExceptionExport {
    public static let columns = [
        "exception_id", "kind", "severity", "state", "state_label", "raised_at", "subject_system", "subject_key", "subject_name",
        "correlation_id", "amount_at_risk", "currency", "assignee", "version", "last_change_by", "last_change_at", "summary",
    ]

    public static func table(_ rows: [ExceptionRow]) -> ExportTable {
        ExportTable(columns: columns, rows: rows.map { row in
            [.text(row.exceptionID), .text(row.kind), .text(row.severity), .text(row.state.rawValue), .text(row.stateLabel),
             .time(row.raisedAt), .text(row.subject?.system), .text(row.subject?.key), .text(row.subject?.name),
             .text(row.correlationID), .decimal(row.amountAtRisk), .text(row.currency), .text(row.assignee), .integer(row.version),
             .text(row.lastChange?.by), .time(row.lastChange?.at), .text(row.summary)]
        })
    }

    /// The grouped queue: one row per kind or subject with its count.
    public static func table(_ groups: [ExceptionGroup]) -> ExportTable {
        ExportTable(columns: ["group", "label", "count"], rows: groups.map { [.text($0.key), .text($0.label), .integer(Int64($0.count))] })
    }
}

extension ExceptionQueueStore {
    /// Every row `query` matches, in its order, read page after page (`query.limit` rows at a time) from its start.
    public func allExceptionRows(_ query: ExceptionQuery, now: Timestamp) async throws(StoreError) -> [ExceptionRow] {
        var page = query
        page.after = nil
        page.limit = max(page.limit, 1)
        var rows: [ExceptionRow] = []
        while true {
            let found = try await exceptionRows(page, now: now)
            rows += found
            guard found.count == page.limit, let last = found.last else { return rows }
            page.after = last.cursor
        }
    }
}
