import Foundation
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxCore
import SignalboxStore
import XCTest

/// The server goes away and comes back: calls fail fast as unavailable, nothing is half-applied, and the same
/// store object recovers by itself, notifications included.
final class PostgresOutageTests: ClusterTestCase {
    private let raisedAt = Timestamp(epochSeconds: 1_793_000_000)

    private func raise(_ id: String, into store: PostgresStore) async throws {
        let event = CanonicalEvent(eventID: "raise-\(id)", occurredAt: raisedAt, source: .middleware, correlationID: "C-1",
                                   payload: .exceptionRaised(ExceptionRaised(exceptionID: id, kind: .postingFailed,
                                                                             severity: .high, summary: "rejected")))
        _ = try await store.ingest(IngestBatch(lines: [.event(event, json: event.jsonLine)]))
    }

    func testCallsFailFastDuringAnOutageAndTheStoreRecoversByItself() async throws {
        let (store, _) = try await migratedStore()
        try await raise("X-1", into: store)
        let before = try await store.exceptionRecord(id: "X-1")
        let version = try XCTUnwrap(before).version

        try cluster.stopServer()
        let started = ContinuousClock.now
        do {
            _ = try await store.signals(asOf: raisedAt, window: .days(1))
            XCTFail("a call succeeded with the server down")
        } catch {
            guard case .unavailable = error else { return XCTFail("expected unavailable, got \(error)") }
        }
        do {
            _ = try await store.perform(.claim, on: "X-1", seenVersion: version, by: "alice", now: raisedAt)
            XCTFail("an action succeeded with the server down")
        } catch {
            guard case .unavailable = error else { return XCTFail("expected unavailable, got \(error)") }
        }
        // A generous ceiling, not a measurement: a call that waited for the server (a pool that queues requests
        // until it is back, a TCP connect timeout of minutes) would blow it even on a loaded machine, while a
        // refused connection answers in milliseconds.
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(60), "calls must fail, not wait, while the server is down")
        // The console polls only the change token: it must report the outage too, or the screen would look live.
        let tokenError: StoreError = try await eventually(within: 30) {
            do throws(StoreError) { _ = try await store.changeToken() } catch { return error }
            throw StoreError.conflict("the change token still answers with the server down")
        }
        guard case .unavailable = tokenError else { return XCTFail("expected unavailable, got \(tokenError)") }

        try cluster.restartServer()
        let recovered = try await eventually(within: 30) { try await store.exceptionRecord(id: "X-1") }
        let record = try XCTUnwrap(recovered)
        XCTAssertEqual(record.version, version, "the action attempted during the outage was not applied")
        XCTAssertNil(record.claim)
        let findings = try await store.verifyAudit().findings
        XCTAssertEqual(findings, [])

        // Notifications resume: another console's write moves this store's token.
        let token = try await eventually(within: 30) { try await store.changeToken() }
        let other = try await openStore(database: store.configuration.database)
        _ = try await eventually(within: 30) {
            try await other.perform(.claim, on: "X-1", seenVersion: version, by: "bob", now: self.raisedAt)
        }
        _ = try await waitForChange(of: store, after: token, seconds: 30)
    }
}
