import SignalboxConsole
import SignalboxCore
import SignalboxStore

/// `--csv` on the command line's lists: RFC 4180 with a header record, the same columns as the console's `:export`
/// where the console has the table, amounts exact, text sanitised.
enum CSVOutput {
    /// Writes `table` to standard output as CSV (its records end in CRLF, as RFC 4180 says).
    static func print(_ table: ExportTable) {
        Swift.print(table.csv, terminator: "")
    }

    static func reprocessRequests(_ rows: [ReprocessRequestRow]) -> ExportTable {
        ExportTable(
            columns: ["request_id", "exception_id", "status", "failed_event_id", "requested_by", "requested_at", "approved_by",
                      "approved_at", "completed_at", "outcome"],
            rows: rows.map { row in
                let request = row.request
                return [.text(request.requestID), .text(row.exceptionID), .text(row.status.rawValue), .text(request.failedEventID),
                        .text(request.requested.by), .time(request.requested.at), .text(request.approval?.by), .time(request.approval?.at),
                        .time(request.completion?.at), .text(request.completion?.outcome.rawValue)]
            })
    }

    static func auditTrail(_ trail: [LoggedEvent]) -> ExportTable {
        ExportTable(
            columns: ["sequence", "occurred_at", "source", "type", "event_id", "correlation_id", "description"],
            rows: trail.map { logged in
                let event = logged.event
                return [.integer(logged.sequence), .time(event.occurredAt), .text(event.source.rawValue), .text(event.type.rawValue),
                        .text(event.eventID), .text(event.correlationID), .text(EventSummary.describe(event))]
            })
    }

    static func rejectedLines(_ lines: [RejectedLine]) -> ExportTable {
        ExportTable(
            columns: ["source", "line", "reason", "raw"],
            rows: lines.map { [.text($0.sourceName), .integer(Int64($0.lineNumber)), .text($0.reason), .text($0.rawText)] })
    }
}
