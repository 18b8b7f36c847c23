import SignalboxCore
import XCTest

final class ExceptionAuditTests: XCTestCase {
    /// A log of three sealed console actions with a middleware event between them, as a store would write it.
    private func sealedLog() throws -> [LoggedEvent] {
        var log = ExceptionTestLog.raised()
        try log.act(.claim, by: "alice", at: 10)
        try log.act(.note("asked finance"), by: "alice", at: 20)
        log.append(.exceptionRaised(ExceptionRaised(exceptionID: "EX-2", kind: .postingFailed, severity: .low, summary: "late")),
                   at: 25, source: .middleware)
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
        let console = log.filter { $0.event.source == .console }
        XCTAssertEqual(console.count, 3)
        XCTAssertEqual(console[0].event.auditSeal?.previousHash, AuditChain.genesisHash)
        XCTAssertEqual(console[1].event.auditSeal?.previousHash, console[0].event.auditSeal?.hash)
        XCTAssertNil(log[0].event.auditSeal, "middleware events are not chained")
        XCTAssertEqual(AuditChain.verify(log), [])
    }

    func testTheChainSurvivesTheStoreRoundTripThroughJSONLines() throws {
        let reread = try sealedLog().map { logged in
            LoggedEvent(sequence: logged.sequence, event: try CanonicalEvent(jsonLine: Array(logged.event.jsonLine.utf8)))
        }
        XCTAssertEqual(AuditChain.verify(reread), [])
        XCTAssertTrue(reread[1].event.jsonLine.contains(#","audit":{"prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":""#))
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

    func testAnEditedRowIsNamed() throws {
        var log = try sealedLog()
        var edited = log[4].event
        edited.payload = .exceptionDismissed(ExceptionDismissed(exceptionID: "EX-1", by: "alice", reason: "paid in full"))
        log[4].event = edited
        let findings = AuditChain.verify(log)
        XCTAssertEqual(findings, [.edited(link(log[4]))])
        XCTAssertEqual(findings.first?.description,
                       #"console event #5 ("id-3") was edited: its content does not match its audit hash"#)
    }

    func testADeletedRowBreaksTheNextLink() throws {
        var log = try sealedLog()
        let deleted = log.remove(at: 2)
        XCTAssertEqual(deleted.event.type, .exceptionNoted)
        let findings = AuditChain.verify(log)
        XCTAssertEqual(findings, [.brokenLink(link(log[3]), after: link(log[1]))])
        XCTAssertEqual(findings.first?.description,
                       #"chain broken at console event #5 ("id-3"): its previous hash does not match console event #2 ("id-1"); "#
                           + "a console event was deleted, inserted or reordered between them")
    }

    func testDeletingTheFirstConsoleRowIsDetected() throws {
        var log = try sealedLog()
        log.remove(at: 1)
        XCTAssertEqual(AuditChain.verify(log), [.brokenLink(link(log[1]), after: nil)])
    }

    func testReorderedRowsAreDetected() throws {
        var log = try sealedLog()
        let (first, second) = (log[1].event, log[2].event)
        log[1].event = second
        log[2].event = first
        let findings = AuditChain.verify(log)
        XCTAssertEqual(findings.first, .brokenLink(link(log[1]), after: nil))
        XCTAssertEqual(findings.count, 3)
    }

    func testAConsoleEventWithoutASealIsReported() throws {
        var log = try sealedLog()
        let forged = ExceptionFixture.event(.exceptionNoted(ExceptionNoted(exceptionID: "EX-1", by: "mallory", note: "ok")),
                                            id: "forged", at: 40)
        log.append(LoggedEvent(sequence: 99, event: forged))
        XCTAssertEqual(AuditChain.verify(log), [.unsealed(AuditFinding.Link(sequence: 99, eventID: "forged"))])
    }
}
