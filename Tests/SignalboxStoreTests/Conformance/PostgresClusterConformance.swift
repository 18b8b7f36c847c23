import Foundation
import PostgresNIO
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// The conformance suite against PostgreSQL: one throwaway cluster per test class, a database per store,
/// opened by the cluster's owner. Subclasses say how people act on it.
class PostgresClusterConformanceTests: StoreConformanceTests {
    override class func setUp() {
        super.setUp()
        ClusterPerTestClass.start(for: self)
    }

    override class func tearDown() {
        ClusterPerTestClass.stop(for: self)
        super.tearDown()
    }

    /// The class's cluster; skips or fails the test the way cluster start-up did.
    var cluster: PostgresTestCluster {
        get throws { try ClusterPerTestClass.cluster(for: Self.self) }
    }

    /// A new database, migrated by the owner; returns the owner's store and the database's name.
    func makeMigratedDatabase(prefix: String) async throws -> (owner: PostgresStore, database: String) {
        let database = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        let url = try cluster.createDatabase(database)
        let store = try await PostgresStore.open(try PostgresConfiguration(
            url: url, environment: PostgresEnvironment(currentUserName: "nobody")))
        try await store.migrate()
        return (store, database)
    }

    override func openAnotherHandle(on store: any EventStore) async throws -> any EventStore {
        try await PostgresStore.open(try XCTUnwrap(store as? PostgresStore).configuration)
    }

    override func openReadOnlyHandle(on store: any EventStore) async throws -> any EventStore {
        try await PostgresStore.open(try XCTUnwrap(store as? PostgresStore).configuration, readOnly: true)
    }

    override func executeBehindTheStore(_ sql: String, on store: any EventStore) async throws {
        _ = try await XCTUnwrap(store as? PostgresStore).withConnection(sql) { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}
