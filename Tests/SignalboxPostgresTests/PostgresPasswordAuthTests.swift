import Foundation
import PostgresTestSupport
import SignalboxPostgres
import SignalboxStore
import XCTest

/// A cluster that requires passwords (SCRAM-SHA-256): the password file is honoured end to end, and a wrong
/// password is reported without being shown.
final class PostgresPasswordAuthTests: ClusterTestCase {
    override class var authentication: PostgresTestCluster.Authentication { .password("s3cret:with\\colon") }

    func testPasswordFromPasswordFileConnects() async throws {
        let database = try makeDatabase()
        let path = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "127.0.0.1:\(try cluster.port):\(database):\(PostgresTestCluster.superuser):s3cret\\:with\\\\colon\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let environment = PostgresEnvironment(currentUserName: PostgresTestCluster.superuser,
                                              passwordFile: try PasswordFile.load(path: path))
        let url = "postgres://127.0.0.1:\(try cluster.port)/\(database)?sslmode=disable"
        let store = try await PostgresStore.open(try PostgresConfiguration(url: url, environment: environment))
        try await store.migrate()
        let version = try await store.schemaVersion()
        XCTAssertGreaterThan(version, 0)
        await store.close()
    }

    func testWrongPasswordIsUnavailableWithoutShowingIt() async throws {
        let database = try makeDatabase()
        let url = try cluster.url(database: database, password: "hunter2")
        let configuration = try PostgresConfiguration(url: url, environment: PostgresEnvironment(currentUserName: "x"))
        do {
            _ = try await PostgresStore.open(configuration)
            XCTFail("a wrong password was accepted")
        } catch {
            guard case .unavailable = error else { return XCTFail("expected unavailable, got \(error)") }
            XCTAssertTrue(error.description.contains("refused the login"), error.description)
            XCTAssertFalse(error.description.contains("hunter2"), error.description)
        }
    }
}
