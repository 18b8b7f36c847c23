import Foundation
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// The roles `signalbox roles` creates, used through the store as each login would: what each may do, under
/// which name, and that none needs to create anything to open the store writable.
final class PostgresRolesTests: ClusterTestCase {
    private let raisedAt = Timestamp(epochSeconds: 1_793_000_000)

    /// A migrated database with the roles installed (twice: the script is re-runnable), exceptions
    /// (€1,200 at risk), and login roles `wall_*` (viewer), `ana_*` (analyst) and `boss_*` (approver).
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
        let raised = try await owner.ingest(IngestBatch(lines: ["X-1", "X-2"].flatMap { [FailedEventFixture.line(for: $0, at: raisedAt), raise($0)] }))
        XCTAssertEqual(raised.accepted, 4)
        return (database, String(suffix))
    }

    private func raise(_ id: String) -> IngestLine {
        let event = CanonicalEvent(
            eventID: "raise-\(id)", occurredAt: raisedAt, source: .middleware, correlationID: "C-1",
            payload: .exceptionRaised(ExceptionRaised(exceptionID: id, kind: .postingFailed, severity: .high,
                                                      summary: "invoice rejected", amountAtRisk: ExactDecimal(1200),
                                                      currency: "EUR", failedEventID: "failed-\(id)")))
        return .event(event, json: event.jsonLine)
    }

    @discardableResult
    private func act(_ command: ExceptionCommand, on id: String, by actor: String,
                     in store: PostgresStore) async throws(StoreError) -> [CanonicalEvent] {
        let version = try await store.exceptionRecord(id: id)?.version ?? 0
        return try await store.perform(command, on: id, seenVersion: version, by: actor, now: raisedAt.adding(.seconds(60)))
    }

    private func assertPermissionDenied<T>(_ body: () async throws -> T, containing text: String,
                                           file: StaticString = #filePath, line: UInt = #line) async {
        do {
            _ = try await body()
            XCTFail("expected a refusal containing \(text.debugDescription)", file: file, line: line)
        } catch {
            guard case .permissionDenied(let message)? = error as? StoreError else {
                return XCTFail("got \(error)", file: file, line: line)
            }
            XCTAssertTrue(message.contains(text), message, file: file, line: line)
        }
    }

    func testViewerReadsButCannotWriteAndIsToldSoInPlainWords() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let viewer = try await openStore(database: database, user: "wall_\(suffix)")
        let signals = try await viewer.signals(asOf: raisedAt.adding(.days(1)), window: .days(7))
        XCTAssertEqual(signals.exceptions.open, 2)
        do {
            _ = try await viewer.ingest(IngestBatch(lines: [raise("X-3")]))
            XCTFail("a viewer wrote to the store")
        } catch {
            guard case .permissionDenied = error else { return XCTFail("expected permissionDenied, got \(error)") }
            let message = error.description
            XCTAssertTrue(message.hasPrefix("permission denied by the store: the database role \"wall_\(suffix)\" is not allowed"),
                          message)
            XCTAssertFalse(message.contains("SQLSTATE"), message)
        }
        await assertPermissionDenied({ try await act(.claim, on: "X-1", by: "wall_\(suffix)", in: viewer) },
                                     containing: "wall_\(suffix)")
        let stillOpen = try await viewer.openExceptions(asOf: raisedAt.adding(.days(1)), limit: 10)
        XCTAssertEqual(stillOpen.map(\.exceptionID), ["X-1", "X-2"])
    }

    /// On PostgreSQL 15 no role but the owner may create anything in schema public; opening writable must not try.
    func testEveryRoleOpensTheStoreWritableWithoutCreatingAnything() async throws {
        let (database, suffix) = try await databaseWithRoles()
        for login in ["wall_\(suffix)", "ana_\(suffix)", "boss_\(suffix)"] {
            let store = try await openStore(database: database, user: login)
            try await store.migrate()
            try await assertEqualAsync(try await store.schemaVersion(), PostgresSchema.currentVersion)
        }
        let owner = try await openStore(database: database)
        try await execute("DELETE FROM schema_version WHERE version = \(PostgresSchema.currentVersion)", on: owner)
        let analyst = try await openStore(database: database, user: "ana_\(suffix)")
        await assertPermissionDenied({ try await analyst.migrate() },
                                     containing: "the store's owner must run `signalbox migrate`")
    }

    func testAnAnalystActsUnderItsLoginOnlyAndCannotApprove() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let login = "ana_\(suffix)"
        let analyst = try await openStore(database: database, user: login)
        let identity = try await analyst.identity()
        XCTAssertEqual(identity, StoreIdentity(actor: login, authenticatedAs: "PostgreSQL login \"\(login)\"", mayNameOthers: false))
        XCTAssertThrowsError(try identity.actor(requested: "carol"), "SIGNALBOX_USER=carol is refused")

        try await act(.claim, on: "X-1", by: login, in: analyst)
        try await act(.requestReprocess, on: "X-1", by: login, in: analyst)
        await assertPermissionDenied({ try await act(.note("as bob"), on: "X-1", by: "bob", in: analyst) },
                                     containing: "records console actions as '\(login)', not as 'bob'")
        try await act(.resolve(.noMapping, note: "reposted"), on: "X-2", by: login, in: analyst)
        let backlog = try await analyst.signals(asOf: raisedAt.adding(.days(1)), window: .days(7)).exceptions
        XCTAssertEqual(backlog.open, 1, "resolving updated the projection")

        try await assertEqualAsync(try await analyst.verifyAudit().findings, [])
    }

    func testAnApproverApprovesOthersRequestsOnly() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let analyst = try await openStore(database: database, user: "ana_\(suffix)")
        let approver = try await openStore(database: database, user: "boss_\(suffix)")
        try await act(.requestReprocess, on: "X-1", by: "ana_\(suffix)", in: analyst)
        let requests = try await approver.reprocessRequests(outstandingOnly: true, limit: 10)
        let request = try XCTUnwrap(requests.first)
        let approved = try await act(.approveReprocess(requestID: request.request.requestID), on: "X-1",
                                     by: "boss_\(suffix)", in: approver)
        XCTAssertEqual(approved.map(\.type), [.reprocessApproved])

        try await act(.requestReprocess, on: "X-2", by: "boss_\(suffix)", in: approver)
        let outstanding = try await approver.reprocessRequests(outstandingOnly: true, limit: 10)
        let own = try XCTUnwrap(outstanding.first { $0.exceptionID == "X-2" })
        do {
            try await act(.approveReprocess(requestID: own.request.requestID), on: "X-2", by: "boss_\(suffix)", in: approver)
            XCTFail("an approver approved its own request")
        } catch {
            XCTAssertEqual(error, .rejected(ExceptionActionError.fourEyes(requestedBy: "boss_\(suffix)").description))
        }
        do {
            _ = try await analyst.setReprocessPolicy(ReprocessPolicy(fourEyes: false), by: "ana_\(suffix)", now: raisedAt.adding(.seconds(120)))
            XCTFail("an analyst changed the reprocess policy")
        } catch {
            XCTAssertEqual(error, .permissionDenied(ExceptionActionError.policyChangeNotPermitted(actor: "ana_\(suffix)").description))
        }
    }

    /// The analyst role records console actions through the rules only: it cannot ingest another system's
    /// events, nor a console event dressed as the middleware.
    func testAnAnalystCannotIngestOtherSystemsEvents() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let analyst = try await openStore(database: database, user: "ana_\(suffix)")
        let forged: [(SourceSystem, EventPayload)] = [
            (.psa, .projectProvisioned(ProjectProvisioned(contractID: "C-1", projectID: "P-1"))),
            (.middleware, .exceptionClaimed(ExceptionActor(exceptionID: "X-1", by: "ana_\(suffix)"))),
        ]
        for (source, payload) in forged {
            let event = CanonicalEvent(eventID: "forged-\(payload.type.rawValue)", occurredAt: raisedAt.adding(.seconds(120)),
                                       source: source, correlationID: "C-1", payload: payload)
            await assertPermissionDenied({ try await analyst.ingest(IngestBatch(lines: [.event(event, json: event.jsonLine)])) },
                                         containing: "ana_\(suffix)")
        }
        try await assertEqualAsync(try await analyst.exceptionRecord(id: "X-1")?.state, .open)
    }

    func testTheOwnerMapsLoginsToTheNamesActionsAreRecordedUnder() async throws {
        let (database, suffix) = try await databaseWithRoles()
        let login = "ana_\(suffix)"
        try cluster.psql("INSERT INTO actor_names (login, display_name) VALUES ('\(login)', 'Ana Lyst')", database: database)
        let analyst = try await openStore(database: database, user: login)
        try await assertEqualAsync(try await analyst.identity().actor, "Ana Lyst")
        await assertPermissionDenied({ try await act(.claim, on: "X-1", by: login, in: analyst) },
                                     containing: "records console actions as 'Ana Lyst'")
        try await act(.claim, on: "X-1", by: "Ana Lyst", in: analyst)
        try await assertEqualAsync(try await analyst.exceptionRecord(id: "X-1")?.state, .claimed(by: "Ana Lyst", since: raisedAt.adding(.seconds(60))))
        do {
            try await analyst.setNamedActorsAllowed(true)
            XCTFail("named actors switched on for a PostgreSQL store")
        } catch {
            guard case .rejected = error else { return XCTFail("\(error)") }
        }
        let owner = try await openStore(database: database)
        try await assertEqualAsync(try await owner.identity().mayNameOthers, true, "the owner may name actors")
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
        let emptyTrail = try await analyst.auditTrail(since: nil).filter { $0.event.source == .console }
        XCTAssertEqual(emptyTrail.count, 0)

        let approver = try await openStore(database: database, user: "boss_\(suffix)")
        let changed = try await approver.setReprocessPolicy(policy, by: "boss_\(suffix)", now: raisedAt.adding(.days(1)))
        XCTAssertEqual(changed.type, .reprocessPolicyChanged)
        let seen = try await analyst.reprocessPolicy()
        XCTAssertEqual(seen, policy)
        let trail = try await analyst.auditTrail(since: nil).filter { $0.event.source == .console }
        XCTAssertEqual(trail.map(\.event.type), [.reprocessPolicyChanged])
        let findings = try await approver.verifyAudit().findings
        XCTAssertEqual(findings, [])
    }
}

/// `XCTAssertEqual` for async expressions.
func assertEqualAsync<T: Equatable>(_ actual: @autoclosure () async throws -> T, _ expected: T, _ message: String = "",
                                    file: StaticString = #filePath, line: UInt = #line) async throws {
    let value = try await actual()
    XCTAssertEqual(value, expected, message, file: file, line: line)
}
