import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private certificate authority made with the `openssl` command for one test class: the firm's CA, a server
/// certificate naming only `DNS:localhost` (so connecting to `127.0.0.1` is a host-name mismatch), an expired server
/// certificate, a client certificate per role, and a rogue CA nobody trusts. Everything lives in one temporary
/// directory, deleted by ``remove()``.
public final class TestCertificates: Sendable {
    public let directory: URL

    /// The firm's CA certificate: what `sslrootcert` should name.
    public var caCertificate: String { path("ca.crt") }
    /// A CA that signed nothing the server uses: `sslrootcert` naming it is an unknown-CA failure.
    public var rogueCACertificate: String { path("rogue-ca.crt") }
    /// The server's certificate and key (subject alternative name `DNS:localhost` only).
    public var serverCertificate: String { path("server.crt") }
    public var serverKey: String { path("server.key") }
    /// A server certificate that expired in 2021, for the same key.
    public var expiredServerCertificate: String { path("server-expired.crt") }

    /// Creates the CA, the rogue CA and the server certificates.
    public init() throws {
        var template = Array((NSTemporaryDirectory() + "signalbox-pki-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ClusterError.commandFailed(command: "mkdtemp", status: errno, output: String(cString: strerror(errno)))
        }
        directory = URL(fileURLWithPath: String(cString: created), isDirectory: true)
        chmod(directory.path, 0o755)
        try makeAuthority("ca", subject: "/CN=Signalbox Test Firm CA")
        try makeAuthority("rogue-ca", subject: "/CN=Somebody Else's CA")
        try makeKey("server")
        try sign("server", subject: "/CN=localhost", authority: "ca", names: "DNS:localhost")
        try write("index.txt", "")
        try write("serial", "1000\n")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("issued"), withIntermediateDirectories: true)
        try write("ca.cnf", """
            [ca]
            default_ca = firm
            [firm]
            database = \(path("index.txt"))
            new_certs_dir = \(path("issued"))
            serial = \(path("serial"))
            default_md = sha256
            policy = anything
            copy_extensions = copy
            unique_subject = no
            [anything]
            commonName = supplied
            """)
        try openssl(["req", "-new", "-key", serverKey, "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                     "-out", path("server-expired.csr")])
        try openssl(["ca", "-batch", "-notext", "-config", path("ca.cnf"), "-cert", caCertificate, "-keyfile", path("ca.key"),
                     "-startdate", "20200101000000Z", "-enddate", "20210101000000Z",
                     "-in", path("server-expired.csr"), "-out", expiredServerCertificate])
    }

    /// A client certificate and key for `role` (the certificate's common name), signed by the firm's CA or,
    /// with `rogue`, by the rogue CA; the key encrypted with `passphrase` when given. The key is mode 0600.
    public func makeClientCertificate(role: String, rogue: Bool = false, passphrase: String? = nil) throws
        -> (certificate: String, key: String) {
        let name = "client-\(role)\(rogue ? "-rogue" : "")\(passphrase == nil ? "" : "-encrypted")"
        try makeKey(name)
        try sign(name, subject: "/CN=\(role)", authority: rogue ? "rogue-ca" : "ca", names: nil)
        if let passphrase {
            try openssl(["pkey", "-in", path("\(name).key"), "-aes256", "-passout", "pass:\(passphrase)",
                         "-out", path("\(name).enc.key")])
            try FileManager.default.moveItem(atPath: path("\(name).enc.key"), toPath: path("\(name).key.tmp"))
            try FileManager.default.removeItem(atPath: path("\(name).key"))
            try FileManager.default.moveItem(atPath: path("\(name).key.tmp"), toPath: path("\(name).key"))
        }
        chmod(path("\(name).key"), 0o600)
        return (path("\(name).crt"), path("\(name).key"))
    }

    /// Hands the server's files to `owner` (the OS user running PostgreSQL), key mode 0600 as the server demands.
    public func handServerFiles(to owner: String?) throws {
        chmod(serverKey, 0o600)
        guard let owner else { return }
        for file in [serverCertificate, serverKey, expiredServerCertificate, caCertificate] {
            try runCapturingOutput("/bin/chown", [owner, file])
        }
    }

    /// Deletes the directory. Safe to call twice.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func makeAuthority(_ name: String, subject: String) throws {
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                     "-keyout", path("\(name).key"), "-out", path("\(name).crt"), "-days", "30", "-subj", subject,
                     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    private func makeKey(_ name: String) throws {
        try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path("\(name).key")])
    }

    private func sign(_ name: String, subject: String, authority: String, names: String?) throws {
        var request = ["req", "-new", "-key", path("\(name).key"), "-subj", subject, "-out", path("\(name).csr")]
        if let names { request += ["-addext", "subjectAltName=\(names)"] }
        try openssl(request)
        try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(authority).crt"),
                     "-CAkey", path("\(authority).key"), "-CAcreateserial", "-days", "30", "-copy_extensions", "copy",
                     "-out", path("\(name).crt")])
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    private func openssl(_ arguments: [String]) throws {
        try runCapturingOutput("/usr/bin/openssl", arguments)
    }
}
