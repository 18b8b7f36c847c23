import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import SignalboxCore
import SignalboxStore

/// `signalbox serve`: the integration layer's HTTP front door over one store.
///
/// ```swift
/// try await SignalboxServer(store: store, settings: settings, logger: fileLogger).run { print("listening on \($0)") }
/// ```
/// It runs until SIGTERM or SIGINT, then stops accepting connections, lets the requests in flight finish (their
/// transactions commit and their responses are written) and returns; the caller closes the store.
public struct SignalboxServer: Sendable {
    let store: any EventStore
    let settings: ServeSettings
    let logger: Logger
    let clock: @Sendable () -> Timestamp

    /// - Parameter logger: receives the access log and the server's own messages; give it a file, never the screen.
    public init(store: any EventStore, settings: ServeSettings, logger: Logger,
                clock: @escaping @Sendable () -> Timestamp = SystemClock.now) {
        self.store = store
        self.settings = settings
        self.logger = logger
        self.clock = clock
    }

    /// Serves until a termination signal has drained the requests in flight. `listening` is told the URL once the
    /// socket is bound (with the actual port when `--listen` asked for port 0).
    public func run(listening: @escaping @Sendable (String) -> Void) async throws {
        try settings.validate()
        let metrics = ServiceMetrics()
        let snapshots = SignalSnapshots(store: store, window: settings.window, maximumAge: settings.metricsMaximumAge,
                                        clock: clock, computed: { metrics.countComputation() })
        let ingestion = EventIngestion(store: store, pipeline: IngestPipeline(), retryAfterSeconds: settings.retryAfterSeconds,
                                       metrics: metrics)
        let router = Router(context: ServeRequestContext.self)
        router.middlewares.add(AccessLogMiddleware(logger: logger, metrics: metrics))
        ServeRoutes(store: store, settings: settings, ingestion: ingestion, snapshots: snapshots, metrics: metrics, clock: clock)
            .add(to: router)
        let scheme = settings.tls == nil ? "http" : "https"
        let application = Application(
            router: router,
            server: try serverBuilder(),
            configuration: .init(address: .hostname(settings.listen.host, port: settings.listen.port), serverName: "signalbox"),
            onServerRunning: { [logger] channel in
                let port = channel.localAddress?.port ?? 0
                var bound = settings.listen
                bound.port = port
                logger.info("listening", metadata: ["address": .string("\(scheme)://\(bound)")])
                listening("\(scheme)://\(bound)")
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
        logger.info("stopped: every request in flight was answered")
    }

    private func serverBuilder() throws -> HTTPServerBuilder {
        guard let tls = settings.tls else { return .http1() }
        let certificates: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do { certificates = try NIOSSLCertificate.fromPEMFile(tls.certificate) } catch {
            throw ServeConfigurationError.unreadableTLS(path: tls.certificate, reason: "\(error)")
        }
        do { key = try NIOSSLPrivateKey(file: tls.key, format: .pem) } catch {
            throw ServeConfigurationError.unreadableTLS(path: tls.key, reason: "\(error)")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: certificates.map { .certificate($0) },
                                                                     privateKey: .privateKey(key))
        return try .tls(.http1(), tlsConfiguration: configuration)
    }
}
