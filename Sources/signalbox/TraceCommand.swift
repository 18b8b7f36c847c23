import ArgumentParser
import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// `signalbox trace`: every event of one contract across all systems, in time order.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "trace",
        abstract: "Show the correlation trace of one contract (or any correlation id) across systems.",
        discussion: "Failures are marked with `!`; a gap of more than a day between consecutive events is marked with `…`."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The correlation id (normally the contract id).") var id: String
    @Flag(help: "One event per line as stored (JSON Lines).") var json = false
    @Flag(help: "The trace as CSV (RFC 4180) with a header, the columns of the console's trace export.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("give --json or --csv, not both") }
    }

    func run() async throws {
        try await Self.reportingFailures {
            let store = try await storeOptions.open(readOnly: true, application: "signalbox trace")
            let events = try await store.events(correlationID: id)
            await store.close()
            guard !events.isEmpty else { throw StoreError.notFound("no events with correlation id \(id)") }
            if csv { return CSVOutput.print(TraceTable.make(correlationID: id, events: events).exported(TableView())) }
            var previous: Timestamp?
            // Instants are exact (a fraction where the event has one), padded so that the sources line up.
            let instantWidth = events.map { $0.event.occurredAt.rfc3339.count }.max() ?? 0
            for stored in events {
                let event = stored.event
                if json { printJSON(event.jsonLine); continue }
                if let previous, event.occurredAt.since(previous) > .days(1) {
                    print("    …  \(HumanDuration.format(event.occurredAt.since(previous))) later")
                }
                let marker = EventSummary.isFailure(event) ? "!" : " "
                let source = event.source.rawValue.padding(to: 10)
                let instant = event.occurredAt.rfc3339.padding(to: instantWidth)
                // One line per event: a line feed in store text must not start a line of its own.
                print(TerminalSafeText.sanitize("\(marker) \(instant)  \(source) \(EventSummary.describe(event))"))
                previous = event.occurredAt
            }
        }
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
