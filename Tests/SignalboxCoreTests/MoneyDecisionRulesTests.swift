import SignalboxCore
import XCTest

/// Issue 20's rules: bulk previews that bind, mappings only on mapping problems, policy as a validated decision,
/// requests that need their failed event, money exact to the cent, decisions' content in the audit lines.
final class MoneyDecisionRulesTests: XCTestCase {
    private let subject = RecordKey(system: "CRM", key: "C-17")
    private let target = RecordKey(system: "ERP", key: "100234")

    private func raised(_ id: String, kind: ExceptionKind, amount: String = "100.00", currency: String = "EUR") -> EventPayload {
        .exceptionRaised(ExceptionRaised(
            exceptionID: id, kind: kind, severity: .high, summary: "about C-17",
            amountAtRisk: ExceptionFixture.decimal(amount), currency: currency, failedEventID: "evt-failed-\(id)",
            candidates: ExceptionFixture.candidates, subject: ExceptionFixture.subject))
    }

    // Finding 3
    func testAMappingIsRefusedOnAnExceptionThatIsNotAMappingProblem() {
        var log = ExceptionTestLog.raised(raised("EX-1", kind: .rateMismatch))
        XCTAssertEqual(log.refusal(.resolve(.target(key: "100234", system: "ERP"), note: nil), by: "alice", at: 10),
                       .notAMappingProblem(kind: .rateMismatch))
        XCTAssertEqual(log.refusal(.resolve(.candidate(index: 0), note: nil), by: "alice", at: 10),
                       .notAMappingProblem(kind: .rateMismatch))
        XCTAssertNoThrow(try log.act(.resolve(.noMapping, note: "rate card corrected"), by: "alice", at: 11))
        XCTAssertEqual(ExceptionKind.allCases.filter(\.acceptsMapping), [.ambiguousCustomerMapping, .missingMasterData])
    }

    // Findings 1 and 2
    func testAPreviewListsWhatTheRulesRefuseApartAndItsDigestBindsTheSetAndVersions() throws {
        var log = ExceptionTestLog.raised(raised("EX-1", kind: .ambiguousCustomerMapping))
        log.append(raised("EX-2", kind: .missingMasterData, amount: "250.00", currency: "USD"), at: 1, source: .middleware)
        log.append(raised("EX-3", kind: .ambiguousCustomerMapping), at: 2, source: .middleware)
        log.append(raised("EX-4", kind: .rateMismatch), at: 3, source: .middleware)
        log.append(.exceptionClaimed(ExceptionActor(exceptionID: "EX-3", by: "chen.wei")), at: 4)
        let records = ["EX-1", "EX-2", "EX-3", "EX-4"].map { log.record($0) }
        let plan = BulkResolutionPlan(records: records, subject: subject, target: target, note: nil, by: "alice",
                                      policy: .strict, now: ExceptionFixture.at(10))
        XCTAssertEqual(plan.included.map(\.exceptionID), ["EX-1", "EX-2"])
        XCTAssertEqual(plan.included.map(\.kind), [.ambiguousCustomerMapping, .missingMasterData])
        XCTAssertEqual(plan.included.map(\.amountText), ["EUR 100.00", "USD 250.00"])
        XCTAssertEqual(plan.refused.map(\.item.exceptionID), ["EX-3", "EX-4"])
        XCTAssertEqual(plan.refused.map(\.error), [.claimedBySomeoneElse(by: "chen.wei", since: ExceptionFixture.at(4)),
                                                   .notAMappingProblem(kind: .rateMismatch)])

        let same = BulkResolutionPlan(records: records.reversed(), subject: subject, target: target, note: nil, by: "alice",
                                      policy: .strict, now: ExceptionFixture.at(20))
        XCTAssertEqual(same.digest, plan.digest, "the digest depends on what is written, not on order or time")
        XCTAssertEqual(plan.digest.count, 16)

        log.append(raised("EX-5", kind: .ambiguousCustomerMapping, amount: "777000.00"), at: 30, source: .middleware)
        log.append(.exceptionNoted(ExceptionNoted(exceptionID: "EX-2", by: "bob", note: "checking")), at: 31)
        let later = BulkResolutionPlan(records: ["EX-1", "EX-2", "EX-3", "EX-4", "EX-5"].map { log.record($0) }, subject: subject,
                                       target: target, note: nil, by: "alice", policy: .strict, now: ExceptionFixture.at(40))
        XCTAssertNotEqual(later.digest, plan.digest)
        XCTAssertEqual(later.changes(since: plan.seenVersions), ["EX-2@2→7", "+EX-5"])
        XCTAssertEqual(plan.changes(since: plan.seenVersions), [])
    }

