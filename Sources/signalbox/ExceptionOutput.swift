import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// How exceptions are printed by the command line: aligned tables, a detail page, and JSON.
enum ExceptionOutput {
    static func table(_ rows: [ExceptionRow], now: Timestamp) -> String {
        guard !rows.isEmpty else { return "no exceptions match" }
        // Fitted to the terminal like the console's queue: the ID whole always, the rest by priority.
        let columns: [DataTable.Column] = [
            .whole("ID", priority: 0), .whole("AGE", priority: 1, alignRight: true), .init("KIND", priority: 2, minimum: 10, natural: 30),
            .init("SEV", priority: 7, minimum: 3, natural: 8), .init("SUBJECT", priority: 5, minimum: 8, natural: 30),
            .init("CONTRACT", priority: 4, minimum: 8, natural: 40), .whole("AT RISK", priority: 3, alignRight: true),
            .init("STATE", priority: 6, minimum: 7, natural: 50), .whole("VER", priority: 8, alignRight: true),
        ]
        let body = rows.map { row in
            [row.exceptionID, HumanDuration.age(now.since(row.raisedAt)), row.kind, row.severity,
             row.subject?.name ?? "—", row.correlationID, SignalFigures.amount(row.amountAtRisk, currency: row.currency),
             row.stateLabel, String(row.version)]
        }
        return TextTable.render(columns: columns, rows: body)
    }

    static func detail(_ record: ExceptionRecord, suggestion: RememberedMapping?, runbook: Runbook?, now: Timestamp) -> String {
        var lines = [
            "\(record.id)  [\(record.severity.rawValue)] \(record.kind.rawValue)",
            "  \(record.summary)",
            "  state:     \(record.state)   (version \(record.version))",
            "  contract:  \(record.correlationID)",
            "  raised:    \(record.raisedAt.rfc3339) (\(HumanDuration.age(now.since(record.raisedAt))) ago)",
        ]
        if let amount = record.amountAtRisk { lines.append("  at risk:   \(record.currency ?? "") \(amount)") }
        if let failed = record.failedEventID { lines.append("  failed event: \(failed)") }
        if let subject = record.subject { lines.append("  subject:   \(subject.system)/\(subject.key) \(subject.name)") }
        for (index, candidate) in record.candidates.enumerated() {
            lines.append("  candidate \(index + 1): \(candidate.record.system)/\(candidate.record.key) \(candidate.record.name) (score \(candidate.score.formatted(minimumFractionDigits: 2)))")
        }
        if let suggestion {
            lines.append("  suggested: \(suggestion.target) (resolved by \(suggestion.resolved.by) for \(suggestion.exceptionID))")
        }
        for request in record.reprocessRequests {
            lines.append("  reprocess \(request.requestID): \(request.status(exceptionClosed: record.isClosed).rawValue) (requested by \(request.requested.by)"
                         + (request.approval.map { ", approved by \($0.by)" } ?? "") + ")")
        }
        if let runbook {
            lines.append("  runbook:   owner \(runbook.owner)" + (runbook.title.isEmpty ? "" : " — \(runbook.title)"))
            lines += runbook.steps.enumerated().map { "    \($0.offset + 1). \($0.element)" }
            lines += runbook.links.map { "    link: \($0)" }
        }
        lines.append("  history:")
        for entry in record.history {
            lines.append("    \(entry.at.rfc3339)  #\(entry.sequence)  \(entry.actor) \(entry.description)")
        }
        return lines.map { TerminalSafeText.sanitize($0) }.joined(separator: "\n")
    }

