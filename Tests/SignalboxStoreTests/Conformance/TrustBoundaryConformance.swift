import SignalboxCore
import SignalboxStore
import XCTest

/// The trust boundary every store shares: ingested events pass the exception rules (no console action is ingested,
/// no integration approves), every change of an exception is audited and chained, the chain covers the columns
/// the store reads, and checkpoints kept outside the store catch recomputed chains and truncation.
extension StoreConformanceTests {
    private func ingested(_ payload: EventPayload, id: String, source: SourceSystem, at minute: Int64,
                          correlation: String = "CT-X-1") -> IngestLine {
        let event = CanonicalEvent(eventID: id, occurredAt: minutes(minute), source: source, correlationID: correlation,
                                   payload: payload)
        return .event(event, json: event.jsonLine, origin: LineOrigin(sourceName: "feed.jsonl", lineNumber: Int(minute)))
    }

    func checkIngestedEventsPassTheExceptionRules() async throws {
        let store = try await storeWithExceptions(["X-1", "X-2"])
        try await act(.requestReprocess, on: "X-1", by: "alice", at: 1, in: store)
        try await act(.claim, on: "X-2", by: "carol", at: 1, in: store)
        let requestID = try await unwrap(try await store.exceptionRecord(id: "X-1")).reprocessRequests.first?.requestID
        let request = try await unwrap(requestID, "request")
        let summary = try await store.ingest(IngestBatch(lines: [
            ingested(.reprocessApproved(ReprocessApproved(requestID: request, by: "alice")), id: "forged-approval",
                     source: .console, at: 2),
            ingested(.reprocessApproved(ReprocessApproved(requestID: request, by: "bob")), id: "mw-approval",
                     source: .middleware, at: 3),
            ingested(.exceptionClaimed(ExceptionActor(exceptionID: "X-2", by: "mallory")), id: "mw-claim",
                     source: .middleware, at: 4, correlation: "CT-X-2"),
            ingested(.exceptionDismissed(ExceptionDismissed(exceptionID: "X-2", by: "cfo", reason: "fine")), id: "mw-dismiss",
                     source: .middleware, at: 5, correlation: "CT-X-2"),
            ingested(.exceptionResolved(ExceptionResolved(exceptionID: "X-2", by: "bob", note: "cleared upstream")),
                     id: "mw-resolve", source: .middleware, at: 6, correlation: "CT-X-2"),
        ]))
        XCTAssertEqual(summary, IngestSummary(accepted: 1, duplicates: 0, rejected: 4))
        let rejected = try await store.rejectedLines(limit: 10)
        XCTAssertEqual(summary.refusals, rejected, "the summary lists what the store refused, with the rule")
        XCTAssertEqual(rejected.map(\.lineNumber), [2, 3, 4, 5])
        guard rejected.count == 4 else { return }
        XCTAssertEqual(rejected.map(\.sourceName), Array(repeating: "feed.jsonl", count: 4))
        XCTAssertEqual(rejected[0].reason, "console actions are recorded by signalbox, not ingested")
        XCTAssertEqual(rejected[1].reason, "an integration may not approve a reprocess; only a person may, in signalbox")
        XCTAssertTrue(rejected[2].reason.hasPrefix("claimed by carol"), rejected[2].reason)
        XCTAssertEqual(rejected[3].reason, "an integration may not dismiss an exception; only a person may, in signalbox")

        let x1 = try await unwrap(try await store.exceptionRecord(id: "X-1"))
        XCTAssertNil(x1.reprocessRequests.first?.approval, "the forged approvals were not applied")
        let x2 = try await unwrap(try await store.exceptionRecord(id: "X-2"))
        guard case .resolved(by: "bob", _) = x2.state else { return XCTFail("\(x2.state)") }

        // The integration's resolution is in the audit trail and sealed into the chain.
        let trail = try await store.auditTrail(since: nil)
        let resolution = try await unwrap(trail.first { $0.event.eventID == "mw-resolve" }, "the resolution in the trail")
        XCTAssertEqual(resolution.event.auditSeal?.version, .v2)
        try await assertEqual(try await store.verifyAudit().findings, [])
        // Ingesting the same lines again changes nothing and refuses nothing new.
        _ = try await store.ingest(IngestBatch(lines: [
            ingested(.exceptionResolved(ExceptionResolved(exceptionID: "X-2", by: "bob", note: "cleared upstream")),
                     id: "mw-resolve", source: .middleware, at: 6, correlation: "CT-X-2"),
        ]))
        try await assertEqual(try await store.rejectedLines(limit: 10).count, 4)
    }

