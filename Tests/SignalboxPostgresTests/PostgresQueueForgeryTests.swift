import Foundation
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// An analyst login in plain `psql` writing the queue's projections directly (it may: a console action refreshes
/// them in its transaction): the server must hold them to the log, so the queue never shows a state nobody decided.
final class PostgresQueueForgeryTests: ClusterTestCase {
    private let start = Timestamp(epochSeconds: 1_793_100_000)

    private struct Stores {
        var database: String
        var analyst: String
        var owner: PostgresStore
        var analystStore: PostgresStore
    }

    /// Migrated, `signalbox roles` applied, one analyst login; exception Q-1 (its failed event stored) claimed
    /// by the analyst through the store, with a reprocess requested by the analyst.
    private func analystWithAClaim() async throws -> Stores {
        let (owner, database) = try await migratedStore()
        try cluster.psql(PostgresRoles.script, database: database)
        let analyst = "queue_ana_\(database.suffix(6))"
        try cluster.psql("CREATE ROLE \(analyst) LOGIN IN ROLE \(PostgresRoles.analyst)", database: database)
        let failed = CanonicalEvent(
            eventID: "failed-Q-1", occurredAt: start, source: .psa, correlationID: "C-Q",
            payload: .projectProvisioningFailed(ProjectProvisioningFailed(contractID: "C-Q", attempt: 1,
                                                                          reasonCode: "PSA-500", message: "rejected")))
        let raised = CanonicalEvent(
            eventID: "raise-Q-1", occurredAt: start, source: .middleware, correlationID: "C-Q",
            payload: .exceptionRaised(ExceptionRaised(exceptionID: "Q-1", kind: .postingFailed, severity: .high,
                                                      summary: "project not created", amountAtRisk: ExactDecimal(90_000),
                                                      currency: "EUR", failedEventID: "failed-Q-1")))
        _ = try await owner.ingest(IngestBatch(lines: [failed, raised].map { .event($0, json: $0.jsonLine) }))
        let stores = Stores(database: database, analyst: analyst, owner: owner,
                            analystStore: try await openStore(database: database, user: analyst))
        _ = try await stores.analystStore.perform(.claim, on: "Q-1", seenVersion: try await version(of: owner),
                                                  by: analyst, now: start.adding(.seconds(60)))
        return stores
    }

    private func version(of store: PostgresStore) async throws -> Int64 {
        let record = try await store.exceptionRecord(id: "Q-1")
        return try XCTUnwrap(record).version
    }

