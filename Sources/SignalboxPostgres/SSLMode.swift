/// How the connection uses TLS, as libpq's `sslmode`.
public enum SSLMode: String, Sendable, CaseIterable {
    /// Plain TCP, never TLS.
    case disable
    /// Plain TCP first; TLS (unverified) only when the server refuses a connection without it.
    case allow
    /// TLS if the server offers it, without verifying its certificate; plain TCP otherwise (libpq's default).
    case prefer
    /// TLS required; the certificate is not verified, unless a root certificate file exists (then as `verify-ca`),
    /// as libpq does.
    case require
    /// TLS required; the certificate chain is verified against `sslrootcert`, the host name is not.
    case verifyCA = "verify-ca"
    /// TLS required; the chain is verified against `sslrootcert` and the certificate must name the host.
    case verifyFull = "verify-full"

    /// Whether the server's certificate chain is checked against a root certificate.
    var verifiesCertificate: Bool { self == .verifyCA || self == .verifyFull }

    /// Whether the connection fails when the server does not speak TLS.
    var requiresTLS: Bool { self == .require || verifiesCertificate }
}
