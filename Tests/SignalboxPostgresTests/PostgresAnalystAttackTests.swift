import Foundation
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// An analyst (or approver) login in plain `psql`, trying what the console would refuse: the server must refuse
/// it too, whatever the client.
final class PostgresAnalystAttackTests: ClusterTestCase {
    private let raisedAt = Timestamp(epochSeconds: 1_793_000_000)

    private struct Setup {
        var database: String
        var analyst: String
        var approver: String
        var owner: PostgresStore
    }

    /// The documented setup: migrate, `signalbox roles`, one analyst and one approver login; exception X-1
    /// (€1,200 at risk) claimed by the analyst through the store, so the chain has a head.
    private func documentedSetup() async throws -> Setup {
        let (owner, database) = try await migratedStore()
        try cluster.psql(PostgresRoles.script, database: database)
        let suffix = database.suffix(6)
        let setup = Setup(database: database, analyst: "ana_\(suffix)", approver: "boss_\(suffix)", owner: owner)
        try cluster.psql("""
            CREATE ROLE \(setup.analyst) LOGIN IN ROLE \(PostgresRoles.analyst);
            CREATE ROLE \(setup.approver) LOGIN IN ROLE \(PostgresRoles.approver);
            """, database: database)
        let raised = CanonicalEvent(
            eventID: "raise-X-1", occurredAt: raisedAt, source: .middleware, correlationID: "C-1",
            payload: .exceptionRaised(ExceptionRaised(exceptionID: "X-1", kind: .postingFailed, severity: .critical,
                                                      summary: "invoice rejected", amountAtRisk: ExactDecimal(1200),
                                                      currency: "EUR", failedEventID: "failed-X-1")))
        _ = try await owner.ingest(IngestBatch(lines: [FailedEventFixture.line(for: "X-1", at: raisedAt), .event(raised, json: raised.jsonLine)]))
        let analyst = try await openStore(database: database, user: setup.analyst)
        _ = try await analyst.perform(.claim, on: "X-1", seenVersion: try await version(owner), by: setup.analyst,
                                      now: raisedAt.adding(.seconds(60)))
        return setup
    }

    private func version(_ store: PostgresStore) async throws -> Int64 {
        let record = try await store.exceptionRecord(id: "X-1")
        return try XCTUnwrap(record).version
    }

    /// A console event chained correctly after the current head, as someone who read the code would forge it.
    private func chainedInsert(_ payload: EventPayload, id: String, owner: PostgresStore) async throws -> String {
        let trail = try await owner.auditTrail(since: nil)
        let head = try XCTUnwrap(trail.last?.event.auditSeal?.hash)
        let event = AuditChain.seal(CanonicalEvent(eventID: id, occurredAt: raisedAt.adding(.seconds(120)), source: .console,
                                                   correlationID: "C-1", payload: payload), previousHash: head)
        return """
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            VALUES ('\(id)', '\(event.type.rawValue)', \(event.occurredAt.microseconds), 'CONSOLE', 'C-1',
                    '\(event.entityKey)', $json$\(event.jsonLine)$json$, 0);
            UPDATE audit_head SET hash = '\(event.auditSeal?.hash ?? "")', seq = (SELECT max(seq) FROM events);
            """
    }

    /// Runs `sql` in psql as `login` and asserts the server refused it with a message containing `reason`.
    private func assertRefused(_ sql: String, as login: String, database: String, because reason: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        do {
            try cluster.psql(sql, database: database, user: login)
            XCTFail("\(login) was allowed: \(sql)", file: file, line: line)
        } catch ClusterError.commandFailed(_, _, let output) {
            XCTAssertTrue(output.contains(reason), output, file: file, line: line)
        }
    }

    func testAnAnalystCannotRecordAnActionAsSomeoneElse() async throws {
        let setup = try await documentedSetup()
        let trail = try await setup.owner.auditTrail(since: nil)
        let forged = try await chainedInsert(.exceptionDismissed(ExceptionDismissed(exceptionID: "X-1", by: "bob", reason: "noise")),
                                             id: "forged-dismissal", owner: setup.owner)
        try assertRefused(forged, as: setup.analyst, database: setup.database,
                          because: "the login \(setup.analyst) records console actions as '\(setup.analyst)', not as 'bob'")
        try await assertEqualAsync(try await setup.owner.auditTrail(since: nil), trail, "nothing was written")
        try await assertEqualAsync(try await setup.owner.exceptionRecord(id: "X-1")?.state,
                                   .claimed(by: setup.analyst, since: raisedAt.adding(.seconds(60))))
        try await assertEqualAsync(try await setup.owner.verifyAudit().findings, [])
    }

