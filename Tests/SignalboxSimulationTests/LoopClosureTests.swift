import SignalboxCore
import SignalboxSQLite
import SignalboxSimulation
import SignalboxStore
import XCTest

/// People decide in the store; the simulated middleware reacts on its next step.
final class LoopClosureTests: XCTestCase {
    func testResolvedMappingActivatesTheBlockedContract() async throws {
        let fixture = try LiveStoreFixture()
        try await fixture.store.setNamedActorsAllowed(true)  // alice and bob on one OS account
        defer { fixture.remove() }
        let simulator = try fixture.simulator()
        let row = try await fixture.stepUntil(simulator) { try await fixture.openExceptions([.ambiguousCustomerMapping]).first }
        let contract = row.correlationID
        let before = try await types(of: contract, in: fixture.store)
        XCTAssertFalse(before.contains(.projectProvisioned), "blocked until mapped")

        let now = try await simulatedNow(simulator, fixture)
        _ = try await fixture.store.perform(.resolve(.candidate(index: 0), note: nil), on: row.exceptionID,
                                            seenVersion: row.version, by: "alice", now: now)
        let report = try await fixture.step(simulator)

        XCTAssertGreaterThanOrEqual(report.activations, 1)
        let activated = try await types(of: contract, in: fixture.store)
        XCTAssertTrue(activated.contains(.projectProvisioned) && activated.contains(.billingScheduleCreated), "\(activated)")
        for _ in 0..<24 { _ = try await fixture.step(simulator) }
        let record = try await fixture.store.exceptionRecord(id: row.exceptionID)
        XCTAssertEqual(record?.state, .resolved(by: "alice", at: now))
        let signals = try await fixture.store.signals(asOf: report.simulatedTime.adding(.seconds(1)), window: .days(7))
        XCTAssertGreaterThanOrEqual(signals.activation.count, 1)
        let after = try await types(of: contract, in: fixture.store)
        XCTAssertEqual(after.filter { $0 == .projectProvisioned }.count, 1)
    }

    func testApprovedReprocessIsReplayedExactlyOnceAcrossRestarts() async throws {
        let fixture = try LiveStoreFixture(replaySuccessPerMille: 1000)
        try await fixture.store.setNamedActorsAllowed(true)  // alice and bob on one OS account
        defer { fixture.remove() }
        let first = try fixture.simulator()
        let row = try await fixture.stepUntil(first) {
            try await fixture.openExceptions([.provisioningFailed, .postingFailed, .rateMismatch, .amendmentConflict]).first
        }
        let now = try await simulatedNow(first, fixture)
        let store = fixture.store
        _ = try await store.perform(.requestReprocess, on: row.exceptionID, seenVersion: row.version, by: "alice", now: now)
        var record = try await exceptionRecord(row.exceptionID, in: store)
        let requestID = try XCTUnwrap(record.outstandingReprocess?.requestID)

        do {
            _ = try await store.perform(.approveReprocess(requestID: requestID), on: row.exceptionID,
                                        seenVersion: record.version, by: "alice", now: now)
            XCTFail("alice approved her own request")
        } catch {
            guard case .rejected = error else { return XCTFail("expected a four-eyes rejection, got \(error)") }
        }
        let unapproved = try await fixture.step(first)
        XCTAssertEqual(unapproved.replays, 0, "nothing is replayed before approval")
        record = try await exceptionRecord(row.exceptionID, in: store)
        _ = try await store.perform(.approveReprocess(requestID: requestID), on: row.exceptionID,
                                    seenVersion: record.version, by: "bob", now: now)

        let approved = try await fixture.step(first)
        XCTAssertEqual(approved.replays, 1)
        let restarted = try fixture.simulator()
        _ = try await fixture.step(restarted)
        _ = try await fixture.step(first)

        let completions = try await store.events(correlationID: row.correlationID).filter {
            if case .reprocessCompleted(let data) = $0.event.payload { data.requestID == requestID } else { false }
        }
        XCTAssertEqual(completions.map(\.event.eventID), ["sim-reprocess-\(requestID)"])
        XCTAssertEqual(completions.first?.event.source, .middleware)
        record = try await exceptionRecord(row.exceptionID, in: store)
        XCTAssertEqual(record.reprocessRequests.first?.status(exceptionClosed: record.isClosed), .succeeded)
        XCTAssertTrue(record.isClosed, "a successful replay is followed by exception.resolved")
    }