    static func json(_ row: ExceptionRow) -> JSONValue {
        var object: JSONObject = [
            "exception_id": .string(row.exceptionID), "kind": .string(row.kind), "severity": .string(row.severity),
            "summary": .string(row.summary), "correlation_id": .string(row.correlationID),
            "state": .string(row.state.rawValue), "state_label": .string(row.stateLabel),
            "raised_at": .string(row.raisedAt.rfc3339), "version": .number(String(row.version)),
        ]
        object["assignee"] = row.assignee.map(JSONValue.string) ?? .null
        object["amount_at_risk"] = row.amountAtRisk.map(JSONValue.decimal) ?? .null
        object["currency"] = row.currency.map(JSONValue.string) ?? .null
        object["subject"] = row.subject.map { .object(["system": .string($0.system), "key": .string($0.key), "name": .string($0.name)]) } ?? .null
        return .object(object)
    }

    static func json(_ record: ExceptionRecord, suggestion: RememberedMapping?, runbook: Runbook?) -> JSONValue {
        var object: JSONObject = [
            "exception_id": .string(record.id), "kind": .string(record.kind.rawValue),
            "severity": .string(record.severity.rawValue), "summary": .string(record.summary),
            "correlation_id": .string(record.correlationID), "state": .string(QueueState(record.state).rawValue),
            "state_label": .string(record.state.description), "version": .number(String(record.version)),
            "raised_at": .string(record.raisedAt.rfc3339),
        ]
        object["assignee"] = record.assignee.map(JSONValue.string) ?? .null
        object["amount_at_risk"] = record.amountAtRisk.map(JSONValue.decimal) ?? .null
        object["currency"] = record.currency.map(JSONValue.string) ?? .null
        object["failed_event_id"] = record.failedEventID.map(JSONValue.string) ?? .null
        object["subject"] = record.subject.map { .object(["system": .string($0.system), "key": .string($0.key), "name": .string($0.name)]) } ?? .null
        object["candidates"] = .array(record.candidates.map {
            .object(["system": .string($0.record.system), "key": .string($0.record.key), "name": .string($0.record.name),
                     "score": .decimal($0.score)])
        })
        object["resolution"] = record.resolution.map { resolution in
            var value = JSONObject()
            value["mapping"] = resolution.mapping.map {
                .object(["source_system": .string($0.sourceSystem), "source_key": .string($0.sourceKey),
                         "target_system": .string($0.targetSystem), "target_key": .string($0.targetKey)])
            } ?? .null
            value["note"] = resolution.note.map(JSONValue.string) ?? .null
            return .object(value)
        } ?? .null
        object["suggestion"] = suggestion.map {
            .object(["target_system": .string($0.target.system), "target_key": .string($0.target.key),
                     "resolved_by": .string($0.resolved.by), "exception_id": .string($0.exceptionID)])
        } ?? .null
        object["reprocess_requests"] = .array(record.reprocessRequests.map { json($0, exceptionClosed: record.isClosed) })
        object["runbook"] = runbook.map { runbook in
            .object(["owner": .string(runbook.owner), "title": .string(runbook.title),
                     "steps": .array(runbook.steps.map(JSONValue.string)), "links": .array(runbook.links.map(JSONValue.string))])
        } ?? .null
        object["history"] = .array(record.history.map { entry in
            .object(["sequence": .number(String(entry.sequence)), "event_id": .string(entry.eventID),
                     "actor": .string(entry.actor), "at": .string(entry.at.rfc3339), "description": .string(entry.description)])
        })
        return .object(object)
    }

    /// A reprocess request as `exceptions show --json` prints it.
    static func json(_ request: ReprocessRequest, exceptionClosed: Bool) -> JSONValue {
        .object(fields(request, status: request.status(exceptionClosed: exceptionClosed)))
    }

    /// A `reprocess list --json` line: the request and its exception.
    static func json(_ row: ReprocessRequestRow) -> JSONValue {
        var object = fields(row.request, status: row.status)
        object["exception_id"] = .string(row.exceptionID)
        return .object(object)
    }

    private static func fields(_ request: ReprocessRequest, status: ReprocessRequest.Status) -> JSONObject {
        ["request_id": .string(request.requestID), "status": .string(status.rawValue),
         "requested_by": .string(request.requested.by), "requested_at": .string(request.requested.at.rfc3339),
         "approved_by": request.approval.map { .string($0.by) } ?? .null]
    }
}
