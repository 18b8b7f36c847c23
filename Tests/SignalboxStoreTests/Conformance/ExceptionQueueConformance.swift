import SignalboxCore
import SignalboxStore
import XCTest

/// The exception queue every store shares: actions decided by the rules inside the store, four eyes with the
/// policy kept in the store, optimistic concurrency, mapping memory and the audit chain.
extension StoreConformanceTests {
    static let queueStart = try! Timestamp(rfc3339: "2026-10-01T09:00:00Z")
    static let subject = SystemRecord(system: "CRM", key: "C-17", name: "Acme GmbH")
    static let candidates = [
        MappingCandidate(record: SystemRecord(system: "ERP", key: "100234", name: "ACME GmbH"),
                         score: try! ExactDecimal(parsing: "0.91")),
        MappingCandidate(record: SystemRecord(system: "ERP", key: "100777", name: "Acme Holding"),
                         score: try! ExactDecimal(parsing: "0.74")),
    ]

    func minutes(_ count: Int64) -> Timestamp { Self.queueStart.adding(.seconds(60 * count)) }

    /// A store with open exceptions raised by the middleware (each with its failed event in the log): about
    /// ``subject`` unless another subject is given.
    func storeWithExceptions(_ ids: [String], otherSubject: [String] = []) async throws -> any EventStore {
        let store = try await makeStore()
        let failed = (ids + otherSubject).map { id -> IngestLine in
            let event = CanonicalEvent(
                eventID: "failed-\(id)", occurredAt: Self.queueStart, source: .psa, correlationID: "CT-\(id)",
                payload: .projectProvisioningFailed(ProjectProvisioningFailed(contractID: "CT-\(id)", attempt: 1,
                                                                              reasonCode: "PSA_TIMEOUT", message: "timed out")))
            return .event(event, json: event.jsonLine)
        }
        _ = try await store.ingest(IngestBatch(lines: failed))
        try await raise(ids, otherSubject: otherSubject, in: store)
        return store
    }

    /// Ingests `exception.raised` for each id (a mapping problem for 1200.00 EUR) as the middleware would.
    func raise(_ ids: [String], otherSubject: [String] = [], kind: ExceptionKind = .ambiguousCustomerMapping,
               amount: String = "1200.00", currency: String = "EUR", at time: Timestamp = queueStart,
               in store: any EventStore) async throws {
        let lines = (ids + otherSubject).map { id -> IngestLine in
            let subject = otherSubject.contains(id) ? SystemRecord(system: "CRM", key: "C-99", name: "Other") : Self.subject
            let event = CanonicalEvent(
                eventID: "raise-\(id)", occurredAt: time, source: .middleware, correlationID: "CT-\(id)",
                payload: .exceptionRaised(ExceptionRaised(
                    exceptionID: id, kind: kind, severity: .high, summary: "customer matches 2 records",
                    amountAtRisk: try! ExactDecimal(parsing: amount), currency: currency, failedEventID: "failed-\(id)",
                    candidates: Self.candidates, subject: subject)))
            return .event(event, json: event.jsonLine)
        }
        _ = try await store.ingest(IngestBatch(lines: lines))
    }

    /// The exception's current version, as a console showing it would have it.
    func version(of id: String, in store: any EventStore) async throws -> Int64 {
        try await unwrap(try await store.exceptionRecord(id: id), "exception \(id)").version
    }

    @discardableResult
    func act(_ command: ExceptionCommand, on id: String, by actor: String, at minute: Int64,
             in store: any EventStore) async throws -> [CanonicalEvent] {
        try await handle(of: actor, on: store).perform(command, on: id, seenVersion: try await version(of: id, in: store),
                                                       by: actor, now: minutes(minute))
    }

