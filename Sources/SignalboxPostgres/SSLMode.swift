/// How the connection uses TLS, as libpq's `sslmode`.
public enum SSLMode: String, Sendable, CaseIterable {
    /// Plain TCP, never TLS.
    case disable
    /// TLS if the server offers it, without verifying its certificate; plain TCP otherwise (libpq's default).
    case prefer
    /// TLS required; the certificate is not verified (protects against eavesdropping, not impersonation).
    case require
    /// TLS required; the certificate chain and the host name are verified against the system trust store.
    case verifyFull = "verify-full"
}