    func testAnApproverCannotApproveItsOwnRequestUnlessThePolicyAllowsIt() async throws {
        let setup = try await documentedSetup()
        let analyst = try await openStore(database: setup.database, user: setup.analyst)
        _ = try await analyst.perform(.release, on: "X-1", seenVersion: try await version(setup.owner), by: setup.analyst,
                                      now: raisedAt.adding(.seconds(80)))
        let approver = try await openStore(database: setup.database, user: setup.approver)
        _ = try await approver.perform(.requestReprocess, on: "X-1", seenVersion: try await version(setup.owner),
                                       by: setup.approver, now: raisedAt.adding(.seconds(90)))
        let requests = try await setup.owner.reprocessRequests(outstandingOnly: true, limit: 1)
        let request = try XCTUnwrap(requests.first)
        let approval = EventPayload.reprocessApproved(ReprocessApproved(requestID: request.request.requestID, by: setup.approver))
        let selfApproval = try await chainedInsert(approval, id: "self-approval", owner: setup.owner)
        try assertRefused(selfApproval, as: setup.approver, database: setup.database,
                          because: "four eyes: '\(setup.approver)' requested this reprocessing and may not approve it")
        try await assertEqualAsync(try await setup.owner.reprocessRequests(outstandingOnly: true, limit: 1).first?.request.approval,
                                   nil)

        // Below €1,000 only: shrinking the amount in the queue's projection is refused, and the log's amount counts anyway.
        _ = try await setup.owner.setReprocessPolicy(ReprocessPolicy(selfApprovalBelow: ExactDecimal(1000), selfApprovalCurrency: "EUR"),
                                                     by: try await setup.owner.identity().actor, now: raisedAt.adding(.seconds(95)))
        try assertRefused("UPDATE exceptions SET amount_units = 1 WHERE exception_id = 'X-1'", as: setup.approver,
                          database: setup.database, because: "only the store's owner changes what its raise says")
        try assertRefused(selfApproval, as: setup.approver, database: setup.database, because: "four eyes")

        // The owner allows self-approval below €5,000.
        _ = try await setup.owner.setReprocessPolicy(ReprocessPolicy(selfApprovalBelow: ExactDecimal(5000), selfApprovalCurrency: "EUR"),
                                                     by: try await setup.owner.identity().actor, now: raisedAt.adding(.seconds(96)))
        // The same statement now passes the server's check (with the queue row brought up to it, as the console does).
        let allowed = try await chainedInsert(approval, id: "self-approval", owner: setup.owner)
        try cluster.psql("""
            BEGIN; \(allowed.components(separatedBy: "UPDATE audit_head")[0])
            UPDATE exceptions SET state = 'reprocessing', state_label = 'reprocessing (approved by \(setup.approver))',
                version = (SELECT max(seq) FROM events), last_by = '\(setup.approver)',
                last_at = \(raisedAt.adding(.seconds(120)).microseconds) WHERE exception_id = 'X-1';
            COMMIT;
            """, database: setup.database, user: setup.approver)
        try await assertEqualAsync(try await setup.owner.exceptionRecord(id: "X-1")?.state,
                                   .reprocessing(requestID: request.request.requestID, approvedBy: setup.approver,
                                                 since: raisedAt.adding(.seconds(120))))
    }

    /// An approver may change the reprocess policy, but only as a logged decision: writing `settings` in `psql`
    /// without the `reprocess.policy_changed` event, or to other values than the event records, is refused.
    func testAnApproverCannotLoosenThePolicyOutsideTheAuditTrail() async throws {
        let setup = try await documentedSetup()
        let loosen = "DELETE FROM settings WHERE key LIKE 'reprocess.%'; INSERT INTO settings VALUES ('reprocess.four_eyes', 'false');"
        try assertRefused(loosen, as: setup.approver, database: setup.database,
                          because: "the reprocess policy changes only with its reprocess.policy_changed event")
        try assertRefused("INSERT INTO settings VALUES ('reprocess.four_eyes', 'false')", as: setup.approver,
                          database: setup.database, because: "the reprocess policy changes only with its reprocess.policy_changed event")
        try await assertEqualAsync(try await setup.owner.reprocessPolicy(), .strict)

        let approver = try await openStore(database: setup.database, user: setup.approver)
        let threshold = ReprocessPolicy(selfApprovalBelow: ExactDecimal(500), selfApprovalCurrency: "EUR")
        let changed = try await approver.setReprocessPolicy(threshold, by: setup.approver, now: raisedAt.adding(.seconds(70)))
        XCTAssertEqual(changed.type, .reprocessPolicyChanged)
        try await assertEqualAsync(try await setup.owner.reprocessPolicy(), threshold)
        try await assertEqualAsync(try await setup.owner.verifyAudit().findings, [])

        // A logged change in the same transaction does not cover different values.
        let logged = try await chainedInsert(.reprocessPolicyChanged(ReprocessPolicyChanged(
            by: setup.approver, from: threshold, to: threshold)), id: "policy-forged", owner: setup.owner)
        let sneaked = "BEGIN; " + logged.components(separatedBy: "UPDATE audit_head")[0]
            + " DELETE FROM settings WHERE key = 'reprocess.self_approval_below';"
            + " INSERT INTO settings VALUES ('reprocess.self_approval_below', '50000'); COMMIT;"
        try assertRefused(sneaked, as: setup.approver, database: setup.database,
                          because: "is not the policy the audit trail records")
        try await assertEqualAsync(try await setup.owner.reprocessPolicy(), threshold)

        let analyst = try await openStore(database: setup.database, user: setup.analyst)
        do {
            _ = try await analyst.setReprocessPolicy(.strict, by: setup.analyst, now: raisedAt.adding(.seconds(80)))
            XCTFail("an analyst changed the reprocess policy")
        } catch {
            XCTAssertEqual(error, .permissionDenied(ExceptionActionError.policyChangeNotPermitted(actor: setup.analyst).description))
        }
    }

