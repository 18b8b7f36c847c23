import SignalboxCore
import XCTest

final class ExceptionAuditTests: XCTestCase {
    /// The middleware's raise and three console actions, sealed, with an unchained PSA event between them, as a store
    /// would write them.
    private func sealedLog() throws -> [LoggedEvent] {
        var log = ExceptionTestLog.raised()
        try log.act(.claim, by: "alice", at: 10)
        try log.act(.note("asked finance"), by: "alice", at: 20)
        log.append(.projectProvisioned(ProjectProvisioned(contractID: "C-1", projectID: "P-1")), at: 25, source: .psa)
        try log.act(.dismiss(reason: "test customer"), by: "alice", at: 30)
        var previousHash = AuditChain.genesisHash
        return log.events.map { logged in
            guard AuditChain.isChained(logged.event) else { return logged }
            let sealed = AuditChain.seal(logged.event, previousHash: previousHash)
            previousHash = sealed.auditSeal!.hash
            return LoggedEvent(sequence: logged.sequence, event: sealed)
        }
    }

    private func link(_ logged: LoggedEvent) -> AuditFinding.Link {
        AuditFinding.Link(sequence: logged.sequence, eventID: logged.event.eventID)
    }

    func testAnIntactChainVerifies() throws {
        let log = try sealedLog()
        let chained = log.filter { AuditChain.isChained($0.event) }
        XCTAssertEqual(chained.map(\.event.source), [.middleware, .console, .console, .console],
                       "every change of the exception is chained, whatever its source")
        XCTAssertEqual(chained[0].event.auditSeal?.previousHash, AuditChain.genesisHash)
        XCTAssertEqual(chained[1].event.auditSeal?.previousHash, chained[0].event.auditSeal?.hash)
        XCTAssertNil(log[3].event.auditSeal, "events that change no exception are not chained")
        XCTAssertEqual(AuditChain.verify(log), [])
    }

