import ArgumentParser
import Logging
import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
#if canImport(Glibc)
import Glibc
#endif

/// `signalbox publish`: computes a PostgreSQL store's figures once for all of its consoles.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "publish",
        abstract: "Compute the golden signals and trends once for every console of a PostgreSQL store.",
        discussion: """
            Run one publisher per store (and window), as the store's owner: as the log changes it computes the \
            signals and trends as of now, as one console would, and stores them in the table published_signals. \
            Consoles over the same window show those figures, with their age, instead of computing their own, so \
            twenty wall terminals cost the server about what one does. A console computes its own when nothing is \
            published or the figures are more than \(PublishedFigures.maximumAge) old. No other login may write \
            the figures. The log goes to the log file.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Window of the figures (the consoles' --window): 90s, 30m, 36h, 7d, 2w.", valueName: "length"))
    var window: SignalDuration = .days(7)

    @Option(help: ArgumentHelp("Least time between two computations of the same figures.", valueName: "length"))
    var interval: SignalDuration = .seconds(1)

    @Flag(help: "Compute and publish once, then exit.")
    var once = false

    @Option(help: ArgumentHelp("Log file (default: $XDG_STATE_HOME/signalbox/signalbox.log).", valueName: "path"))
    var logFile: String?

    func validate() throws {
        guard window.microseconds > 0 else { throw ValidationError("--window must be positive") }
        guard interval.microseconds > 0 else { throw ValidationError("--interval must be positive") }
    }

    func run() async throws {
        try await Self.reportingFailures {
            guard case .postgres = storeOptions.location else {
                throw CommandFailure(.config, "publish is for a PostgreSQL store (--store postgres://…): the consoles of "
                    + "a SQLite store each compute their own figures")
            }
            let logPath = logFile ?? FileLogHandler.defaultPath(environment: ProcessEnvironment.current)
            let handler: FileLogHandler
            do { handler = try FileLogHandler(path: logPath, label: "signalbox.publish") } catch {
                throw CommandFailure(.cannotCreate, "\(error)")
            }
            let logger = Logger(label: "signalbox.publish") { _ in handler }
            let store = try await storeOptions.open(readOnly: false, application: "signalbox publish", logger: logger)
            guard let publishing = store as? any SignalPublishing else {
                await store.close()
                throw CommandFailure(.config, "this store cannot hold published figures")
            }
            var publisher = SignalPublisher(store: publishing, window: window, interval: interval)
            do {
                if once {
                    try await publisher.publishDue()
                    print("published the figures over \(window) as of \(publisher.figures.groups[.front]?.asOf.rfc3339 ?? "now") "
                        + "to \(TerminalSafeText.sanitize(store.displayName))")
                } else {
                    print("publishing the figures over \(window) every \(interval) at most to "
                        + "\(TerminalSafeText.sanitize(store.displayName)) (log \(logPath)); Ctrl-C stops")
                    fflush(nil)
                    await publisher.run(logger: logger)
                }
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }
}
