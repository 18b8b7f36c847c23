import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// One exception: summary, subject, numbered candidates, the remembered mapping, amount, failed event, notes and history.
enum ExceptionDetailView {
    static func draw(_ detail: ExceptionDetailScreen, now: Timestamp, into buffer: inout Buffer, area: Rect, theme: Theme) {
        guard let record = detail.record else {
            let text = detail.error.map { "cannot load \(detail.exceptionID): \($0) (r retries, Esc goes back)" } ?? "loading \(detail.exceptionID)…"
            buffer.put(" " + text, x: area.x, y: area.y, style: theme.style(for: detail.error == nil ? .dim : .breach), maxWidth: area.width)
            return
        }
        let lines = self.lines(record, suggestion: detail.suggestion, runbook: detail.runbook, now: now).flatMap { line in
            // Continuation lines start under the value, after a field name or a history line's time and actor.
            TextWrap.wrap(line, width: area.width - 1, hangingIndent: line.count > 1 ? TerminalText.width(line[0].text) : 2)
        }
        let scroll = min(detail.scroll, max(0, lines.count - area.height))
        for (offset, line) in lines.dropFirst(scroll).prefix(area.height).enumerated() {
            buffer.putSegments(line, x: area.x + 1, y: area.y + offset, maxWidth: area.width - 1, theme: theme)
        }
    }

    static func lines(_ record: ExceptionRecord, suggestion: RememberedMapping?, runbook: Result<Runbook, RunbookError>? = nil,
                      now: Timestamp) -> [[TextSegment]] {
        var lines: [[TextSegment]] = []
        let stateRole: ThemeRole = record.isClosed ? .ok : record.severity >= .high ? .breach : .warn
        lines.append([TextSegment(record.id, .accent), TextSegment("  \(record.kind.rawValue) · \(record.severity.rawValue) · ", .text),
                      TextSegment(stateText(record, now: now), stateRole)])
        lines.append([TextSegment(record.summary)])
        lines.append(field("Subject", record.subject.map { "\($0.system)/\($0.key)  \($0.name)" } ?? "—"))
        lines.append(field("Contract", "\(record.correlationID)   raised \(ago(record.raisedAt, now)) · version \(record.version)"))
        let amount = SignalFigures.amount(record.amountAtRisk, currency: record.currency)
        lines.append(field("At risk", "\(amount)   failed event \(record.failedEventID ?? "—")"))
        lines.append(field("Assignee", record.claim.map { "\($0.by) since \(ago($0.at, now))" } ?? "—"))
        if let resolution = record.resolution, let mapping = resolution.mapping {
            lines.append(field("Mapped", "\(mapping.sourceSystem)/\(mapping.sourceKey) → \(mapping.targetSystem)/\(mapping.targetKey)"))
        }
        if !record.candidates.isEmpty {
            lines.append([TextSegment("Candidates", .accent), TextSegment(record.isClosed ? "" : "  (1–\(min(9, record.candidates.count)) resolves)", .dim)])
            for (index, candidate) in record.candidates.enumerated() {
                lines.append([TextSegment("  \(index + 1)  ", .accent),
                              TextSegment("\(candidate.record.system)/\(candidate.record.key)  \(candidate.record.name)  "),
                              TextSegment("score \(candidate.score)", .dim)])
            }
        }
        lines.append(field("Remembered", suggestion.map {
            "\($0.target) (resolved by \($0.resolved.by) \(ago($0.resolved.at, now)) on \($0.exceptionID))"
        } ?? "no remembered mapping for this subject"))
        for request in record.reprocessRequests where request.isOutstanding {
            let status = request.approval.map { "approved by \($0.by), replaying" } ?? "awaiting approval (A approves)"
            lines.append(field("Reprocess", "\(request.requestID) requested by \(request.requested.by) \(ago(request.requested.at, now)): \(status)"))
        }
        lines += runbookLines(runbook)
        if !record.notes.isEmpty {
            lines.append([TextSegment("Notes", .accent)])
            lines += record.notes.map { [TextSegment("  \($0.by) \(ago($0.at, now)): ", .dim), TextSegment($0.text)] }
        }
        lines.append([TextSegment("History", .accent)])
        lines += record.history.map { [TextSegment("  \(ago($0.at, now).paddedToColumns(12))\($0.actor.paddedToColumns(11))", .dim), TextSegment($0.description)] }
        return lines
    }

    /// The kind's runbook: owner and title, numbered steps, links; or the `file: line: reason` of a broken file.
    static func runbookLines(_ runbook: Result<Runbook, RunbookError>?) -> [[TextSegment]] {
        switch runbook {
        case nil: return []
        case .failure(let problem)?: return [[TextSegment("Runbook".paddedToColumns(11), .dim), TextSegment(problem.description, .breach)]]
        case .success(let runbook)?:
            var lines = [[TextSegment("Runbook", .accent), TextSegment("  owner: \(runbook.owner)", .text)]]
            if !runbook.title.isEmpty { lines.append([TextSegment("  " + runbook.title, .dim)]) }
            lines += runbook.steps.enumerated().map { [TextSegment("  \($0.offset + 1). ", .accent), TextSegment($0.element)] }
            lines += runbook.links.map { [TextSegment("  link: ", .dim), TextSegment($0)] }
            return lines
        }
    }

    /// `claimed by alice 12m ago`, `resolved by bob 2h ago`.
    static func stateText(_ record: ExceptionRecord, now: Timestamp) -> String {
        switch record.state {
        case .open: "open"
        case .claimed(_, let since), .reprocessPendingApproval(_, _, let since), .reprocessing(_, _, let since):
            "\(record.state) \(ago(since, now))"
        case .resolved(_, let at), .dismissed(_, _, let at): "\(record.state) \(ago(at, now))"
        }
    }

    private static func ago(_ at: Timestamp, _ now: Timestamp) -> String { HumanDuration.age(now.since(at)) + " ago" }

    private static func field(_ name: String, _ value: String) -> [TextSegment] {
        [TextSegment(name.paddedToColumns(11), .dim), TextSegment(value)]
    }
}
