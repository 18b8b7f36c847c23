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
            exceptionID: "X-1", kind: .postingFailed, severity: .high, summary: "invoice rejected", failedEventID: "inv-1")),
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

    /// Acts as a console would: on the version it sees, through the rules.
    private func act(_ command: ExceptionCommand, by actor: String, minutes: Int64, in store: PostgresStore) async throws {
        let record = try await store.exceptionRecord(id: "X-1")
        let version = try XCTUnwrap(record).version
        _ = try await store.perform(command, on: "X-1", seenVersion: version, by: actor,
                                    now: raisedAt.adding(.seconds(60 * minutes)))
    }

    func testAnalystRecordsConsoleActionsOnly() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let analyst = try await openStore(database: database, user: "ana_\(suffix)")
        try await act(.claim, by: "ana", minutes: 1, in: analyst)
        try await act(.requestReprocess, by: "ana", minutes: 2, in: analyst)
        let requested = try await analyst.exceptionRecord(id: "X-1")
        let requestID = try XCTUnwrap(requested?.reprocessRequests.first?.requestID)
        do {
            try await act(.approveReprocess(requestID: requestID), by: "ana2", minutes: 3, in: analyst)
            XCTFail("an analyst approved a reprocess")
        } catch let error as StoreError {
            guard case .permissionDenied = error else { return XCTFail("expected permissionDenied, got \(error)") }
        }
        try await act(.resolve(.noMapping, note: "reposted"), by: "ana", minutes: 4, in: analyst)
        let backlog = try await analyst.signals(asOf: raisedAt.adding(.days(1)), window: .days(7)).exceptions
        XCTAssertEqual(backlog.open, 0, "resolving updated the projection")
        XCTAssertEqual(backlog.closedInWindow, 1)

        for forbidden in [
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
        let analyst = try await openStore(database: database, user: "ana_\(suffix)")
        try await act(.requestReprocess, by: "ana", minutes: 1, in: analyst)
        let approver = try await openStore(database: database, user: "boss_\(suffix)")
        let requested = try await approver.exceptionRecord(id: "X-1")
        let requestID = try XCTUnwrap(requested?.reprocessRequests.first?.requestID)
        try await act(.approveReprocess(requestID: requestID), by: "boss", minutes: 5, in: approver)
        let approved = try await approver.exceptionRecord(id: "X-1")
        XCTAssertNotNil(approved?.reprocessRequests.first?.approval)
        try await act(.note("an approver is also an analyst"), by: "boss", minutes: 6, in: approver)
    }
}
