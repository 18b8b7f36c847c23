import Foundation
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// A store opened by connection service name against a real cluster, from each place libpq looks for the service.
final class PostgresServiceTests: ClusterTestCase {
    func testAStoreOpensByServiceNameFromEachServiceFile() async throws {
        let (seed, database) = try await migratedStore()
        try await ReplicaFixtures.raise("X-1", into: seed)
        let cluster = try cluster
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-pgservice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let section = "[ledger]\nhost=\(cluster.host)\nport=\(cluster.port)\ndbname=\(database)\n"
            + "user=\(PostgresTestCluster.superuser)\nsslmode=disable\napplication_name=signalbox via service\n"
        let places: [(file: String, variables: (String) -> [String: String])] = [
            ("explicit.conf", { ["PGSERVICEFILE": $0 + "/explicit.conf"] }),
            ("home/.pg_service.conf", { _ in [:] }),
            ("etc/pg_service.conf", { ["PGSYSCONFDIR": $0 + "/etc"] }),
        ]
        for place in places {
            try? FileManager.default.removeItem(at: directory)
            let path = directory.appendingPathComponent(place.file)
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try section.write(to: path, atomically: true, encoding: .utf8)
            var variables = place.variables(directory.path)
            variables["PGSYSCONFDIR"] = variables["PGSYSCONFDIR"] ?? directory.appendingPathComponent("no-etc").path
            let environment = PostgresEnvironment(variables: variables, currentUserName: "nobody",
                                                  homeDirectory: directory.appendingPathComponent("home").path)
            let store = try await PostgresStore.open(url: "postgres://?service=ledger", environment: environment, readOnly: true)
            let hasEvents = try await store.hasEvents()
            let record = try await store.exceptionRecord(id: "X-1")
            await store.close()
            XCTAssertTrue(hasEvents, place.file)
            XCTAssertNotNil(record, place.file)
        }
        let missing = PostgresEnvironment(variables: ["PGSYSCONFDIR": directory.path], currentUserName: "nobody",
                                          homeDirectory: directory.path)
        do {
            _ = try await PostgresStore.open(url: "postgres://?service=nowhere", environment: missing, readOnly: true)
            XCTFail("opened a store for an undefined service")
        } catch {
            XCTAssertTrue(String(describing: error).contains("definition of service \"nowhere\" not found"), "\(error)")
        }
    }
}
