import Foundation
import SignalboxPostgres
import XCTest

final class PostgresConfigurationTests: XCTestCase {
    private let empty = PostgresEnvironment(currentUserName: "osuser")

    func testFullURLIsParsedAndPercentDecoded() throws {
        let config = try PostgresConfiguration(
            url: "postgres://ops%40acme:p%3Ass%40w@db.example.com:5433/signal%20box?sslmode=verify-full", environment: empty)
        XCTAssertEqual(config, PostgresConfiguration(host: "db.example.com", port: 5433, user: "ops@acme",
                                                     password: "p:ss@w", database: "signal box", sslMode: .verifyFull))
    }

    func testPostgresqlSchemeAndIPv6Host() throws {
        let config = try PostgresConfiguration(url: "postgresql://u@[::1]:6000/db?sslmode=require", environment: empty)
        XCTAssertEqual(config.host, "::1")
        XCTAssertEqual(config.port, 6000)
        XCTAssertEqual(config.sslMode, .require)
        XCTAssertEqual(config.displayName, "u@[::1]:6000/db")
    }

    func testMissingPartsComeFromEnvironmentThenDefaults() throws {
        let environment = PostgresEnvironment(
            variables: ["PGHOST": "envhost", "PGPORT": "7000", "PGUSER": "envuser", "PGPASSWORD": "envpw",
                        "PGDATABASE": "envdb", "PGSSLMODE": "disable"],
            currentUserName: "osuser")
        XCTAssertEqual(try PostgresConfiguration(url: "postgres://", environment: environment),
                       PostgresConfiguration(host: "envhost", port: 7000, user: "envuser", password: "envpw",
                                             database: "envdb", sslMode: .disable))
        let defaults = try PostgresConfiguration(url: "postgres://", environment: empty)
        XCTAssertEqual(defaults, PostgresConfiguration(host: "localhost", port: 5432, user: "osuser", password: nil,
                                                       database: "osuser", sslMode: .prefer))
    }

    func testURLBeatsEnvironment() throws {
        let environment = PostgresEnvironment(variables: ["PGHOST": "envhost", "PGUSER": "envuser", "PGPASSWORD": "envpw"],
                                              currentUserName: "osuser")
        let config = try PostgresConfiguration(url: "postgres://alice:secret@urlhost/db", environment: environment)
        XCTAssertEqual(config.host, "urlhost")
        XCTAssertEqual(config.user, "alice")
        XCTAssertEqual(config.password, "secret")
    }

    func testUnixSocketDirectoryFromPGHOST() throws {
        let environment = PostgresEnvironment(variables: ["PGHOST": "/var/run/postgresql"], currentUserName: "osuser")
        let config = try PostgresConfiguration(url: "postgres:///db", environment: environment)
        XCTAssertTrue(config.usesUnixSocket)
        XCTAssertEqual(config.unixSocketPath, "/var/run/postgresql/.s.PGSQL.5432")
    }

    func testPasswordFileMatchesWithWildcardsAndEscapes() throws {
        let file = PasswordFile(contents: """
            # comment line
            other:5432:*:alice:wrong
            db\\:host:*:sig*:alice:never
            db.example.com:*:*:alice:pa\\:ss\\\\word
            *:*:*:*:fallback
            """)
        XCTAssertEqual(file.password(host: "db.example.com", port: 5433, database: "x", user: "alice"), "pa:ss\\word")
        XCTAssertEqual(file.password(host: "db:host", port: 1, database: "sig*", user: "alice"), "never")
        XCTAssertEqual(file.password(host: "elsewhere", port: 1, database: "x", user: "bob"), "fallback")
        let environment = PostgresEnvironment(currentUserName: "alice", passwordFile: file)
        let config = try PostgresConfiguration(url: "postgres://db.example.com/signalbox", environment: environment)
        XCTAssertEqual(config.password, "pa:ss\\word")
    }

    func testPGPASSWORDBeatsPasswordFile() throws {
        let environment = PostgresEnvironment(variables: ["PGPASSWORD": "fromenv"], currentUserName: "alice",
                                              passwordFile: PasswordFile(contents: "*:*:*:*:fromfile"))
        XCTAssertEqual(try PostgresConfiguration(url: "postgres://h/db", environment: environment).password, "fromenv")
    }

    func testUnixSocketConnectionsMatchLocalhostInPasswordFile() throws {
        let environment = PostgresEnvironment(variables: ["PGHOST": "/tmp"], currentUserName: "alice",
                                              passwordFile: PasswordFile(contents: "localhost:5432:db:alice:local"))
        XCTAssertEqual(try PostgresConfiguration(url: "postgres:///db", environment: environment).password, "local")
    }

    func testPasswordFileReadableByOthersIsRefused() throws {
        let path = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        try "*:*:*:*:secret\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        chmod(path, 0o644)
        XCTAssertThrowsError(try PasswordFile.load(path: path)) { error in
            XCTAssertTrue("\(error)".contains("0600"), "\(error)")
        }
        chmod(path, 0o600)
        XCTAssertEqual(try PasswordFile.load(path: path)?.password(host: "h", port: 1, database: "d", user: "u"), "secret")
        XCTAssertNil(try PasswordFile.load(path: path + "-missing"))
    }