    func testDismissedExceptionIsLeftAlone() async throws {
        let fixture = try LiveStoreFixture()
        try await fixture.store.setNamedActorsAllowed(true)  // alice and bob on one OS account
        defer { fixture.remove() }
        let simulator = try fixture.simulator()
        let row = try await fixture.stepUntil(simulator) { try await fixture.openExceptions([.ambiguousCustomerMapping]).first }
        let now = try await simulatedNow(simulator, fixture)
        _ = try await fixture.store.perform(.dismiss(reason: "test customer"), on: row.exceptionID,
                                            seenVersion: row.version, by: "alice", now: now)
        for _ in 0..<6 {
            let report = try await fixture.step(simulator)
            XCTAssertEqual(report.activations, 0)
        }
        let stillBlocked = try await types(of: row.correlationID, in: fixture.store)
        XCTAssertFalse(stillBlocked.contains(.projectProvisioned))
    }

    func testRememberedMappingResolvesTheNextExceptionAboutTheSameCustomer() async throws {
        let fixture = try LiveStoreFixture()
        try await fixture.store.setNamedActorsAllowed(true)  // alice and bob on one OS account
        defer { fixture.remove() }
        let simulator = try fixture.simulator()
        let row = try await fixture.stepUntil(simulator) { try await fixture.openExceptions([.ambiguousCustomerMapping]).first }
        let now = try await simulatedNow(simulator, fixture)
        _ = try await fixture.store.perform(.resolve(.candidate(index: 0), note: nil), on: row.exceptionID,
                                            seenVersion: row.version, by: "alice", now: now)
        let subject = try XCTUnwrap(row.subject)
        let auto = try await fixture.stepUntil(simulator, hours: 24 * 30) { () async throws -> CanonicalEvent? in
            var query = ExceptionQuery()
            query.includeClosed = true
            query.subject = RecordKey(subject)
            for other in try await fixture.store.exceptionRows(query, now: now) where other.exceptionID != row.exceptionID {
                let events = try await fixture.store.events(correlationID: other.correlationID)
                if let resolved = events.first(where: { $0.event.eventID == "sim-automap-\(other.exceptionID)" }) { return resolved.event }
            }
            return nil
        }
        XCTAssertEqual(auto.source, .middleware)
        guard case .exceptionResolved(let data) = auto.payload else { return XCTFail("\(auto.payload)") }
        let chosen = try await exceptionRecord(row.exceptionID, in: fixture.store).resolution?.mapping
        XCTAssertEqual(data.mapping?.targetKey, chosen?.targetKey)
        XCTAssertEqual(data.mapping?.sourceKey, subject.key)
        let autoActivated = try await types(of: auto.correlationID, in: fixture.store)
        XCTAssertTrue(autoActivated.contains(.projectProvisioned))
    }

    private func simulatedNow(_ simulator: IntegrationSimulator, _ fixture: LiveStoreFixture) async throws -> Timestamp {
        let timeline = await simulator.timeline
        return try XCTUnwrap(timeline).simulatedTime(atWall: fixture.clock.now())
    }

    private func exceptionRecord(_ id: String, in store: SQLiteStore) async throws -> ExceptionRecord {
        let record = try await store.exceptionRecord(id: id)
        return try XCTUnwrap(record)
    }

    private func types(of contract: String, in store: SQLiteStore) async throws -> [EventType] {
        try await store.events(correlationID: contract).map(\.event.payload.type)
    }
}