    /// Issue 20, finding 5: an outcome dated before the approval it answers is refused at the door, beyond the
    /// clock skew the batch tolerates, with the line, the field and why; an approval is never ingested at all.
    func checkAnOutcomeDatedBeforeItsApprovalIsRefused() async throws {
        let store = try await storeWithExceptions(["X-1"])
        try await act(.requestReprocess, on: "X-1", by: "alice", at: 1, in: store)
        let requestID = try await unwrap(try await store.exceptionRecord(id: "X-1")).reprocessRequests.first?.requestID
        let request = try await unwrap(requestID, "request")
        try await act(.approveReprocess(requestID: request), on: "X-1", by: "bob", at: 10, in: store)
        func completion(_ id: String, at minute: Int64) -> IngestLine {
            ingested(.reprocessCompleted(ReprocessCompleted(requestID: request, outcome: .succeeded)), id: id,
                     source: .middleware, at: minute)
        }
        let strict = try await store.ingest(IngestBatch(lines: [
            ingested(.reprocessApproved(ReprocessApproved(requestID: request, by: "mw")), id: "early-approval",
                     source: .middleware, at: 0),
            completion("early-outcome", at: 9),
        ]))
        XCTAssertEqual(strict, IngestSummary(accepted: 0, duplicates: 0, rejected: 2))
        let skewed = try await store.ingest(IngestBatch(lines: [completion("skewed-outcome", at: 7)],
                                                        clockSkewTolerance: .seconds(120)))
        XCTAssertEqual(skewed, IngestSummary(accepted: 0, duplicates: 0, rejected: 1))
        let rejected = try await store.rejectedLines(limit: 10).sorted { $0.lineNumber < $1.lineNumber }
        XCTAssertEqual(rejected.map(\.lineNumber), [0, 7, 9])
        guard rejected.count == 3 else { return }
        XCTAssertEqual(rejected.map(\.sourceName), Array(repeating: "feed.jsonl", count: 3))
        XCTAssertEqual(rejected[0].reason, "an integration may not approve a reprocess; only a person may, in signalbox")
        XCTAssertEqual(rejected[1].reason, "occurred_at: \(minutes(7).rfc3339) is before the approval it answers "
                       + "(\(minutes(10).rfc3339), by bob), beyond the tolerated clock skew of 2m 00s (signalbox ingest --clock-skew)")
        XCTAssertEqual(rejected[2].reason, "occurred_at: \(minutes(9).rfc3339) is before the approval it answers "
                       + "(\(minutes(10).rfc3339), by bob), and no clock skew is tolerated (signalbox ingest --clock-skew)")
        try await assertEqual(try await store.exceptionRecord(id: "X-1")?.reprocessRequests.first?.completion, nil)

        // Within the tolerated skew, and after the approval, an outcome is admitted (once).
        let admitted = try await store.ingest(IngestBatch(lines: [completion("late-enough", at: 9)],
                                                          clockSkewTolerance: .seconds(120)))
        XCTAssertEqual(admitted, IngestSummary(accepted: 1, duplicates: 0, rejected: 0))
        try await assertEqual(try await store.exceptionRecord(id: "X-1")?.reprocessRequests.first?.completion?.at, minutes(9))
    }

    func checkAnEditedEntityKeyIsCaughtByTheChain() async throws {
        let store = try await storeWithExceptions(["X-1"])
        try await act(.dismiss(reason: "duplicate"), on: "X-1", by: "alice", at: 1, in: store)
        let dismissal = try await unwrap(try await store.auditTrail(since: nil).last, "dismissal")
        try await executeBehindTheStore("UPDATE events SET entity_key = 'X-elsewhere' WHERE seq = \(dismissal.sequence)",
                                        on: store)
        let findings = try await store.verifyAudit().findings
        XCTAssertEqual(findings, [.columnEdited(AuditFinding.Link(sequence: dismissal.sequence, eventID: dismissal.event.eventID),
                                                column: "entity_key")])
    }

    func checkACheckpointCatchesARecomputedChainAndTruncation() async throws {
        let store = try await storeWithExceptions(["X-1"])
        try await act(.claim, on: "X-1", by: "alice", at: 1, in: store)
        try await act(.note("first"), on: "X-1", by: "alice", at: 2, in: store)
        let checkpoint = try await unwrap(try await store.verifyAudit().checkpoint(at: minutes(3)), "checkpoint")
        XCTAssertEqual(AuditCheckpoint(line: checkpoint.description), checkpoint)
        try await act(.note("second"), on: "X-1", by: "alice", at: 4, in: store)
        try await assertEqual(try await store.verifyAudit().findings(against: [checkpoint]), [])

        // A writer edits the first note and recomputes every hash and the head: the chain is consistent again...
        var previous = AuditChain.genesisHash
        var updates: [String] = []
        for logged in try await store.auditTrail(since: nil) {
            var event = logged.event
            if case .exceptionNoted(var note) = event.payload, note.note == "first" {
                note.note = "nothing to see"
                event.payload = .exceptionNoted(note)
            }
            let sealed = AuditChain.seal(event, previousHash: previous)
            previous = try await unwrap(sealed.auditSeal?.hash, "hash")
            updates.append("UPDATE events SET payload = '\(sealed.jsonLine.replacingOccurrences(of: "'", with: "''"))' "
                           + "WHERE seq = \(logged.sequence)")
        }
        updates.append("UPDATE audit_head SET hash = '\(previous)' WHERE id = 1")
        for update in updates { try await executeBehindTheStore(update, on: store) }
        let rewritten = try await store.verifyAudit()
        XCTAssertEqual(rewritten.findings, [], "a recomputed chain is consistent with itself")
        // ...but no longer extends the checkpoint kept outside.
        let findings = rewritten.findings(against: [checkpoint])
        XCTAssertEqual(findings.count, 1)
        guard case .checkpointRewritten(checkpoint, _, _)? = findings.first else { return XCTFail("\(findings)") }

        // Truncation, with the head moved back, is caught too.
        let trail = try await store.auditTrail(since: nil)
        let kept = trail[0]
        try await executeBehindTheStore("DELETE FROM events WHERE seq > \(kept.sequence)", on: store)
        try await executeBehindTheStore(
            "UPDATE audit_head SET hash = '\(try await unwrap(kept.event.auditSeal?.hash, "hash"))', seq = \(kept.sequence) WHERE id = 1",
            on: store)
        let truncated = try await store.verifyAudit()
        XCTAssertEqual(truncated.findings, [])
        XCTAssertEqual(truncated.findings(against: [checkpoint]), [.checkpointTruncated(checkpoint, linkCount: 1)])
    }
}
