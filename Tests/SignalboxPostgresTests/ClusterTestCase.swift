import Foundation
import PostgresNIO
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// A test case with one throwaway cluster for the whole class and a fresh database per test.
class ClusterTestCase: XCTestCase {
    class var authentication: PostgresTestCluster.Authentication { .trust }
    /// Server settings of the class's cluster (TLS, `pg_hba.conf`); the defaults unless a subclass says otherwise.
    class var settings: PostgresTestCluster.Settings { get throws { PostgresTestCluster.Settings() } }

    private var openedStores: [PostgresStore] = []

    override class func setUp() {
        super.setUp()
        ClusterPerTestClass.start(for: self) {
            try PostgresTestCluster.startOrSkip(authentication: authentication, settings: try settings)
        }
    }

    override class func tearDown() {
        ClusterPerTestClass.stop(for: self)
        super.tearDown()
    }

    override func tearDown() async throws {
        for store in openedStores { await store.close() }
        openedStores = []
        try await super.tearDown()
    }

    /// The class's cluster; skips or fails the test the way cluster start-up did.
    var cluster: PostgresTestCluster {
        get throws { try ClusterPerTestClass.cluster(for: Self.self) }
    }

    /// A new empty database named after the test.
    func makeDatabase() throws -> String {
        let name = "t_" + name.lowercased().filter { $0.isLetter || $0.isNumber }.suffix(40) + "_\(Int.random(in: 0..<1_000_000))"
        try cluster.createDatabase(name)
        return name
    }

    /// Opens a store on `database` (closed after the test).
    func openStore(database: String, user: String = PostgresTestCluster.superuser, password: String? = nil,
                   readOnly: Bool = false) async throws -> PostgresStore {
        let url = try cluster.url(database: database, user: user, password: password)
        let configuration = try PostgresConfiguration(url: url, environment: PostgresEnvironment(currentUserName: "nobody"))
        let store = try await PostgresStore.open(configuration, readOnly: readOnly)
        openedStores.append(store)
        return store
    }

    /// A migrated store on a fresh database.
    func migratedStore() async throws -> (PostgresStore, database: String) {
        let database = try makeDatabase()
        let store = try await openStore(database: database)
        try await store.migrate()
        return (store, database)
    }

    /// Runs raw SQL through the store's pool, mapping failures the way the store does.
    func execute(_ sql: String, on store: PostgresStore) async throws(StoreError) {
        _ = try await store.withConnection(sql) { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    /// Retries `body` until it succeeds, failing after `seconds` (polling, not sleeping as synchronisation).
    func eventually<T>(within seconds: Double, _ body: () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            do { return try await body() } catch {
                if ContinuousClock.now > deadline { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Asserts that `body` fails with exactly `expected`.
    func assertThrows<T>(_ expected: StoreError, file: StaticString = #filePath, line: UInt = #line,
                         _ body: () async throws(StoreError) -> T) async {
        do {
            _ = try await body()
            XCTFail("expected \(expected), but it succeeded", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, file: file, line: line)
        }
    }

    /// Waits for the store's change token to move past `token`, failing after `seconds`.
    func waitForChange(of store: PostgresStore, after token: Int64, seconds: Int = 10) async throws -> Int64 {
        try await withThrowingTaskGroup(of: Int64?.self) { group in
            group.addTask { await store.waitForChange(after: token) }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return try XCTUnwrap(first, "no change notification within \(seconds) s")
        }
    }
}
