/// A `signalbox serve` setting that cannot be used, in words naming the setting and what to do.
public enum ServeConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--listen` is not `HOST:PORT`.
    case invalidListen(String, String)
    /// A non-loopback address without TLS or `--insecure-listen`.
    case exposedWithoutTLS(ListenAddress)
    /// Only one of `--tls-cert` and `--tls-key` was given.
    case incompleteTLS
    /// The certificate or key could not be loaded.
    case unreadableTLS(path: String, reason: String)
    /// The token file could not be read or is invalid (entry and field named in the reason).
    case invalidTokens(path: String, reason: String)
    /// `--new-token` was given a bad name or source.
    case invalidNewToken(String)

    public var description: String {
        switch self {
        case .invalidListen(let text, let reason): "--listen \(text.debugDescription): \(reason)"
        case .exposedWithoutTLS(let address):
            "--listen \(address) is reachable from other machines: give --tls-cert and --tls-key, or --insecure-listen "
                + "if a TLS-terminating proxy or a private network protects it (bearer tokens travel in clear text otherwise)"
        case .incompleteTLS: "--tls-cert and --tls-key go together: give both or neither"
        case .unreadableTLS(let path, let reason): "cannot load \(path): \(reason)"
        case .invalidTokens(let path, let reason): "\(path): \(reason)"
        case .invalidNewToken(let reason): "--new-token: \(reason)"
        }
    }
}