    func testRedactedFormsNeverContainThePassword() throws {
        let config = try PostgresConfiguration(url: "postgres://alice:hunter2@db:5432/sig?sslmode=require", environment: empty)
        for text in [config.redacted, config.displayName, config.description, "\(config)"] {
            XCTAssertFalse(text.contains("hunter2"), text)
        }
        XCTAssertEqual(config.redacted, "postgres://alice@db:5432/sig?sslmode=require")
    }

    func testInvalidInputIsNamedWithoutEchoingThePassword() {
        let cases = [
            "mysql://u@h/db": "postgres://",
            "postgres://u:hunter2@h:99999/db": "port",
            "postgres://u:hunter2@h/db?sslmode=sometimes": "sslmode",
            "postgres://u:hunter2@h/db?fancy=1": "fancy",
        ]
        for (url, expected) in cases {
            XCTAssertThrowsError(try PostgresConfiguration(url: url, environment: empty)) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(url): \(error)")
                XCTAssertFalse("\(error)".contains("hunter2"), "\(url): \(error)")
            }
        }
        let badPort = PostgresEnvironment(variables: ["PGPORT": "abc"], currentUserName: "u")
        XCTAssertThrowsError(try PostgresConfiguration(url: "postgres://h/db", environment: badPort))
    }

    func testSeveralHostsWithPortsAndTargetSessionAttributes() throws {
        let config = try PostgresConfiguration(
            url: "postgres://u@db1:5432,db2:5433,[::1]/d?target_session_attrs=read-write&connect_timeout=1", environment: empty)
        XCTAssertEqual(config.servers, [ServerAddress(host: "db1", port: 5432), ServerAddress(host: "db2", port: 5433),
                                        ServerAddress(host: "::1", port: 5432)])
        XCTAssertEqual(config.targetSessionAttributes, .readWrite)
        XCTAssertEqual(config.connectTimeoutSeconds, 2, "libpq counts a timeout below 2 s as 2 s")
        XCTAssertEqual(config.redacted, "postgres://u@db1:5432,db2:5433,[::1]:5432/d?sslmode=prefer&target_session_attrs=read-write")
        let fromQuery = try PostgresConfiguration(url: "postgres:///d?host=a,b&port=6000", environment: empty)
        XCTAssertEqual(fromQuery.servers, [ServerAddress(host: "a", port: 6000), ServerAddress(host: "b", port: 6000)])
        XCTAssertThrowsError(try PostgresConfiguration(url: "postgres:///d?host=a,b,c&port=1,2", environment: empty)) { error in
            XCTAssertTrue("\(error)".contains("3 hosts but 2 ports"), "\(error)")
        }
        XCTAssertThrowsError(try PostgresConfiguration(url: "postgres://h/d?target_session_attrs=replica", environment: empty)) { error in
            XCTAssertTrue("\(error)".contains("target_session_attrs must be one of any, read-write"), "\(error)")
        }
    }

    func testTLSFilesComeFromTheURLThenTheEnvironmentThenTheHomeDirectory() throws {
        let url = "postgres://h/d?sslmode=verify-ca&sslrootcert=/u/ca.crt&sslcert=/u/c.crt&sslkey=/u/c.key&sslpassword=pw"
        let config = try PostgresConfiguration(url: url, environment: empty)
        XCTAssertEqual(config.sslMode, .verifyCA)
        XCTAssertEqual(config.tlsFiles, TLSFiles(rootCertificate: "/u/ca.crt", certificate: "/u/c.crt", key: "/u/c.key",
                                                 keyPassword: "pw"))
        XCTAssertFalse(config.redacted.contains("pw"))
        let environment = PostgresEnvironment(
            variables: ["PGSSLROOTCERT": "system", "PGSSLCERT": "/e/c.crt", "PGSSLKEY": "/e/c.key", "PGAPPNAME": "wall",
                        "PGTARGETSESSIONATTRS": "prefer-standby", "PGCONNECT_TIMEOUT": "7", "PGHOST": "a,b"],
            currentUserName: "osuser", homeDirectory: "/home/osuser")
        let fromEnvironment = try PostgresConfiguration(url: "postgres:///d", environment: environment)
        XCTAssertEqual(fromEnvironment.tlsFiles, TLSFiles(rootCertificate: "system", certificate: "/e/c.crt", key: "/e/c.key"))
        XCTAssertEqual(fromEnvironment.applicationName, "wall")
        XCTAssertEqual(fromEnvironment.targetSessionAttributes, .preferStandby)
        XCTAssertEqual(fromEnvironment.connectTimeoutSeconds, 7)
        XCTAssertEqual(fromEnvironment.servers.map(\.host), ["a", "b"])
        let defaults = try PostgresConfiguration(url: "postgres://h/d",
                                                 environment: PostgresEnvironment(currentUserName: "o", homeDirectory: "/nonexistent"))
        XCTAssertEqual(defaults.tlsFiles, TLSFiles(rootCertificate: "/nonexistent/.postgresql/root.crt",
                                                   rootCertificateIsDefault: true))
    }

    func testEverySSLModeOfLibpqIsAccepted() throws {
        for mode in ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] {
            XCTAssertEqual(try PostgresConfiguration(url: "postgres://h/d?sslmode=\(mode)", environment: empty).sslMode.rawValue, mode)
        }
    }
}
