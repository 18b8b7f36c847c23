import Foundation
import PostgresNIO
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// A TLS server with the firm's own CA, as DBAs run it: certificates made by the test (`openssl`), `hostssl`
/// only, certificate logins for `cert_user`. Each libpq setting connects as libpq would, and each failure is
/// one sentence naming the cause and the parameter to set, never the TLS library's text.
final class PostgresTLSTests: ClusterTestCase {
    nonisolated(unsafe) private static var madeCertificates: Result<TestCertificates, any Error>?

    static var certificates: TestCertificates {
        get throws {
            if madeCertificates == nil { madeCertificates = Result { try TestCertificates() } }
            return try XCTUnwrap(madeCertificates).get()
        }
    }

    override class var settings: PostgresTestCluster.Settings {
        get throws {
            let pki = try certificates
            try pki.handServerFiles(to: PostgresTestCluster.serverOSUser)
            return PostgresTestCluster.Settings(
                configurationLines: ["ssl = on", "ssl_cert_file = '\(pki.serverCertificate)'",
                                     "ssl_key_file = '\(pki.serverKey)'", "ssl_ca_file = '\(pki.caCertificate)'"],
                hostBasedAuthentication: ["local all all trust",
                                          "hostssl all cert_user 127.0.0.1/32 cert",
                                          "hostssl all all 127.0.0.1/32 trust",
                                          "hostnossl all all 127.0.0.1/32 reject",
                                          "host replication all 127.0.0.1/32 trust"])
        }
    }

    override class func tearDown() {
        super.tearDown()
        if case .success(let pki) = madeCertificates { pki.remove() }
        madeCertificates = nil
    }

    private var pki: TestCertificates { get throws { try Self.certificates } }

    private func url(_ database: String, host: String = "localhost", user: String = PostgresTestCluster.superuser,
                     _ query: String) throws -> String {
        "postgres://\(user)@\(host):\(try cluster.port)/\(database)?\(query)"
    }

    /// Opens a read-only store (no schema needed) with `environment`, closing it after the test.
    private func connect(_ url: String, environment: PostgresEnvironment = PostgresEnvironment(currentUserName: "nobody"),
                         applicationName: String? = nil) async throws(StoreError) -> PostgresStore {
        let store = try await PostgresStore.open(url: url, environment: environment, readOnly: true,
                                                 applicationName: applicationName)
        addTeardownBlock { await store.close() }
        return store
    }

    /// The message a failed open gives; fails the test when the open succeeds.
    private func failure(_ url: String, environment: PostgresEnvironment = PostgresEnvironment(currentUserName: "nobody"),
                         file: StaticString = #filePath, line: UInt = #line) async -> String {
        do {
            let store = try await connect(url, environment: environment)
            XCTFail("connected to \(store.displayName), expected a failure", file: file, line: line)
            return ""
        } catch {
            let message = error.description
            for raw in ["BoringSSL", "handshake.cc", "handshakeFailed", "OPENSSL_internal", "NIOSSL"] {
                XCTAssertFalse(message.contains(raw), "raw library text in: \(message)", file: file, line: line)
            }
            return message
        }
    }

