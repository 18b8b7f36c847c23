import Foundation
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxCore
import SignalboxStore
import XCTest

/// Two hosts in the URL; the primary stops and the standby is promoted: stores report the outage (consoles show
/// stale data), refuse actions meanwhile without writing anything, and move to the new primary by themselves.
final class PostgresFailoverTests: ClusterTestCase {
    func testStoresFollowAPromotedStandbyAndNothingIsHalfWritten() async throws {
        let primaryCluster = try cluster
        let (seed, database) = try await migratedStore()
        try await ReplicaFixtures.raise("X-1", into: seed)
        let standbyCluster = try primaryCluster.startStandby()
        defer { standbyCluster.tearDown() }
        let url = ReplicaFixtures.url([primaryCluster, standbyCluster], database: database)
        let writer = try await PostgresStore.open(url: url + "&target_session_attrs=read-write",
                                                  environment: ReplicaFixtures.environment)
        addTeardownBlock { await writer.close() }
        let reader = try await PostgresStore.open(url: url, environment: ReplicaFixtures.environment, readOnly: true)
        addTeardownBlock { await reader.close() }
        let standby = ReplicaFixtures.address(of: standbyCluster)
        XCTAssertEqual(writer.server, ReplicaFixtures.address(of: primaryCluster))
        let before = try await writer.exceptionRecord(id: "X-1")
        let version = try XCTUnwrap(before).version
        // The standby has the exception before the primary goes.
        _ = try await eventually(within: 30) {
            let probe = try await PostgresStore.open(url: ReplicaFixtures.url([standbyCluster], database: database),
                                                     environment: ReplicaFixtures.environment, readOnly: true)
            defer { Task { await probe.close() } }
            guard try await probe.exceptionRecord(id: "X-1") != nil else { throw StoreError.notFound("X-1 on standby") }
        }

        try primaryCluster.stopServer()
        let stale: StoreError = try await eventually(within: 30) {
            do throws(StoreError) { _ = try await writer.changeToken() } catch { return error }
            throw StoreError.conflict("the change token still answers with the primary down")
        }
        guard case .unavailable = stale else { return XCTFail("expected unavailable, got \(stale)") }
        do {
            _ = try await writer.perform(.claim, on: "X-1", seenVersion: version, by: "alice", now: ReplicaFixtures.raisedAt)
            XCTFail("a claim succeeded during the switch")
        } catch {
            guard case .unavailable = error else { return XCTFail("expected unavailable during the switch, got \(error)") }
        }
        // A reader moves to the standby as soon as the primary is gone.
        _ = try await eventually(within: 30) {
            guard reader.server == standby else { throw StoreError.unavailable("reader still on the old primary") }
            _ = try await reader.changeToken()
        }

        let promoting = ContinuousClock.now
        try standbyCluster.promote()
        let promoted = ContinuousClock.now
        _ = try await eventually(within: 60) {
            guard writer.server == standby else { throw StoreError.unavailable("writer not on the new primary yet") }
            _ = try await writer.changeToken()
        }
        print("failover: pg_ctl promote -w took \(promoted - promoting); writer answering on the new primary "
              + "\(ContinuousClock.now - promoting) after the promotion started")

        let after = try await writer.exceptionRecord(id: "X-1")
        let record = try XCTUnwrap(after)
        XCTAssertEqual(record.version, version, "the claim refused during the switch left nothing behind")
        XCTAssertNil(record.claim)
        _ = try await writer.perform(.claim, on: "X-1", seenVersion: version, by: "alice", now: ReplicaFixtures.raisedAt)
        let findings = try await writer.verifyAudit().findings
        XCTAssertEqual(findings, [])
        // The reader, still on the (now promoted) server, sees the claim.
        let seen = try await eventually(within: 30) {
            guard let claim = try await reader.exceptionRecord(id: "X-1")?.claim else { throw StoreError.notFound("claim") }
            return claim
        }
        XCTAssertNotNil(seen)
    }
}