    func testNoRoleButTheOwnerRewritesTheLogOrTheAuditHead() async throws {
        let setup = try await documentedSetup()
        let trail = try await setup.owner.auditTrail(since: nil)
        let statements = [
            "UPDATE events SET payload = replace(payload, 'claimed', 'dismissed')",
            "DELETE FROM events WHERE source = 'CONSOLE'",
            "UPDATE audit_head SET hash = '\(AuditChain.genesisHash)', seq = 0",
            "DELETE FROM audit_head",
            "TRUNCATE events",
        ]
        for login in [setup.analyst, setup.approver] {
            for statement in statements {
                try assertRefused(statement, as: login, database: setup.database, because: "permission denied")
            }
        }
        // Even granted by mistake, the privilege does not help: the triggers refuse (row-level security already
        // hides every row of `events` from an UPDATE or DELETE by a role without such a policy).
        try cluster.psql("GRANT UPDATE, DELETE, TRUNCATE ON events, audit_head TO \(PostgresRoles.analyst)",
                         database: setup.database)
        for statement in statements {
            if statement.contains("audit_head") || statement.hasPrefix("TRUNCATE") {
                try assertRefused(statement, as: setup.analyst, database: setup.database,
                                  because: "on \(statement.contains("audit_head") ? "audit_head" : "events") is reserved to the store's owner")
            } else {
                try cluster.psql(statement, database: setup.database, user: setup.analyst)
            }
        }
        try await assertEqualAsync(try await setup.owner.auditTrail(since: nil), trail)
        try await assertEqualAsync(try await setup.owner.verifyAudit().findings, [])
    }

    /// The middleware replays what `reprocess_requests` says is approved, and consoles suggest what
    /// `remembered_mappings` holds: an analyst cannot write either past the log.
    func testAnAnalystCannotApproveOrRememberAMappingByEditingTheProjections() async throws {
        let setup = try await documentedSetup()
        let analyst = try await openStore(database: setup.database, user: setup.analyst)
        _ = try await analyst.perform(.requestReprocess, on: "X-1", seenVersion: try await version(setup.owner),
                                      by: setup.analyst, now: raisedAt.adding(.seconds(90)))
        let requests = try await setup.owner.reprocessRequests(outstandingOnly: true, limit: 1)
        let requestID = try XCTUnwrap(requests.first).request.requestID
        try assertRefused("UPDATE reprocess_requests SET approved_by = 'bob', approved_at = 1 WHERE request_id = '\(requestID)'",
                          as: setup.analyst, database: setup.database,
                          because: "reprocess request '\(requestID)' does not match the log")
        try assertRefused("UPDATE reprocess_requests SET requested_by = 'bob' WHERE request_id = '\(requestID)'",
                          as: setup.analyst, database: setup.database, because: "does not match the log")
        try assertRefused("""
            INSERT INTO remembered_mappings VALUES ('CRM', 'C-17', 'ERP', 'EVIL', '\(setup.analyst)', 1, 'X-1', 1)
            """, as: setup.analyst, database: setup.database, because: "remembered mapping of CRM/C-17 does not match the log")
        let after = try await setup.owner.reprocessRequests(outstandingOnly: true, limit: 1)
        XCTAssertEqual(after.first?.request.approval, nil, "nothing for the middleware to replay")
        let suggestion = try await setup.owner.mappingSuggestion(for: RecordKey(system: "CRM", key: "C-17"))
        XCTAssertNil(suggestion)

        // The console's own writes of the same tables still pass: an approver approves, the analyst resolves.
        let approver = try await openStore(database: setup.database, user: setup.approver)
        _ = try await approver.perform(.approveReprocess(requestID: requestID), on: "X-1",
                                       seenVersion: try await version(setup.owner), by: setup.approver,
                                       now: raisedAt.adding(.seconds(100)))
        let approved = try await setup.owner.reprocessRequests(outstandingOnly: true, limit: 1)
        XCTAssertEqual(approved.first?.request.approval?.by, setup.approver)
    }
}