    private func value(_ sql: String, on store: PostgresStore) async throws -> String {
        try await store.withConnection(sql) { connection, logger in
            var result = ""
            for try await text in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String.self) {
                result = text
            }
            return result
        }
    }

    private func homeDirectory(with files: [String: String]) throws -> String {
        let home = NSTemporaryDirectory() + "signalbox-home-\(UUID().uuidString)"
        let directory = home + "/.postgresql"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, source) in files {
            try FileManager.default.copyItem(atPath: source, toPath: directory + "/" + name)
            if name.hasSuffix(".key") { chmod(directory + "/" + name, 0o600) }
        }
        addTeardownBlock { try? FileManager.default.removeItem(atPath: home) }
        return home
    }

    func testVerifyFullWithTheFirmsCANamedInTheURLConnectsOverTLS() async throws {
        let database = try makeDatabase()
        let store = try await connect(try url(database, "sslmode=verify-full&sslrootcert=\(try pki.caCertificate)"))
        let ssl = try await value("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()", on: store)
        XCTAssertEqual(ssl, "true")
    }

    func testRootCertificateComesFromPGSSLROOTCERTThenFromTheHomeDirectory() async throws {
        let database = try makeDatabase()
        let fromVariable = PostgresEnvironment(variables: ["PGSSLROOTCERT": try pki.caCertificate], currentUserName: "nobody")
        _ = try await connect(try url(database, "sslmode=verify-full"), environment: fromVariable)
        let home = try homeDirectory(with: ["root.crt": try pki.caCertificate])
        _ = try await connect(try url(database, "sslmode=verify-ca"),
                              environment: PostgresEnvironment(currentUserName: "nobody", homeDirectory: home))
    }

    func testMissingRootCertificateNamesTheFileAndSslrootcert() async throws {
        let database = try makeDatabase()
        let home = try homeDirectory(with: [:])
        let message = await failure(try url(database, "sslmode=verify-full"),
                                    environment: PostgresEnvironment(currentUserName: "nobody", homeDirectory: home))
        XCTAssertTrue(message.contains("root.crt\" does not exist"), message)
        XCTAssertTrue(message.contains("sslrootcert="), message)
    }

    func testCertificateFromAnUnknownCANamesSslrootcert() async throws {
        let database = try makeDatabase()
        let message = await failure(try url(database, "sslmode=verify-full&sslrootcert=\(try pki.rogueCACertificate)"))
        XCTAssertTrue(message.contains("is signed by a CA not in"), message)
        XCTAssertTrue(message.contains("set sslrootcert="), message)
    }

    func testHostNameMismatchSuggestsVerifyCA() async throws {
        let database = try makeDatabase()
        let query = "sslmode=verify-full&sslrootcert=\(try pki.caCertificate)"
        let message = await failure(try url(database, host: "127.0.0.1", query))
        XCTAssertTrue(message.contains("is not issued for the host name \"127.0.0.1\""), message)
        XCTAssertTrue(message.contains("sslmode=verify-ca"), message)
        _ = try await connect(try url(database, host: "127.0.0.1", "sslmode=verify-ca&sslrootcert=\(try pki.caCertificate)"))
    }

    func testExpiredServerCertificateIsNamedWithItsDate() async throws {
        let database = try makeDatabase()
        try cluster.psql("ALTER SYSTEM SET ssl_cert_file = '\(try pki.expiredServerCertificate)'; SELECT pg_reload_conf();",
                         database: "postgres")
        addTeardownBlock { [cluster = try cluster] in
            _ = try? cluster.psql("ALTER SYSTEM RESET ssl_cert_file; SELECT pg_reload_conf();", database: "postgres")
        }
        let message = await failure(try url(database, "sslmode=verify-full&sslrootcert=\(try pki.caCertificate)"))
        XCTAssertTrue(message.contains("expired on 2021-01-01"), message)
    }

    func testClientCertificateLogsInAndIsRequiredAndRefusedClearly() async throws {
        let database = try makeDatabase()
        try cluster.psql("DO $$ BEGIN CREATE ROLE cert_user LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                         database: "postgres")
        let root = "sslmode=verify-full&sslrootcert=\(try pki.caCertificate)"
        let client = try pki.makeClientCertificate(role: "cert_user")
        let store = try await connect(try url(database, user: "cert_user", root + "&sslcert=\(client.certificate)&sslkey=\(client.key)"))
        let user = try await value("SELECT current_user::text", on: store)
        XCTAssertEqual(user, "cert_user")

        let home = try homeDirectory(with: ["postgresql.crt": client.certificate, "postgresql.key": client.key])
        _ = try await connect(try url(database, user: "cert_user", root),
                              environment: PostgresEnvironment(currentUserName: "nobody", homeDirectory: home))

        let missing = await failure(try url(database, user: "cert_user", root))
        XCTAssertTrue(missing.contains("requires a client certificate"), missing)
        XCTAssertTrue(missing.contains("set sslcert= and sslkey="), missing)

        let rogue = try pki.makeClientCertificate(role: "cert_user", rogue: true)
        let refused = await failure(try url(database, user: "cert_user", root + "&sslcert=\(rogue.certificate)&sslkey=\(rogue.key)"))
        XCTAssertTrue(refused.contains("refused the client certificate"), refused)
        XCTAssertTrue(refused.contains("set sslcert= and sslkey="), refused)
    }

    func testClientKeyWithGroupOrWorldAccessIsRefusedAsLibpqDoes() async throws {
        let database = try makeDatabase()
        let client = try pki.makeClientCertificate(role: "loose_key")
        chmod(client.key, 0o644)
        let message = await failure(try url(database, "sslmode=require&sslcert=\(client.certificate)&sslkey=\(client.key)"))
        XCTAssertTrue(message.contains("has group or world access"), message)
        XCTAssertTrue(message.contains("chmod 0600"), message)
    }

    func testEncryptedClientKeyNeedsSslpassword() async throws {
        let database = try makeDatabase()
        try cluster.psql("DO $$ BEGIN CREATE ROLE cert_user LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                         database: "postgres")
        let client = try pki.makeClientCertificate(role: "cert_user", passphrase: "open sesame")
        let base = "sslmode=verify-full&sslrootcert=\(try pki.caCertificate)&sslcert=\(client.certificate)&sslkey=\(client.key)"
        let message = await failure(try url(database, user: "cert_user", base))
        XCTAssertTrue(message.contains("is encrypted: set sslpassword="), message)
        let wrong = await failure(try url(database, user: "cert_user", base + "&sslpassword=wrong"))
        XCTAssertTrue(wrong.contains("passphrase is wrong"), wrong)
        _ = try await connect(try url(database, user: "cert_user", base + "&sslpassword=open%20sesame"))
    }

    func testSslmodeAllowFallsBackToTLSWhereDisableIsRefused() async throws {
        let database = try makeDatabase()
        let store = try await connect(try url(database, "sslmode=allow"))
        let ssl = try await value("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()", on: store)
        XCTAssertEqual(ssl, "true")
        let message = await failure(try url(database, "sslmode=disable"))
        XCTAssertTrue(message.contains("refused the login"), message)
        _ = try await connect(try url(database, "sslmode=require"))
        _ = try await connect(try url(database, "sslmode=prefer"))
    }

    func testApplicationNameIsTheCommandsUnlessTheURLNamesOne() async throws {
        let database = try makeDatabase()
        let store = try await connect(try url(database, "sslmode=require"), applicationName: "signalbox console")
        let seen = try await value("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()", on: store)
        XCTAssertEqual(seen, "signalbox console")
        let named = try await connect(try url(database, "sslmode=require&application_name=wall%203"),
                                      applicationName: "signalbox console")
        let seenNamed = try await value("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()", on: named)
        XCTAssertEqual(seenNamed, "wall 3")
    }
}
