import SignalboxCore
import SignalboxStore

/// The drill-down tables behind the v2 tiles (golden-signals.md §6–9).
extension DrillDownTables {
    public static func timeToInvoice(_ entries: [InvoicedTimeEntry]) -> DataTable {
        DataTable(
            title: "Time to invoice: entries first invoiced in the window",
            columns: [.whole("ENTRY", priority: 0), .init("CONTRACT", priority: 2, minimum: 8, natural: 40),
                      .whole("WAITED", priority: 1, alignRight: true), .whole("APPROVED", priority: 4), .whole("INVOICED", priority: 3)],
            rows: entries.map { item in
                let cells = [item.timeEntryID, item.contractID, SignalFigures.duration(item.latency)]
                return DataTable.Row(
                    cells: cells + [SignalFigures.instant(item.approvedAt), SignalFigures.instant(item.invoicedAt)],
                    sortKeys: item.sortKeys, correlationID: item.contractID,
                    export: cells.map { .text($0) } + [.time(item.approvedAt), .time(item.invoicedAt)], searchText: item.searchableText)
            },
            emptyMessage: "no time entries invoiced in the window")
    }

    /// Each kind's resolution time (count, p50, p90 as the signal has them), each followed by its exceptions.
    public static func resolution(_ closed: [ClosedException], byKind: [String: DurationSummary]) -> DataTable {
        let grouped = Dictionary(grouping: closed, by: \.kind)
        var rows: [DataTable.Row] = []
        for (kind, summary) in byKind.sorted(by: { $0.key < $1.key }) {
            let figures = "p50 \(SignalFigures.duration(summary.p50)) · p90 \(SignalFigures.duration(summary.p90))"
            rows.append(DataTable.Row(
                cells: [kind, "\(summary.count) closed", "", figures, ""],
                sortKeys: [.text(kind), .text(""), .text(""), .number(summary.p90?.microseconds ?? 0), .number(0)],
                emphasis: .warn, key: "kind:" + kind))
            for item in (grouped[kind] ?? []).sorted(by: { $0.closing.duration > $1.closing.duration }) {
                let how = item.dismissed ? "dismissed" : "resolved", openFor = SignalFigures.duration(item.closing.duration)
                rows.append(DataTable.Row(
                    cells: [kind, item.exceptionID, how, openFor, SignalFigures.instant(item.closedAt)],
                    sortKeys: [.text(kind), .text(item.exceptionID), .text(how),
                               .number(item.closing.duration.microseconds), .number(item.closedAt.microseconds)],
                    correlationID: item.correlationID, key: item.exceptionID,
                    export: [.text(kind), .text(item.exceptionID), .text(how), .text(openFor), .time(item.closedAt)]))
            }
        }
        return DataTable(
            title: "Resolution time by kind, and the exceptions closed in the window",
            columns: [.init("KIND", priority: 1, minimum: 10, natural: 26), .whole("EXCEPTION", priority: 0),
                      .init("HOW", priority: 3, minimum: 8, natural: 9), .whole("OPEN FOR", priority: 2, alignRight: true),
                      .whole("CLOSED", priority: 4)],
            rows: rows, emptyMessage: "no exceptions closed in the window")
    }

    public static func invoiceToCash(_ standings: [InvoiceStanding], asOf: Timestamp) -> DataTable {
        DataTable(
            title: "Invoice to cash: unpaid invoices, then those paid in the window",
            columns: [.whole("INVOICE", priority: 0), .init("STATE", priority: 2, minimum: 4, natural: 6),
                      .whole("OWED", priority: 1, alignRight: true), .whole("WAITED/AGE", priority: 3, alignRight: true),
                      .whole("TOTAL", priority: 5, alignRight: true), .whole("POSTED", priority: 4)],
            rows: standings.map { item in
                let waited = item.latency ?? asOf.since(item.postedAt)
                let cells = [item.invoiceID, item.state, SignalFigures.amount(item.owed, currency: item.currency),
                             item.paidAt == nil ? HumanDuration.age(waited) : SignalFigures.duration(waited),
                             SignalFigures.amount(item.total, currency: item.currency)]
                return DataTable.Row(
                    cells: cells + [SignalFigures.instant(item.postedAt)],
                    sortKeys: item.sortKeys(asOf: asOf), emphasis: item.paidAt == nil ? .warn : .normal,
                    export: cells.map { .text($0) } + [.time(item.postedAt)], searchText: item.searchableText)
            },
            emptyMessage: "no invoices unpaid or paid in the window")
    }

    public static func throughput(_ signal: Throughput) -> DataTable {
        DataTable(
            title: "Throughput: events stored in the window by source",
            columns: [.whole("SOURCE", priority: 0), .whole("EVENTS", priority: 1, alignRight: true),
                      .whole("SHARE", priority: 2, alignRight: true)],
            rows: signal.bySource.sorted { $0.key < $1.key }.map { source, count in
                let share = Ratio(count, over: signal.events)
                return DataTable.Row(cells: [source, SignalFigures.count(count), SignalFigures.percent(share)],
                                     sortKeys: [.text(source), .number(Int64(count)), .number(Int64(count))])
            },
            emptyMessage: "no events in the window")
    }
}
