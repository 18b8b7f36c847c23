import Foundation
import PostgresTestSupport
import SignalboxCore
import SignalboxPostgres
import SignalboxStore
import XCTest

final class PostgresRolesTests: ClusterTestCase {
    private let raisedAt = Timestamp(epochSeconds: 1_793_000_000)

    private func event(_ id: String, _ payload: EventPayload, source: SourceSystem = .console, minutes: Int64 = 1) -> IngestLine {
        let event = CanonicalEvent(eventID: id, occurredAt: raisedAt.adding(.seconds(60 * minutes)), source: source,
                                   correlationID: "C-1", payload: payload)
        return .event(event, json: event.jsonLine)
    }

    private func ingest(_ lines: IngestLine..., into store: PostgresStore) async throws(StoreError) -> IngestSummary {
        try await store.ingest(IngestBatch(lines: lines))
    }

    /// A migrated database with the roles installed (twice: the script is re-runnable), one open exception,
    /// and login roles `wall_*` (viewer), `ana_*` (analyst) and `boss_*` (approver).
    private func databaseWithRoles() async throws -> (database: String, suffix: String) {
        let (owner, database) = try await migratedStore()
        try cluster.psql(PostgresRoles.script, database: database)
        try cluster.psql(PostgresRoles.script, database: database)
        let suffix = database.suffix(6)
        try cluster.psql("""
            CREATE ROLE wall_\(suffix) LOGIN IN ROLE \(PostgresRoles.viewer);
            CREATE ROLE ana_\(suffix) LOGIN IN ROLE \(PostgresRoles.analyst);
            CREATE ROLE boss_\(suffix) LOGIN IN ROLE \(PostgresRoles.approver);
            """, database: database)
        let raised = try await ingest(event("raise", .exceptionRaised(ExceptionRaised(
            exceptionID: "X-1", kind: .postingFailed, severity: .high, summary: "invoice rejected")),
            source: .middleware, minutes: 0), into: owner)
        XCTAssertEqual(raised.accepted, 1)
        return (database, String(suffix))
    }

    func testViewerReadsButCannotWriteAndIsToldSoInPlainWords() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let viewer = try await openStore(database: database, user: "wall_\(suffix)")
        let signals = try await viewer.signals(asOf: raisedAt.adding(.days(1)), window: .days(7))
        XCTAssertEqual(signals.exceptions.open, 1)
        do {
            _ = try await ingest(event("claim", .exceptionClaimed(ExceptionActor(exceptionID: "X-1", by: "wall"))), into: viewer)
            XCTFail("a viewer wrote to the store")
        } catch {
            guard case .permissionDenied = error else { return XCTFail("expected permissionDenied, got \(error)") }
            let message = error.description
            XCTAssertTrue(message.hasPrefix("permission denied by the store: the database role \"wall_\(suffix)\" is not allowed"),
                          message)
            XCTAssertFalse(message.contains("SQLSTATE"), message)
        }
        let stillOpen = try await viewer.openExceptions(asOf: raisedAt.adding(.days(1)), limit: 10)
        XCTAssertEqual(stillOpen.map(\.exceptionID), ["X-1"])
    }

    func testAnalystRecordsConsoleActionsOnly() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let analyst = try await openStore(database: database, user: "ana_\(suffix)")
        let actions = try await ingest(
            event("claim", .exceptionClaimed(ExceptionActor(exceptionID: "X-1", by: "ana"))),
            event("ask", .reprocessRequested(ReprocessRequested(exceptionID: "X-1", requestID: "R-1", by: "ana")), minutes: 2),
            event("fix", .exceptionResolved(ExceptionResolved(exceptionID: "X-1", by: "ana", note: "reposted")), minutes: 3),
            into: analyst)
        XCTAssertEqual(actions, IngestSummary(accepted: 3, duplicates: 0, rejected: 0))
        let backlog = try await analyst.signals(asOf: raisedAt.adding(.days(1)), window: .days(7)).exceptions
        XCTAssertEqual(backlog.open, 0, "resolving updated the projection")
        XCTAssertEqual(backlog.closedInWindow, 1)

        for forbidden in [
            event("approve", .reprocessApproved(ReprocessApproved(requestID: "R-1", by: "ana")), minutes: 4),
            event("fake", .projectProvisioned(ProjectProvisioned(contractID: "C-1", projectID: "P-1")), minutes: 4),
            event("spoof", .exceptionClaimed(ExceptionActor(exceptionID: "X-1", by: "ana")), source: .middleware, minutes: 4),
        ] {
            do {
                _ = try await ingest(forbidden, into: analyst)
                XCTFail("an analyst recorded \(forbidden)")
            } catch {
                guard case .permissionDenied = error else { return XCTFail("expected permissionDenied, got \(error)") }
            }
        }
    }

    func testApproverMayApproveReprocessing() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let approver = try await openStore(database: database, user: "boss_\(suffix)")
        let approved = try await ingest(
            event("approve", .reprocessApproved(ReprocessApproved(requestID: "R-1", by: "boss")), minutes: 5), into: approver)
        XCTAssertEqual(approved.accepted, 1)
        let claimed = try await ingest(
            event("claim", .exceptionClaimed(ExceptionActor(exceptionID: "X-1", by: "boss"))), into: approver)
        XCTAssertEqual(claimed.accepted, 1, "an approver is also an analyst")
    }

    /// Finding 4 on PostgreSQL: only the approver role (or the owner) changes the reprocess policy, as an audited event.
    func testOnlyAnApproverChangesTheReprocessPolicy() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let policy = ReprocessPolicy(selfApprovalBelow: try ExactDecimal(parsing: "1000000"), selfApprovalCurrency: "USD")
        let analyst = try await openStore(database: database, user: "ana_\(suffix)")
        do {
            _ = try await analyst.setReprocessPolicy(policy, by: "mallory", now: raisedAt.adding(.days(1)))
            XCTFail("an analyst changed the policy")
        } catch {
            XCTAssertEqual(error, .permissionDenied(ExceptionActionError.policyChangeNotPermitted(actor: "mallory").description))
        }
        let unchanged = try await analyst.reprocessPolicy()
        XCTAssertEqual(unchanged, .strict)
        let emptyTrail = try await analyst.auditTrail(since: nil)
        XCTAssertEqual(emptyTrail.count, 0)

        let approver = try await openStore(database: database, user: "boss_\(suffix)")
        let changed = try await approver.setReprocessPolicy(policy, by: "boss", now: raisedAt.adding(.days(1)))
        XCTAssertEqual(changed.type, .reprocessPolicyChanged)
        let seen = try await analyst.reprocessPolicy()
        XCTAssertEqual(seen, policy)
        let trail = try await analyst.auditTrail(since: nil)
        XCTAssertEqual(trail.map(\.event.type), [.reprocessPolicyChanged])
        let findings = try await approver.verifyAudit()
        XCTAssertEqual(findings, [])
    }
}