    // Finding 4
    func testAPolicyNeedsACurrencyWithItsThresholdAndNeverComparesAcrossCurrencies() {
        let below500 = ExceptionFixture.decimal("500")
        XCTAssertEqual(Self.refusal(ReprocessPolicy(selfApprovalBelow: below500))?.description,
                       "policy not changed: a self-approval threshold needs its currency: amounts in different currencies are never compared")
        for code in ["usd", "XYZ1", "US", "ÉUR"] {
            XCTAssertNotNil(Self.refusal(ReprocessPolicy(selfApprovalBelow: below500, selfApprovalCurrency: code)), code)
        }
        XCTAssertNotNil(Self.refusal(ReprocessPolicy(selfApprovalCurrency: "GBP")))
        XCTAssertNotNil(Self.refusal(ReprocessPolicy(fourEyes: false, selfApprovalBelow: below500, selfApprovalCurrency: "EUR")))
        XCTAssertNotNil(Self.refusal(ReprocessPolicy(selfApprovalBelow: ExceptionFixture.decimal("499.999"), selfApprovalCurrency: "EUR")))
        XCTAssertNil(Self.refusal(ReprocessPolicy(selfApprovalBelow: below500, selfApprovalCurrency: "EUR")))
        XCTAssertNil(Self.refusal(.strict))

        // A threshold stored without a currency (by an older build) allows no self-approval at all.
        let legacy = ReprocessPolicy(selfApprovalBelow: below500)
        let usd = ExceptionTestLog.raised(raised("EX-1", kind: .postingFailed, currency: "USD")).record()
        let jpy = ExceptionTestLog.raised(raised("EX-1", kind: .postingFailed, currency: "JPY")).record()
        XCTAssertFalse(legacy.allowsSelfApproval(of: usd))
        XCTAssertFalse(legacy.allowsSelfApproval(of: jpy))
        let inUSD = ReprocessPolicy(selfApprovalBelow: below500, selfApprovalCurrency: "USD")
        XCTAssertTrue(inUSD.allowsSelfApproval(of: usd))
        XCTAssertFalse(inUSD.allowsSelfApproval(of: jpy))
    }

    func testAPolicyChangeIsAConsoleEventNamingWhoAndOldAndNewAndNeedsPermission() throws {
        var ids = SequentialIdentifiers()
        let policy = ReprocessPolicy(selfApprovalBelow: ExceptionFixture.decimal("500"), selfApprovalCurrency: "EUR")
        XCTAssertThrowsError(try PolicyRules.decide(policy, current: .strict, by: "mallory", permitted: false,
                                                    now: ExceptionFixture.at(5), ids: &ids)) { error in
            XCTAssertEqual(error as? ExceptionActionError, .policyChangeNotPermitted(actor: "mallory"))
        }
        let event = try PolicyRules.decide(policy, current: .strict, by: "olga", permitted: true, now: ExceptionFixture.at(5), ids: &ids)
        XCTAssertEqual(event.source, .console)
        XCTAssertEqual(event.occurredAt, ExceptionFixture.at(5))
        XCTAssertEqual(event.payload, .reprocessPolicyChanged(ReprocessPolicyChanged(by: "olga", from: .strict, to: policy)))
        XCTAssertEqual(EventSummary.describe(event),
                       "reprocess policy changed by olga: four eyes → four eyes, self-approval below EUR 500.00")
        XCTAssertEqual(try CanonicalEvent(jsonLine: Array(event.jsonLine.utf8)), event, "survives the canonical reader")
    }