    /// The queue row as the owner reads it: state, label, assignee, version.
    private func queueRow(_ stores: Stores) throws -> String {
        try cluster.psql("SELECT state, state_label, assignee, version FROM exceptions WHERE exception_id = 'Q-1'",
                         database: stores.database).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A console event by the analyst, sealed after the current head, as an `INSERT` (without touching the head,
    /// which the server's trigger advances).
    private func loggedNote(_ stores: Stores, id: String) async throws -> String {
        let trail = try await stores.owner.auditTrail(since: nil)
        let head = try XCTUnwrap(trail.last?.event.auditSeal?.hash)
        let event = AuditChain.seal(CanonicalEvent(
            eventID: id, occurredAt: start.adding(.seconds(120)), source: .console, correlationID: "C-Q",
            payload: .exceptionNoted(ExceptionNoted(exceptionID: "Q-1", by: stores.analyst, note: "looking"))),
            previousHash: head)
        return """
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            VALUES ('\(id)', 'exception.noted', \(event.occurredAt.microseconds), 'CONSOLE', 'C-Q', 'Q-1',
                    $json$\(event.jsonLine)$json$, 0);
            """
    }

    private func assertRefused(_ sql: String, _ stores: Stores, because reason: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        do {
            try cluster.psql(sql, database: stores.database, user: stores.analyst)
            XCTFail("the analyst was allowed: \(sql)", file: file, line: line)
        } catch ClusterError.commandFailed(_, _, let output) {
            XCTAssertTrue(output.contains(reason), output, file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    func testAnAnalystCannotSetTheQueueStateOrAssigneeInPsql() async throws {
        let stores = try await analystWithAClaim()
        let before = try queueRow(stores)
        XCTAssertTrue(before.hasPrefix("claimed|claimed by \(stores.analyst)|\(stores.analyst)|"), before)

        assertRefused("UPDATE exceptions SET state = 'resolved', state_label = 'resolved by cfo' WHERE exception_id = 'Q-1'",
                      stores, because: "are not what the log says")
        assertRefused("UPDATE exceptions SET assignee = 'bob', state_label = 'claimed by bob' WHERE exception_id = 'Q-1'",
                      stores, because: "are not what the log says")
        assertRefused("UPDATE exceptions SET version = version + 1 WHERE exception_id = 'Q-1'",
                      stores, because: "are not what the log says")
        assertRefused("UPDATE exceptions SET closed_at = 1 WHERE exception_id = 'Q-1'",
                      stores, because: "is not what the log says")
        assertRefused("UPDATE exceptions SET amount_units = 1, severity_rank = 0 WHERE exception_id = 'Q-1'",
                      stores, because: "only the store's owner changes what its raise says")

        // A genuine console event of the analyst's own in the same transaction covers what that event implies
        // (a note changes nothing but the version and the last change), not a state of the analyst's choosing:
        // every other column is what the note implies, so only the state is forged.
        let note = try await loggedNote(stores, id: "note-then-dismiss")
        assertRefused("""
            BEGIN; \(note)
            UPDATE exceptions SET state = 'dismissed', state_label = 'dismissed by \(stores.analyst)',
                version = (SELECT max(seq) FROM events), last_by = '\(stores.analyst)',
                last_at = \(start.adding(.seconds(120)).microseconds) WHERE exception_id = 'Q-1';
            COMMIT;
            """, stores, because: "are not what the log says")
        // Nor may the event be logged while the queue row is left behind it.
        assertRefused(note, stores, because: "its queue row was not brought up to event 'note-then-dismiss'")
        XCTAssertEqual(try queueRow(stores), before, "nothing changed")

        // What that note implies is accepted: the version and the last change, the state unchanged.
        try cluster.psql("""
            BEGIN; \(note)
            UPDATE exceptions SET version = (SELECT max(seq) FROM events), last_by = '\(stores.analyst)',
                last_at = \(start.adding(.seconds(120)).microseconds) WHERE exception_id = 'Q-1';
            COMMIT;
            """, database: stores.database, user: stores.analyst)
        try await assertEqualAsync(try await version(of: stores.owner), try await version(of: stores.analystStore))

        // The console's own writes still pass, and the queue shows what the log says.
        _ = try await stores.analystStore.perform(.dismiss(reason: "duplicate of Q-0"), on: "Q-1",
                                                  seenVersion: try await version(of: stores.owner), by: stores.analyst,
                                                  now: start.adding(.seconds(180)))
        let dismissed = try await stores.owner.exceptionRecord(id: "Q-1")
        let record = try XCTUnwrap(dismissed)
        XCTAssertEqual(try queueRow(stores),
                       "dismissed|dismissed by \(stores.analyst)|\(stores.analyst)|\(record.version)")
    }

    func testAnAnalystCannotRewriteAReprocessRequestPastTheLog() async throws {
        let stores = try await analystWithAClaim()
        _ = try await stores.analystStore.perform(.requestReprocess, on: "Q-1", seenVersion: try await version(of: stores.owner),
                                                  by: stores.analyst, now: start.adding(.seconds(90)))
        let requests = try await stores.owner.reprocessRequests(outstandingOnly: true, limit: 1)
        let request = try XCTUnwrap(requests.first)
        let id = request.request.requestID
        for change in ["failed_event_id = 'failed-elsewhere'", "exception_id = 'Q-0'", "requested_at = 1",
                       "outcome = 'succeeded', message = 'done', completed_at = \(start.adding(.seconds(99)).microseconds)"] {
            assertRefused("UPDATE reprocess_requests SET \(change) WHERE request_id = '\(id)'", stores,
                          because: "reprocess request '\(id)' does not match the log")
        }
        assertRefused("UPDATE exceptions SET state = 'reprocessing', state_label = 'reprocessing (approved by cfo)' WHERE exception_id = 'Q-1'",
                      stores, because: "are not what the log says")
        try await assertEqualAsync(try await stores.owner.reprocessRequests(outstandingOnly: true, limit: 1).first, request)
        XCTAssertTrue(try queueRow(stores).hasPrefix("pending_approval|reprocess pending approval (requested by \(stores.analyst))|"))
    }
}