    func testTheChainSurvivesTheStoreRoundTripThroughJSONLines() throws {
        let reread = try sealedLog().map { logged in
            LoggedEvent(sequence: logged.sequence, event: try CanonicalEvent(jsonLine: Array(logged.event.jsonLine.utf8)))
        }
        XCTAssertEqual(AuditChain.verify(reread), [])
        XCTAssertTrue(reread[0].event.jsonLine.contains(#","audit":{"v":2,"prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":""#))
    }

    func testTheHashIsSHA256OfPreviousHashNewlineAndTheUnsealedLine() throws {
        let event = CanonicalEvent(
            eventID: "c-1", occurredAt: ExceptionFixture.at(0), source: .console, correlationID: "CT-1",
            payload: .exceptionClaimed(ExceptionActor(exceptionID: "EX-1", by: "alice"))
        )
        // printf '%s\n%s' "$(printf '0%.0s' {1..64})" '<line>' | sha256sum
        XCTAssertEqual(event.jsonLine,
                       #"{"event_id":"c-1","type":"exception.claimed","occurred_at":"2026-10-01T09:00:00Z","source":"CONSOLE","correlation_id":"CT-1","data":{"exception_id":"EX-1","by":"alice"}}"#)
        XCTAssertEqual(AuditChain.hash(of: event, previousHash: AuditChain.genesisHash),
                       "4fb3e54d18f35035c5acbfc92d13589eb03285ff74da9822766650a819a0ea87")
        let resealed = AuditChain.seal(AuditChain.seal(event, previousHash: "x"), previousHash: AuditChain.genesisHash)
        XCTAssertEqual(resealed, AuditChain.seal(event, previousHash: AuditChain.genesisHash), "sealing replaces an old seal")
    }

    func testTheSealedLineIsTheSealedEventsJSONLine() throws {
        let plain = CanonicalEvent(
            eventID: "r-1", occurredAt: ExceptionFixture.at(0), source: .middleware, correlationID: "CT-\u{e9}\"1",
            payload: .exceptionNoted(ExceptionNoted(exceptionID: "EX-1", by: "mw", note: "line\nbreak \u{1F600}"))
        )
        var extended = plain
        extended.extensions["trace"] = .object(["span": .string("a\tb")])
        var forged = extended
        forged.extensions[AuditSeal.fieldName] = .object(["prev": .string("x"), "hash": .string("y")])
        forged.extensions["after"] = .number("1")
        for event in [plain, extended, forged] {
            let (sealed, line) = AuditChain.sealedLine(event, previousHash: "ab")
            XCTAssertEqual(sealed, AuditChain.seal(event, previousHash: "ab"))
            XCTAssertEqual(line, sealed.jsonLine, "the line stored is the sealed event's, byte for byte")
            XCTAssertEqual(try CanonicalEvent(jsonLine: Array(line.utf8)), sealed)
        }
        XCTAssertTrue(AuditChain.sealedLine(forged, previousHash: "ab").jsonLine.hasSuffix(#""},"after":1}"#),
                      "a seal the event carried is replaced in its place")
    }

    func testAnEditedRowIsNamed() throws {
        var log = try sealedLog()
        var edited = log[4].event
        edited.payload = .exceptionDismissed(ExceptionDismissed(exceptionID: "EX-1", by: "alice", reason: "paid in full"))
        log[4].event = edited
        let findings = AuditChain.verify(log)
        XCTAssertEqual(findings, [.edited(link(log[4]))])
        XCTAssertEqual(findings.first?.description,
                       #"audited event #5 ("id-3") was edited: its content does not match its audit hash"#)
    }

    func testADeletedRowBreaksTheNextLink() throws {
        var log = try sealedLog()
        let deleted = log.remove(at: 2)
        XCTAssertEqual(deleted.event.type, .exceptionNoted)
        let findings = AuditChain.verify(log)
        XCTAssertEqual(findings, [.brokenLink(link(log[3]), after: link(log[1]))])
        XCTAssertEqual(findings.first?.description,
                       #"chain broken at audited event #5 ("id-3"): its previous hash does not match audited event #2 ("id-1"); "#
                           + "an audited event was deleted, inserted or reordered between them")
    }

    func testDeletingTheFirstLinkIsDetected() throws {
        var log = try sealedLog()
        log.remove(at: 0)
        XCTAssertEqual(AuditChain.verify(log), [.brokenLink(link(log[0]), after: nil)])
    }

    func testReorderedRowsAreDetected() throws {
        var log = try sealedLog()
        let (first, second) = (log[1].event, log[2].event)
        log[1].event = second
        log[2].event = first
        let findings = AuditChain.verify(log)
        XCTAssertEqual(findings.first, .brokenLink(link(log[1]), after: link(log[0])))
        XCTAssertEqual(findings.count, 3)
    }

    func testAConsoleEventWithoutASealIsReported() throws {
        var log = try sealedLog()
        let forged = ExceptionFixture.event(.exceptionNoted(ExceptionNoted(exceptionID: "EX-1", by: "mallory", note: "ok")),
                                            id: "forged", at: 40)
        log.append(LoggedEvent(sequence: 99, event: forged))
        XCTAssertEqual(AuditChain.verify(log), [.unsealed(AuditFinding.Link(sequence: 99, eventID: "forged"))])
    }

    /// Version-1 links (console events of a store written before version 2) still verify, their columns checked
    /// against their content; unsealed raises from before the first version-2 link predate chaining and are skipped.
    func testVersionOneLinksAndUnchainedLegacyEventsStillVerify() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.claim, by: "alice", at: 10)
        try log.act(.note("asked finance"), by: "alice", at: 20)
        var previous = AuditChain.genesisHash
        let legacy = log.events.map { logged -> LoggedEvent in
            guard logged.event.source == .console else { return logged }
            var event = logged.event
            let hash = AuditChain.hash(of: event, previousHash: previous)
            event.extensions[AuditSeal.fieldName] = AuditSeal(version: .v1, previousHash: previous, hash: hash).json
            previous = hash
            return LoggedEvent(sequence: logged.sequence, event: event)
        }
        XCTAssertEqual(legacy[1].event.auditSeal?.version, .v1)
        XCTAssertFalse(legacy[1].event.jsonLine.contains(#""v":"#))
        let next = AuditChain.seal(ExceptionFixture.event(.exceptionNoted(ExceptionNoted(exceptionID: "EX-1", by: "bob", note: "ok")),
                                                          id: "n-2", at: 30), previousHash: previous)
        let upgraded = legacy + [LoggedEvent(sequence: 10, event: next)]
        XCTAssertEqual(AuditChain.verify(upgraded), [])

        var rows = upgraded.map(AuditRow.init)
        rows[1].columns.entityKey = "EX-other"
        XCTAssertEqual(AuditChain.verify(rows).findings, [.columnEdited(link(upgraded[1]), column: "entity_key")])
    }

    /// A checkpoint kept outside catches a chain recomputed after an edit, and truncation.
    func testACheckpointCatchesARecomputedChainAndTruncation() throws {
        let log = try sealedLog()
        let checkpoint = try XCTUnwrap(AuditChain.verify(log.map(AuditRow.init)).checkpoint(at: ExceptionFixture.at(40)))
        XCTAssertEqual(checkpoint.count, 4)
        XCTAssertEqual(AuditCheckpoint(line: checkpoint.description), checkpoint)

        var edited = log.map(\.event)
        edited[2].payload = .exceptionNoted(ExceptionNoted(exceptionID: "EX-1", by: "alice", note: "nothing"))
        var previous = AuditChain.genesisHash
        let recomputed = zip(log, edited).map { logged, event -> LoggedEvent in
            guard AuditChain.isChained(event) else { return logged }
            let sealed = AuditChain.seal(event, previousHash: previous)
            previous = sealed.auditSeal?.hash ?? previous
            return LoggedEvent(sequence: logged.sequence, event: sealed)
        }
        let verification = AuditChain.verify(recomputed.map(AuditRow.init))
        XCTAssertEqual(verification.findings, [], "consistent with itself")
        XCTAssertEqual(verification.findings(against: [checkpoint]),
                       [.checkpointRewritten(checkpoint, link: link(recomputed[4]), firstSuspect: link(recomputed[0]))])

        let truncated = AuditChain.verify(Array(log.prefix(3)).map(AuditRow.init))
        XCTAssertEqual(truncated.findings(against: [checkpoint]), [.checkpointTruncated(checkpoint, linkCount: 3)])
        XCTAssertNil(AuditCheckpoint(line: "signalbox-audit-checkpoint count=2 head=xyz at=2026-01-01T00:00:00Z"))
    }
}
