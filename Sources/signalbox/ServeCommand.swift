import ArgumentParser
import Logging
import SignalboxConsole
import SignalboxCore
import SignalboxServe
import SignalboxStore
#if canImport(Glibc)
import Glibc
#endif

/// `signalbox serve`: HTTP ingest for middleware, Prometheus metrics and health checks over one store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "serve",
        abstract: "Serve HTTP ingest (POST /v1/events), Prometheus metrics (/metrics), /v1/signals, /healthz and /readyz.",
        discussion: """
        Middleware pushes canonical events with a bearer token from --tokens (a YAML list of {name, sha256, sources}); \
        each token may write only its sources' events, never CONSOLE's. `--new-token NAME --sources PSA` prints a fresh \
        token once, and the line to add to the file. Listening beyond loopback needs --tls-cert/--tls-key, or \
        --insecure-listen behind a TLS-terminating proxy. SIGTERM lets the requests in flight finish, then exits. \
        The access log goes to the log file, never to the screen.
        """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("Address to listen on: HOST:PORT ([v6]:PORT; port 0 picks a free one).", valueName: "host:port"))
    var listen = "127.0.0.1:8470"

    @Option(help: ArgumentHelp("The token file: a YAML list of {name, sha256, sources}.", valueName: "file"))
    var tokens: String?

    @Option(help: ArgumentHelp("Print a fresh token for this name and the token file's line for it, then exit.", valueName: "name"))
    var newToken: String?

    @Option(help: ArgumentHelp("With --new-token: the source systems it may write (PSA, or ERP,BILLING).", valueName: "sources"))
    var sources: [String] = []

    @Option(help: ArgumentHelp("PEM certificate chain for HTTPS.", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key for HTTPS.", valueName: "file"))
    var tlsKey: String?

    @Flag(help: "Listen beyond loopback without TLS (only behind a TLS-terminating proxy or on a private network).")
    var insecureListen = false

    @Option(help: ArgumentHelp("Largest request body in bytes; larger ones get 413.", valueName: "bytes"))
    var bodyLimit = 32 << 20

    @Option(help: ArgumentHelp("Window of the signals on /metrics: 90s, 30m, 36h, 7d, 2w.", valueName: "length"))
    var window: SignalDuration = .days(7)

    @Option(help: ArgumentHelp("Recompute /metrics on a store that does not change once it is this old.", valueName: "length"))
    var metricsMaxAge: SignalDuration = .seconds(60)

    @Option(help: ArgumentHelp("Seconds a 503 asks the client to wait (Retry-After).", valueName: "seconds"))
    var retryAfter = 5

    @Option(help: ArgumentHelp("Log file (default: $XDG_STATE_HOME/signalbox/signalbox.log).", valueName: "path"))
    var logFile: String?

    func validate() throws {
        guard bodyLimit > 0 else { throw ValidationError("--body-limit must be positive") }
        guard retryAfter > 0 else { throw ValidationError("--retry-after must be positive") }
        guard newToken != nil || sources.isEmpty else { throw ValidationError("--sources goes with --new-token") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError(ServeConfigurationError.incompleteTLS.description) }
    }

    func run() async throws {
        try await Self.reportingFailures {
            if let newToken {
                let fresh = try configurationChecked { () throws(ServeConfigurationError) in
                    try NewIngestToken(name: newToken, sources: sources)
                }
                print("token (shown once; give it to the middleware as Authorization: Bearer TOKEN):")
                print(fresh.token)
                print("add this line to the token file (--tokens):")
                print(fresh.entry.fileEntry)
                return
            }
            guard let tokens else {
                throw CommandFailure(.config, "give --tokens FILE (make a token with --new-token NAME --sources SOURCE)")
            }
            let settings = try configurationChecked { () throws(ServeConfigurationError) in
                let settings = ServeSettings(
                    listen: try ListenAddress(parsing: listen), tls: tlsCert.flatMap { cert in tlsKey.map { (cert, $0) } },
                    insecureListen: insecureListen, tokens: try IngestTokens(contentsOf: tokens), bodyLimit: bodyLimit,
                    window: window, metricsMaximumAge: metricsMaxAge, retryAfterSeconds: retryAfter)
                try settings.validate()
                return settings
            }
            let logPath = logFile ?? FileLogHandler.defaultPath(environment: ProcessEnvironment.current)
            let handler: FileLogHandler
            do { handler = try FileLogHandler(path: logPath, label: "signalbox.serve") } catch {
                throw CommandFailure(.cannotCreate, "\(error)")
            }
            let logger = Logger(label: "signalbox.serve") { _ in handler }
            let store = try await storeOptions.open(readOnly: false, creating: true, application: "signalbox serve", logger: logger)
            do {
                try await SignalboxServer(store: store, settings: settings, logger: logger).run { url in
                    print("listening on \(url) (store \(store.displayName); log \(logPath))")
                    fflush(nil)  // standard output may be a pipe: the line must arrive now
                }
            } catch {
                await store.close()
                if let failure = error as? ServeConfigurationError { throw CommandFailure(.config, failure.description) }
                throw CommandFailure(.unavailable, "serve stopped: \(error)")
            }
            await store.close()
        }
    }

    /// Runs `body`, turning a bad setting into exit status 78 with its message.
    private func configurationChecked<T>(_ body: () throws(ServeConfigurationError) -> T) throws -> T {
        do { return try body() } catch { throw CommandFailure(.config, error.description) }
    }
}
