import Foundation
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxCore
import SignalboxStore
import XCTest

/// Events and URLs shared by the replica and failover tests.
enum ReplicaFixtures {
    static let raisedAt = Timestamp(epochSeconds: 1_793_000_000)
    static let environment = PostgresEnvironment(currentUserName: "nobody")

    /// Raises exception `id` through `store` (one committed ingest).
    static func raise(_ id: String, into store: PostgresStore) async throws(StoreError) {
        let event = CanonicalEvent(eventID: "raise-\(id)", occurredAt: raisedAt, source: .middleware, correlationID: "C-\(id)",
                                   payload: .exceptionRaised(ExceptionRaised(exceptionID: id, kind: .postingFailed,
                                                                             severity: .high, summary: "rejected")))
        _ = try await store.ingest(IngestBatch(lines: [.event(event, json: event.jsonLine)]))
    }

    /// A URL listing `clusters` in order.
    static func url(_ clusters: [PostgresTestCluster], database: String, query: String = "") -> String {
        let hosts = clusters.map { "\($0.host):\($0.port)" }.joined(separator: ",")
        return "postgres://\(PostgresTestCluster.superuser)@\(hosts)/\(database)?sslmode=disable\(query)"
    }

    static func address(of cluster: PostgresTestCluster) -> ServerAddress {
        ServerAddress(host: cluster.host, port: cluster.port)
    }
}
