import Foundation

/// The files behind a TLS connection, as libpq finds them: `sslrootcert`, `sslcert`, `sslkey` and
/// `sslpassword` from the URL, else `PGSSLROOTCERT`, `PGSSLCERT`, `PGSSLKEY`, else `~/.postgresql/root.crt`,
/// `postgresql.crt` and `postgresql.key` when those exist.
public struct TLSFiles: Equatable, Sendable {
    /// The value of `sslrootcert` that means the operating system's trust store.
    public static let systemTrustStore = "system"

    /// A PEM file of trusted root certificates, ``systemTrustStore``, or nil (none given and no default file).
    public var rootCertificate: String?
    /// Whether ``rootCertificate`` was only libpq's default path (so a missing file is not an error unless the
    /// sslmode verifies).
    public var rootCertificateIsDefault: Bool
    /// The client certificate (PEM), sent when the server asks for one.
    public var certificate: String?
    /// The client certificate's private key (PEM).
    public var key: String?
    /// The passphrase of an encrypted ``key``. Never shown.
    public var keyPassword: String?

    public init(rootCertificate: String? = nil, rootCertificateIsDefault: Bool = false, certificate: String? = nil,
                key: String? = nil, keyPassword: String? = nil) {
        self.rootCertificate = rootCertificate
        self.rootCertificateIsDefault = rootCertificateIsDefault
        self.certificate = certificate
        self.key = key
        self.keyPassword = keyPassword
    }

    /// Completes what the URL stated from `variables` and the defaults under `home`. A default client
    /// certificate or key is used only when the file exists, as libpq does.
    static func resolve(url: URLParts, variables: [String: String], home: String?) -> TLSFiles {
        func given(_ parameter: String?, _ variable: String) -> String? {
            parameter ?? variables[variable].flatMap(PostgresConfiguration.nonEmpty)
        }
        let directory = home.map { ($0 as NSString).appendingPathComponent(".postgresql") }
        func existingDefault(_ name: String) -> String? {
            guard let path = directory.map({ ($0 as NSString).appendingPathComponent(name) }) else { return nil }
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        var files = TLSFiles(keyPassword: url.sslPassword)
        if let root = given(url.sslRootCert, "PGSSLROOTCERT") {
            files.rootCertificate = root
        } else if let directory {
            files.rootCertificate = (directory as NSString).appendingPathComponent("root.crt")
            files.rootCertificateIsDefault = true
        }
        files.certificate = given(url.sslCert, "PGSSLCERT") ?? existingDefault("postgresql.crt")
        files.key = given(url.sslKey, "PGSSLKEY") ?? existingDefault("postgresql.key")
        return files
    }
}
