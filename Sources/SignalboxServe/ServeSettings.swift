import SignalboxCore

/// How `signalbox serve` runs: where it listens, whom it lets write, and its limits.
public struct ServeSettings: Sendable {
    public var listen: ListenAddress
    /// PEM certificate chain and private key; both or neither.
    public var tls: (certificate: String, key: String)?
    /// Allows a non-loopback `listen` without TLS (behind a TLS-terminating proxy, say).
    public var insecureListen: Bool
    public var tokens: IngestTokens
    /// The largest request body accepted; a larger one is answered 413.
    public var bodyLimit: Int
    /// The window `/metrics` computes the signals over.
    public var window: SignalDuration
    /// How old a `/metrics` computation may grow on a store that does not change.
    public var metricsMaximumAge: SignalDuration
    /// What a 503 tells the client to wait, in seconds.
    public var retryAfterSeconds: Int

    public init(listen: ListenAddress, tls: (certificate: String, key: String)? = nil, insecureListen: Bool = false,
                tokens: IngestTokens, bodyLimit: Int = 32 << 20, window: SignalDuration = .days(7),
                metricsMaximumAge: SignalDuration = .seconds(60), retryAfterSeconds: Int = 5) {
        self.listen = listen
        self.tls = tls
        self.insecureListen = insecureListen
        self.tokens = tokens
        self.bodyLimit = bodyLimit
        self.window = window
        self.metricsMaximumAge = metricsMaximumAge
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Refuses a listening address other machines can reach unless TLS or `--insecure-listen` is given.
    public func validate() throws(ServeConfigurationError) {
        if !listen.isLoopback && tls == nil && !insecureListen { throw .exposedWithoutTLS(listen) }
    }
}
