import Foundation
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxCore
import SignalboxStore
import XCTest

/// A primary with a streaming hot standby (`pg_basebackup -R -c fast`): read-only stores work on the standby,
/// see the primary's changes without LISTEN, count replication lag, and refuse writes as a replica;
/// `target_session_attrs` picks the server.
final class PostgresReplicaTests: ClusterTestCase {
    nonisolated(unsafe) private static var madeStandby: Result<PostgresTestCluster, any Error>?

    /// The class's standby, made on first use.
    private var standby: PostgresTestCluster {
        get throws {
            if Self.madeStandby == nil { Self.madeStandby = Result { try cluster.startStandby() } }
            return try XCTUnwrap(Self.madeStandby).get()
        }
    }

    override class func tearDown() {
        if case .success(let standby) = madeStandby { standby.tearDown() }
        madeStandby = nil
        super.tearDown()
    }

    /// A migrated database on the primary with one exception, and a read-only store on the standby once the
    /// database has reached it.
    private func replicatedStore() async throws -> (primary: PostgresStore, replica: PostgresStore, database: String) {
        let (primary, database) = try await migratedStore()
        try await ReplicaFixtures.raise("X-1", into: primary)
        let url = ReplicaFixtures.url([try standby], database: database)
        let replica = try await eventually(within: 30) {
            try await PostgresStore.open(url: url, environment: ReplicaFixtures.environment, readOnly: true)
        }
        addTeardownBlock { await replica.close() }
        _ = try await eventually(within: 30) {
            guard try await replica.exceptionRecord(id: "X-1") != nil else { throw StoreError.notFound("X-1 on the standby") }
        }
        return (primary, replica, database)
    }

    func testReadOnlyStoreOnAStandbyReadsAndSeesThePrimarysChangesWithoutListen() async throws {
        let (primary, replica, _) = try await replicatedStore()
        XCTAssertTrue(replica.isOnStandby)
        // A standby cannot export a snapshot: its reads run on one connection, and agree with the primary's two.
        let lent = try await replica.readSharedSnapshot(asOf: ReplicaFixtures.raisedAt, window: .days(1)) { _, helper in helper != nil }
        XCTAssertFalse(lent)
        let onStandby = try await replica.signals(asOf: ReplicaFixtures.raisedAt, window: .days(1))
        let onPrimary = try await primary.signals(asOf: ReplicaFixtures.raisedAt, window: .days(1))
        XCTAssertEqual(onStandby, onPrimary)
        let token = try await replica.changeToken()
        let started = ContinuousClock.now
        try await ReplicaFixtures.raise("X-2", into: primary)
        _ = try await waitForChange(of: replica, after: token, seconds: 30)
        let record = try await eventually(within: 30) {
            guard let record = try await replica.exceptionRecord(id: "X-2") else { throw StoreError.notFound("X-2") }
            return record
        }
        print("replica staleness (commit on primary -> change seen and row read on standby): \(ContinuousClock.now - started)")
        XCTAssertEqual(record.id, "X-2")
        let lag = try await replica.replicationLag()
        XCTAssertGreaterThanOrEqual(lag.microseconds, 0)
    }

    func testWritesOnAStandbyAreRefusedAsAReadOnlyReplica() async throws {
        let (_, replica, database) = try await replicatedStore()
        let standby = try self.standby
        await assertThrows(.readOnlyReplica(server: "\(standby.host):\(standby.port)")) { () async throws(StoreError) in
            try await ReplicaFixtures.raise("X-9", into: replica)
        }
        let record = try await replica.exceptionRecord(id: "X-1")
        let version = try XCTUnwrap(record).version
        do {
            _ = try await replica.perform(.claim, on: "X-1", seenVersion: version, by: "alice", now: ReplicaFixtures.raisedAt)
            XCTFail("a claim succeeded on a standby")
        } catch {
            XCTAssertTrue(error.description.contains("this store is a read-only replica"), error.description)
        }
        do {
            let writer = try await PostgresStore.open(url: ReplicaFixtures.url([standby], database: database),
                                                      environment: ReplicaFixtures.environment)
            await writer.close()
            XCTFail("a writer opened a standby")
        } catch {
            XCTAssertTrue(error.description.contains("this store is a read-only replica"), error.description)
        }
    }

    func testTargetSessionAttributesChooseAmongSeveralHosts() async throws {
        let (_, _, database) = try await replicatedStore()
        let primary = ReplicaFixtures.address(of: try cluster)
        let standby = ReplicaFixtures.address(of: try self.standby)
        let standbyFirst = [try self.standby, try cluster]
        let cases: [(clusters: [PostgresTestCluster], query: String, readOnly: Bool, expected: ServerAddress)] = [
            (standbyFirst, "", false, primary),                                  // writers default to read-write
            (standbyFirst, "", true, standby),                                   // readers default to any
            (standbyFirst, "&target_session_attrs=read-write", true, primary),
            (standbyFirst, "&target_session_attrs=primary", true, primary),
            ([try cluster, try self.standby], "&target_session_attrs=prefer-standby", true, standby),
            ([try cluster, try self.standby], "&target_session_attrs=standby", true, standby),
            ([try cluster, try self.standby], "&target_session_attrs=any", true, primary),
        ]
        for (clusters, query, readOnly, expected) in cases {
            let url = ReplicaFixtures.url(clusters, database: database, query: query)
            let store = try await PostgresStore.open(url: url, environment: ReplicaFixtures.environment, readOnly: readOnly)
            XCTAssertEqual(store.server, expected, "\(url) read-only: \(readOnly)")
            await store.close()
        }
    }

    func testRequireOnAServerWithoutTLSSaysSoAndNamesSslmode() async throws {
        let database = try makeDatabase()
        let url = "postgres://\(PostgresTestCluster.superuser)@127.0.0.1:\(try cluster.port)/\(database)?sslmode=require"
        do {
            let store = try await PostgresStore.open(url: url, environment: ReplicaFixtures.environment, readOnly: true)
            await store.close()
            XCTFail("connected with sslmode=require to a server without TLS")
        } catch {
            XCTAssertTrue(error.description.contains("does not support TLS: set sslmode=prefer"), error.description)
        }
    }
}