    func assertRefused<T>(_ body: () async throws -> T, file: StaticString = #filePath, line: UInt = #line,
                          _ check: (StoreError) -> Bool) async {
        do {
            _ = try await body()
            XCTFail("expected a refusal", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertTrue(check(error), "unexpected \(error)", file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }

    func checkClaimReleaseAndResolveWithACandidateShowInTheQueue() async throws {
        let store = try await storeWithExceptions(["X-1"])
        try await act(.claim, on: "X-1", by: "alice", at: 1, in: store)
        var row = try await unwrap(try await store.exceptionRows(ExceptionQuery(), now: minutes(2)).first)
        XCTAssertEqual(row.state, .claimed)
        XCTAssertEqual(row.assignee, "alice")
        XCTAssertEqual(row.lastChange?.by, "alice")
        try await act(.release, on: "X-1", by: "alice", at: 2, in: store)
        row = try await unwrap(try await store.exceptionRows(ExceptionQuery(), now: minutes(3)).first)
        XCTAssertEqual(row.state, .open)
        XCTAssertNil(row.assignee)

        let written = try await act(.resolve(.candidate(index: 0), note: "matched by VAT id"), on: "X-1", by: "bob",
                                    at: 3, in: store)
        XCTAssertEqual(written.map(\.type), [.exceptionClaimed, .exceptionResolved])
        XCTAssertTrue(written.allSatisfy { $0.auditSeal != nil }, "console events come back sealed")
        let open = try await store.exceptionRows(ExceptionQuery(), now: minutes(4))
        XCTAssertEqual(open, [])
        var closed = ExceptionQuery()
        closed.includeClosed = true
        try await assertEqual(try await store.exceptionRows(closed, now: minutes(4)).map(\.state), [.resolved])
        let suggestion = try await store.mappingSuggestion(for: RecordKey(system: "CRM", key: "C-17"))
        XCTAssertEqual(suggestion?.target, RecordKey(system: "ERP", key: "100234"))
        XCTAssertEqual(suggestion?.resolved.by, "bob")
        XCTAssertEqual(suggestion?.exceptionID, "X-1")
    }

    func checkResolveToATargetKeyDismissWithAReasonAndNotes() async throws {
        let store = try await storeWithExceptions(["X-1", "X-2"])
        try await act(.resolve(.target(key: "100999", system: "ERP"), note: nil), on: "X-1", by: "alice", at: 1, in: store)
        let suggestion = try await store.mappingSuggestion(for: RecordKey(system: "CRM", key: "C-17"))
        XCTAssertEqual(suggestion?.target, RecordKey(system: "ERP", key: "100999"))

        try await act(.note("called the customer"), on: "X-2", by: "bob", at: 2, in: store)
        await assertRefused({ try await self.act(.dismiss(reason: "  "), on: "X-2", by: "bob", at: 3, in: store) }) {
            $0 == .rejected(ExceptionActionError.reasonRequired.description)
        }
        try await act(.dismiss(reason: "duplicate of X-1"), on: "X-2", by: "bob", at: 3, in: store)
        let record = try await unwrap(try await store.exceptionRecord(id: "X-2"))
        XCTAssertEqual(record.state, .dismissed(by: "bob", reason: "duplicate of X-1", at: minutes(3)))
        XCTAssertEqual(record.notes.map(\.text), ["called the customer"])
        var query = ExceptionQuery()
        query.includeClosed = true
        query.states = [.dismissed]
        try await assertEqual(try await store.exceptionRows(query, now: minutes(4)).map(\.exceptionID), ["X-2"])
    }

    func checkActingOnAStaleVersionIsAConflictNamingWhoChangedItAndWhen() async throws {
        let store = try await storeWithExceptions(["X-1"])
        let (alice, bob) = (try await handle(of: "alice", on: store), try await handle(of: "bob", on: store))
        let seen = try await version(of: "X-1", in: store)
        _ = try await alice.perform(.claim, on: "X-1", seenVersion: seen, by: "alice", now: minutes(1))
        await assertRefused({
            try await bob.perform(.note("late"), on: "X-1", seenVersion: seen, by: "bob", now: minutes(3))
        }) { error in
            guard case .conflict(let message) = error else { return false }
            return message == "changed by alice 2m ago: claimed it"
        }
        await assertRefused({ try await bob.perform(.claim, on: "X-404", seenVersion: 0, by: "bob", now: minutes(3)) }) {
            $0 == .notFound("exception X-404")
        }
    }

    func checkFourEyesFollowsThePolicyKeptInTheStoreAndOneRequestIsApprovedOnce() async throws {
        let store = try await storeWithExceptions(["X-1", "X-2"])
        let otherConsole = try await anotherHandle(on: store)
        try await store.setReprocessPolicy(.strict, by: "owner", now: minutes(0))
        try await act(.requestReprocess, on: "X-1", by: "alice", at: 1, in: store)
        let request = try await unwrap(try await store.reprocessRequests(outstandingOnly: true, limit: 10).first)
        XCTAssertEqual(request.exceptionID, "X-1")
        let requestID = request.request.requestID
        await assertRefused({ try await self.act(.approveReprocess(requestID: requestID), on: "X-1", by: "alice", at: 2,
                                                 in: store) }) {
            $0 == .rejected(ExceptionActionError.fourEyes(requestedBy: "alice").description)
        }

        // Two approvers at once, on two consoles, having seen the same version: exactly one approval.
        let seen = try await version(of: "X-1", in: store)
        let at = minutes(3)
        let (bob, carol) = (try await handle(of: "bob", on: store), try await anotherHandle(on: store, actingAs: "carol"))
        async let first = attempt { try await bob.perform(.approveReprocess(requestID: requestID), on: "X-1",
                                                          seenVersion: seen, by: "bob", now: at) }
        async let second = attempt { try await carol.perform(.approveReprocess(requestID: requestID), on: "X-1",
                                                             seenVersion: seen, by: "carol", now: at) }
        let outcomes = await [first, second]
        XCTAssertEqual(outcomes.filter { (try? $0.get()) != nil }.count, 1, "\(outcomes)")
        let approvals = try await store.auditTrail(since: nil).filter { $0.event.type == .reprocessApproved }
        XCTAssertEqual(approvals.count, 1)
        let approved = try await unwrap(try await store.reprocessRequests(outstandingOnly: false, limit: 10).first)
        XCTAssertEqual(approved.request.approval?.by, approvals.first.flatMap {
            if case .reprocessApproved(let data) = $0.event.payload { data.by } else { nil } })

        // Relaxed by another console: small amounts may be self-approved, for everyone.
        try await otherConsole.setReprocessPolicy(ReprocessPolicy(selfApprovalBelow: try ExactDecimal(parsing: "5000"),
                                                                  selfApprovalCurrency: "EUR"), by: "owner", now: minutes(4))
        try await assertEqual(try await store.reprocessPolicy().selfApprovalBelow, try ExactDecimal(parsing: "5000"))
        try await act(.requestReprocess, on: "X-2", by: "alice", at: 4, in: store)
        let second2 = try await unwrap(try await store.reprocessRequests(outstandingOnly: true, limit: 10).first)
        try await act(.approveReprocess(requestID: second2.request.requestID), on: "X-2", by: "alice", at: 5, in: store)
        let row = try await store.exceptionRows(ExceptionQuery(), now: minutes(6)).first { $0.exceptionID == "X-2" }
        XCTAssertEqual(row?.state, .reprocessing)
    }

    func checkApplyToAllResolvesEveryOpenExceptionAboutTheSubject() async throws {
        let store = try await storeWithExceptions(["X-1", "X-2"], otherSubject: ["X-3"])
        let alice = try await handle(of: "alice", on: store)
        let plan = try await alice.previewResolveAll(subject: RecordKey(system: "CRM", key: "C-17"),
                                                     target: RecordKey(system: "ERP", key: "100777"), note: "same customer",
                                                     by: "alice", now: minutes(1))
        let outcome = try await alice.resolveAll(plan, by: "alice", now: minutes(1))
        XCTAssertEqual(outcome.resolvedIDs.sorted(), ["X-1", "X-2"])
        XCTAssertEqual(outcome.failures, [])
        try await assertEqual(try await store.exceptionRows(ExceptionQuery(), now: minutes(2)).map(\.exceptionID), ["X-3"])
        let groups = try await store.exceptionGroups(.subject, query: ExceptionQuery(), now: minutes(2))
        XCTAssertEqual(groups, [ExceptionGroup(key: "CRM/C-99", label: "Other", count: 1)])
        try await assertEqual(try await store.verifyAudit().findings, [])
    }

    /// Finding 1–3: the set confirmed is the set written. An exception raised between preview and confirm is not
    /// touched; one someone else changed meanwhile is refused and reported; the ones the rules refuse (claimed by
    /// another user, not a mapping problem) are listed apart in the preview and never written.
    func checkAConfirmedResolveAllWritesExactlyThePreviewedSet() async throws {
        let store = try await storeWithExceptions(["X-1", "X-2", "X-3", "X-4"])
        try await raise(["X-RATE"], kind: .rateMismatch, in: store)
        try await act(.claim, on: "X-3", by: "chen.wei", at: 1, in: store)
        let subject = RecordKey(system: "CRM", key: "C-17"), target = RecordKey(system: "ERP", key: "100777")
        let plan = try await store.previewResolveAll(subject: subject, target: target, note: nil, by: "alice", now: minutes(2))
        XCTAssertEqual(plan.included.map(\.exceptionID).sorted(), ["X-1", "X-2", "X-4"])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: plan.refused.map { ($0.item.exceptionID, $0.error) }), [
            "X-3": .claimedBySomeoneElse(by: "chen.wei", since: minutes(1)),
            "X-RATE": .notAMappingProblem(kind: .rateMismatch),
        ])

        // Between preview and confirm: a new exception about the subject (EUR 777,000), and bob dismisses X-4.
        try await raise(["X-NEW"], amount: "777000.00", in: store)
        try await act(.dismiss(reason: "test data"), on: "X-4", by: "bob", at: 3, in: store)
        let current = try await store.previewResolveAll(subject: subject, target: target, note: nil, by: "alice", now: minutes(4))
        XCTAssertNotEqual(current.digest, plan.digest)
        XCTAssertEqual(current.changes(since: plan.seenVersions), ["+X-NEW", "-X-4"])

        let outcome = try await store.resolveAll(plan, by: "alice", now: minutes(4))
        XCTAssertEqual(outcome.resolvedIDs.sorted(), ["X-1", "X-2"])
        XCTAssertEqual(outcome.failures.map(\.exceptionID), ["X-4"])
        XCTAssertEqual(outcome.failures.first?.error.description, "changed by bob 1m ago: dismissed it: test data")
        try await assertEqual(try await store.exceptionRecord(id: "X-NEW")?.state, .open)
        try await assertEqual(try await store.exceptionRecord(id: "X-RATE")?.state, .open)
        try await assertEqual(try await store.exceptionRecord(id: "X-3")?.assignee, "chen.wei")
        let resolutions = try await store.auditTrail(since: nil).filter { $0.event.type == .exceptionResolved }
        XCTAssertEqual(resolutions.count, 2)
        try await assertEqual(try await store.verifyAudit().findings, [])
    }

    /// Finding 4: a policy change is a decision in the chain (who, old → new), validated in the store.
    func checkAPolicyChangeIsAnAuditedValidatedDecision() async throws {
        let store = try await storeWithExceptions(["X-1"])
        let threshold = try ExactDecimal(parsing: "500")
        await assertRefused({ try await store.setReprocessPolicy(ReprocessPolicy(selfApprovalBelow: threshold),
                                                                 by: "owner", now: self.minutes(1)) }) {
            if case .rejected(let message) = $0 { message.contains("needs its currency") } else { false }
        }
        await assertRefused({ try await store.setReprocessPolicy(ReprocessPolicy(selfApprovalBelow: threshold, selfApprovalCurrency: "usd"),
                                                                 by: "owner", now: self.minutes(1)) }) {
            if case .rejected(let message) = $0 { message.contains("ISO 4217") } else { false }
        }
        try await assertEqual(try await store.reprocessPolicy(), .strict)
        let event = try await store.setReprocessPolicy(ReprocessPolicy(selfApprovalBelow: threshold, selfApprovalCurrency: "EUR"),
                                                       by: "owner", now: minutes(2))
        XCTAssertNotNil(event.auditSeal)
        let trail = try await store.auditTrail(since: nil).filter { $0.event.source == .console }
        XCTAssertEqual(trail.map(\.event.type), [.reprocessPolicyChanged])
        XCTAssertEqual(trail.first.map { EventSummary.describe($0.event) },
                       "reprocess policy changed by owner: four eyes → four eyes, self-approval below EUR 500.00")
        XCTAssertEqual(trail.first?.event.occurredAt, minutes(2))
        try await assertEqual(try await store.reprocessPolicy().selfApprovalCurrency, "EUR")
        try await assertEqual(try await store.verifyAudit().findings, [])
    }

    /// Findings 6 and 8: a request needs its failed event in the store; a request whose exception closed first is cancelled.
    func checkARequestNeedsItsFailedEventAndIsCancelledWhenItsExceptionCloses() async throws {
        let store = try await storeWithExceptions(["X-1"])
        try await raise(["X-GHOST"], in: store)
        await assertRefused({ try await self.act(.requestReprocess, on: "X-GHOST", by: "alice", at: 1, in: store) }) {
            $0 == .rejected(ExceptionActionError.failedEventMissing(eventID: "failed-X-GHOST").description)
        }
        try await act(.requestReprocess, on: "X-1", by: "alice", at: 1, in: store)
        try await assertEqual(try await store.reprocessRequests(outstandingOnly: false, limit: 10).map(\.status), [.pendingApproval])
        try await act(.resolve(.noMapping, note: "fixed in ERP by hand"), on: "X-1", by: "alice", at: 2, in: store)
        try await assertEqual(try await store.reprocessRequests(outstandingOnly: false, limit: 10).map(\.status), [.cancelled])
        try await assertEqual(try await store.reprocessRequests(outstandingOnly: true, limit: 10).count, 0)
    }

    func checkAuditVerificationFindsAnEditedRowAndADeletedNewestRow() async throws {
        let store = try await storeWithExceptions(["X-1"])
        try await act(.claim, on: "X-1", by: "alice", at: 1, in: store)
        try await act(.note("first"), on: "X-1", by: "alice", at: 2, in: store)
        try await act(.note("second"), on: "X-1", by: "alice", at: 3, in: store)
        try await assertEqual(try await store.verifyAudit().findings, [])
        let trail = try await store.auditTrail(since: nil).filter { $0.event.source == .console }
        XCTAssertEqual(trail.count, 3)

        try await executeBehindTheStore(
            "UPDATE events SET payload = replace(payload, 'first', 'frist') WHERE seq = \(trail[1].sequence)", on: store)
        let afterEdit = try await store.verifyAudit().findings
        XCTAssertEqual(afterEdit, [.edited(AuditFinding.Link(sequence: trail[1].sequence, eventID: trail[1].event.eventID))])

        try await executeBehindTheStore("DELETE FROM events WHERE seq = \(trail[2].sequence)", on: store)
        let afterDelete = try await store.verifyAudit().findings
        XCTAssertTrue(afterDelete.contains { if case .headMismatch(trail[2].sequence, _) = $0 { true } else { false } },
                      "\(afterDelete)")
    }
}
