import Foundation
import PostgresNIO

extension PostgresConfiguration {
    /// The swift-nio-ssl settings for ``sslMode`` and ``tlsFiles``, checked the way libpq checks them; nil for
    /// `disable`. Fails with one sentence naming the file and the parameter to set: a missing root certificate
    /// for a verifying mode, a client certificate without its key, a key others may read, a key that cannot be
    /// decrypted.
    func tlsConfiguration() throws(PostgresConfigurationError) -> TLSConfiguration? {
        guard sslMode != .disable else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        if let root = tlsFiles.rootCertificate {
            if root == TLSFiles.systemTrustStore {
                tls.trustRoots = .default
            } else if FileManager.default.fileExists(atPath: root) {
                tls.trustRoots = .certificates(try Self.certificates(root, parameter: "sslrootcert"))
            } else if sslMode.verifiesCertificate {
                throw PostgresConfigurationError(
                    "root certificate file \(root.debugDescription) does not exist: set sslrootcert= to the file of "
                        + "the CA that signed the server's certificate, sslrootcert=system for the system's trusted "
                        + "roots, or sslmode=require to skip verification")
            }
        } else if sslMode.verifiesCertificate {
            throw PostgresConfigurationError(
                "sslmode=\(sslMode.rawValue) needs a root certificate: set sslrootcert= to the CA's file, or sslrootcert=system")
        }
        if sslMode.verifiesCertificate || (sslMode == .require && hasRootCertificateFile) {
            tls.certificateVerification = sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
        }
        if let certificate = tlsFiles.certificate {
            guard let key = tlsFiles.key else {
                throw PostgresConfigurationError(
                    "client certificate \(certificate.debugDescription) has no private key: set sslkey= to its key file")
            }
            tls.certificateChain = try Self.certificates(certificate, parameter: "sslcert").map { .certificate($0) }
            tls.privateKey = .privateKey(try Self.privateKey(key, password: tlsFiles.keyPassword))
        }
        return tls
    }

    /// Whether ``TLSFiles/rootCertificate`` names a file that exists (libpq then verifies even under `require`).
    private var hasRootCertificateFile: Bool {
        guard let root = tlsFiles.rootCertificate else { return false }
        return root == TLSFiles.systemTrustStore || FileManager.default.fileExists(atPath: root)
    }

    private static func certificates(_ path: String, parameter: String) throws(PostgresConfigurationError)
        -> [NIOSSLCertificate] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PostgresConfigurationError("certificate file \(path.debugDescription) cannot be read: check \(parameter)=")
        }
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(path)
            if !certificates.isEmpty { return certificates }
        } catch {}
        throw PostgresConfigurationError("\(path.debugDescription) holds no PEM certificate: check \(parameter)=")
    }

    /// Loads the client key, refusing it (as libpq does) when it is not a plain file, or when group or others
    /// may access it beyond u=rw (0600) for a file of the current user, u=rw,g=r (0640) for one owned by root.
    private static func privateKey(_ path: String, password: String?) throws(PostgresConfigurationError)
        -> NIOSSLPrivateKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw PostgresConfigurationError("private key file \(path.debugDescription) does not exist: check sslkey=")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw PostgresConfigurationError("private key file \(path.debugDescription) is not a plain file: check sslkey=")
        }
        let allowedExtra: mode_t = info.st_uid == 0 ? 0o040 : 0
        guard info.st_mode & 0o077 & ~allowedExtra == 0 else {
            throw PostgresConfigurationError(
                "private key file \(path.debugDescription) has group or world access: chmod 0600 it (0640 if owned by root)")
        }
        let encrypted = (try? String(contentsOfFile: path, encoding: .utf8))?.contains("ENCRYPTED") ?? false
        do {
            if let password {
                return try NIOSSLPrivateKey(file: path, format: .pem) { setter in setter(Array(password.utf8)) }
            }
            if encrypted {
                throw PostgresConfigurationError(
                    "private key file \(path.debugDescription) is encrypted: set sslpassword= to its passphrase")
            }
            return try NIOSSLPrivateKey(file: path, format: .pem)
        } catch let error as PostgresConfigurationError {
            throw error
        } catch {
            let hint = encrypted ? "the passphrase is wrong: check sslpassword=" : "check sslkey="
            throw PostgresConfigurationError("private key file \(path.debugDescription) cannot be loaded: \(hint)")
        }
    }
}
