import SignalboxCore
import SignalboxStore

/// The correlation trace: every event of one correlation id, time-ordered across systems, failures highlighted.
///
/// The detail names the event in words with its identifiers (``EventSummary``), so on a narrow terminal it keeps
/// the room and the type column goes first. The time is shown to the second, as a clock shows it (the rows keep their
/// exact order, and the export the exact instant): a fraction (`.373Z`) widened the column by four and, at 80
/// columns, cut the amount at the end of an invoice's or a payment's detail.
public enum TraceTable {
    /// Every event of `correlationID`. Events after `asOf` (the instant the console's figures are as of) stay in
    /// the trace, since it is the log, but are muted and counted in the title: a reviewer at a fixed as-of must
    /// not take a later posting for one the figures include.
    public static func make(correlationID: String, events: [StoredEvent], asOf: Timestamp? = nil) -> DataTable {
        let isAfterAsOf = { (event: CanonicalEvent) in asOf.map { event.occurredAt > $0 } ?? false }
        let later = events.count(where: { isAfterAsOf($0.event) })
        return DataTable(
            title: "Trace \(correlationID): \(events.count) events" + (later > 0 ? " (\(later) after the as-of)" : "")
                + " across \(Set(events.map(\.event.source)).count) systems",
            columns: [.whole("OCCURRED", priority: 0), .init("SOURCE", priority: 1, minimum: 3, natural: 10),
                      .init("TYPE", priority: 3, minimum: 10, natural: 30), .init("DETAIL", priority: 2, minimum: 10, natural: 80)],
            rows: events.map { stored in
                let event = stored.event
                let detail = EventSummary.describe(event)
                return DataTable.Row(
                    cells: [SignalFigures.instant(event.occurredAt), event.source.rawValue, event.type.rawValue, detail],
                    sortKeys: [.number(event.occurredAt.microseconds), .text(event.source.rawValue), .text(event.type.rawValue), .text(detail)],
                    emphasis: isAfterAsOf(event) ? .muted : EventSummary.isFailure(event) ? .breach : .normal,
                    key: event.eventID,
                    export: [.time(event.occurredAt), .text(event.source.rawValue), .text(event.type.rawValue), .text(event.eventID), .text(detail)])
            },
            emptyMessage: "no events with correlation id \(correlationID)",
            exportColumns: ["occurred_at", "source", "type", "event_id", "detail"])
    }
}
