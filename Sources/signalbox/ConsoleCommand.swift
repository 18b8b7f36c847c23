import ArgumentParser
import SignalboxSQLite
import SignalboxStore

/// `signalbox console` (the default command): the interactive golden-signals console on a store.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "console",
        abstract: "Open the interactive console (the default command).",
        discussion: """
        Keys: Tab/hjkl/arrows move between tiles, Enter shows the items behind a tile, / filters, s sorts, \
        : opens the command line (:q, :dashboard, :exceptions, :refresh, :theme NAME, :trace ID), r refreshes, \
        e opens the exception queue (Enter opens an exception; c claims, u releases, 1-9 or m resolve, a applies to \
        the whole subject, d dismisses, n notes, p/A request/approve reprocessing; every write asks y/N first and \
        is signed with the name the store authenticates: see `signalbox actors`), ? lists every key, q quits. The full dashboard needs 80×24; below 60×16 a "terminal too small" screen is shown until the \
        window grows. Logs go to the log file, never to the screen. NO_COLOR=1 turns colours off. On a demo store \
        (see `signalbox demo`) without --as-of, the console reads as of the instant the demo last showed, and the \
        status bar says "(demo's)".
        """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var consoleOptions: ConsoleOptions

    func run() async throws {
        try await Self.reportingFailures {
            let store = try await storeOptions.open(readOnly: consoleOptions.readOnly || consoleOptions.wall, application: "signalbox console",
                                                    console: true)
            do {
                // A demo store opens as the demo last showed it, not at today's date far past its simulated log.
                let demoAsOf = consoleOptions.asOf == nil ? try await (store as? SQLiteStore)?.demoAsOf() : nil
                try await consoleOptions.runConsole(on: store, fixedAsOf: demoAsOf, asOfIsTheDemos: demoAsOf != nil)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}