    // Finding 6
    func testARequestNeedsItsFailedEventInTheStore() {
        var log = ExceptionTestLog.raised()
        let record = log.record()
        XCTAssertThrowsError(try ExceptionRules.decide(.requestReprocess, on: record, by: "alice", seenVersion: record.version,
                                                       policy: .strict, now: ExceptionFixture.at(5), failedEventStored: false,
                                                       ids: &log.ids)) { error in
            XCTAssertEqual((error as? ExceptionActionError)?.description,
                           "the failed event evt-failed-1 is not in the store: there is nothing to replay")
        }
    }

    // Finding 8
    func testARequestWhoseExceptionClosedFirstIsCancelled() throws {
        var log = ExceptionTestLog.raised()
        try log.act(.requestReprocess, by: "alice", at: 10)
        try log.act(.resolve(.noMapping, note: "fixed by hand"), by: "alice", at: 20)
        let record = log.record()
        XCTAssertEqual(record.reprocessRequests.map { $0.status(exceptionClosed: record.isClosed) }, [.cancelled])
    }

    // Finding 10
    func testMoneyFinerThanACentIsRejectedNamingTheField() throws {
        let line = #"{"event_id":"e1","type":"exception.raised","occurred_at":"2026-10-01T09:00:00Z","source":"MIDDLEWARE","#
            + #""correlation_id":"C-1","data":{"exception_id":"X-1","kind":"posting_failed","severity":"high","summary":"s","#
            + #""amount_at_risk":"499.999","currency":"EUR"}}"#
        XCTAssertThrowsError(try CanonicalEvent(jsonLine: Array(line.utf8))) { error in
            guard case .field(let field) = error as? EventDecodingError else { return XCTFail("\(error)") }
            XCTAssertEqual(field.field, "data.amount_at_risk")
            XCTAssertTrue(field.reason.contains("more than two decimal places"), field.reason)
        }
        let rate = #"{"event_id":"e2","type":"time.approved","occurred_at":"2026-10-01T09:00:00Z","source":"PSA","#
            + #""correlation_id":"C-1","data":{"time_entry_id":"T-1","contract_id":"C-1","project_id":"P-1","resource":"r","#
            + #""role":"consultant","work_date":"2026-10-01","hours":"7.125","rate":"150.005","amount":"1068.79","currency":"EUR"}}"#
        XCTAssertThrowsError(try CanonicalEvent(jsonLine: Array(rate.utf8))) { error in
            guard case .field(let field) = error as? EventDecodingError else { return XCTFail("\(error)") }
            XCTAssertEqual(field.field, "data.rate", "hours may be finer; the rate may not")
        }
        XCTAssertNoThrow(try CanonicalEvent(jsonLine: Array(line.utf8), moneyToTheCent: false),
                         "an event a store already holds (stored before the rule) stays readable")
        let exact = line.replacing("499.999", with: "499.990")
        XCTAssertNoThrow(try CanonicalEvent(jsonLine: Array(exact.utf8)), "trailing zeros are exact to the cent")
    }

    // Finding 12
    func testAnAuditLineSaysWhatWasDecided() {
        let resolved = ExceptionFixture.event(.exceptionResolved(ExceptionResolved(exceptionID: "EX-1", by: "alice",
                                                                                   note: "credit note issued")), id: "a", at: 1)
        XCTAssertEqual(EventSummary.describe(resolved), "exception EX-1 resolved by alice — note: credit note issued")
        let mapped = ExceptionFixture.event(.exceptionResolved(ExceptionResolved(
            exceptionID: "EX-1", by: "alice",
            mapping: RecordMapping(sourceSystem: "CRM", sourceKey: "C-17", targetSystem: "ERP", targetKey: "100234"))), id: "b", at: 1)
        XCTAssertEqual(EventSummary.describe(mapped), "exception EX-1 resolved by alice: mapped CRM/C-17 → ERP/100234")
    }

    private static func refusal(_ policy: ReprocessPolicy) -> ExceptionActionError? {
        do throws(ExceptionActionError) {
            try policy.validate()
            return nil
        } catch {
            return error
        }
    }
}
