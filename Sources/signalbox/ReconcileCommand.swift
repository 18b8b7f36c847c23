import ArgumentParser
import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

extension ReconciliationControl: ExpressibleByArgument {}

/// `signalbox reconcile CONTROL`: the records behind one billing-reconciliation control (golden-signals.md §10),
/// largest amount first, so finance can act on each; their amounts add up exactly to what `signals` reports.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "reconcile",
        abstract: "List the records behind one billing-reconciliation control (golden-signals.md §10), largest amount first.",
        discussion: """
            CONTROL is one of rate-leakage, billing-mismatch, double-billed, unbilled-milestones, over-contract-value. \
            Each row carries the ids to act on, its currency and its amount (exact: the rows of a currency and \
            direction add up to `signals`' figure before its rounding to cents). Without --json or --csv, a table \
            fitted to the terminal (80 columns when piped): --json (one object per line) and --csv hold every column.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The control.", valueName: "control"))
    var control: ReconciliationControl

    @OptionGroup var windowOptions: WindowOptions

    @Flag(help: "One JSON object per row (JSON Lines).")
    var json = false

    @Flag(help: "Every row as CSV (RFC 4180) with a header, the columns of the console's :export.")
    var csv = false

    @Option(help: ArgumentHelp(
        "Compute from a JSON Lines file with the reference implementation instead of a store (for verification).",
        valueName: "file"))
    var fromEvents: String?

    func validate() throws {
        if json && csv { throw ValidationError("give --json or --csv, not both") }
    }

    func run() async throws {
        try await Self.reportingFailures {
            let table = try await readTable(asOf: windowOptions.asOf ?? SystemClock.now())
            if csv { return CSVOutput.print(table.exported(TableView())) }
            if json { return printJSON(table.exported(TableView()).jsonLines) }
            guard !table.rows.isEmpty else { return print(table.emptyMessage) }
            print(TextTable.render(columns: table.columns, rows: table.rows.map(\.cells), width: TextTable.terminalWidth() ?? 80))
        }
    }

    /// The control's rows from the file (`--from-events`) or the store, with where the PSA stands on each amendment a
    /// rate-leakage row names.
    private func readTable(asOf: Timestamp) async throws -> DataTable {
        if let fromEvents {
            let events = try EventFile.read(fromEvents)
            let rows = SignalCalculator.reconciliationRows(events: events, asOf: asOf, window: windowOptions.window)
            let psa = control == .rateLeakage ? PSAAmendmentState.read(for: rows, events: events, asOf: asOf) : [:]
            return ReconciliationTables.table(control, rows, psa: psa)
        }
        let store = try await storeOptions.open(readOnly: true, application: "signalbox reconcile")
        do {
            let rows = try await store.reconciliationRows(of: [control], asOf: asOf, window: windowOptions.window)
            let psa = control == .rateLeakage ? try await PSAAmendmentState.read(for: rows, from: store, asOf: asOf) : [:]
            await store.close()
            return ReconciliationTables.table(control, rows, psa: psa)
        } catch {
            await store.close()
            throw error
        }
    }
}
