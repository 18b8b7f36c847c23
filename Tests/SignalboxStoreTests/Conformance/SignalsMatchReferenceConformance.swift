import Foundation
import SignalboxCore
import SignalboxStore
import XCTest

/// Every store's projected signal queries must equal the reference transcription of the spec
/// (`SignalCalculator`) for any arrival order and any as-of time.
extension StoreConformanceTests {
    /// Late and out-of-order arrivals that exercise every projection's fallback path.
    static let trickyLines = [
        // A close that arrives before its raise.
        EventLines.resolved("x1-closed", exception: "X1", at: "2026-11-10T12:00:00Z"),
        EventLines.raised("x1-raised", exception: "X1", at: "2026-11-09T12:00:00Z"),
        // Re-raised later with another kind: the kind as of an earlier T is the first one.
        EventLines.raised("x2-a", exception: "X2", kind: "posting_failed", at: "2026-11-05T08:00:00Z"),
        EventLines.raised("x2-b", exception: "X2", kind: "rate_mismatch", at: "2026-11-12T08:00:00Z"),
        // An invoice that arrives before the approval it bills.
        EventLines.invoice("inv1", entries: ["T1"], at: "2026-11-08T09:00:00Z"),
        EventLines.timeApproved("t1", entry: "T1", hours: "8", amount: "800", at: "2026-11-07T09:00:00Z"),
        // Re-approved after correction; as of an earlier T the first approval counts.
        EventLines.timeApproved("t2-a", entry: "T2", hours: "8", amount: "800", at: "2026-10-01T09:00:00Z"),
        EventLines.timeApproved("t2-b", entry: "T2", hours: "6.5", amount: "650", currency: "EUR", at: "2026-11-11T09:00:00Z"),
        // Two approvals at the same instant: the later arrival wins.
        EventLines.timeApproved("t3-a", entry: "T3", hours: "1", amount: "100", at: "2026-11-02T09:00:00Z"),
        EventLines.timeApproved("t3-b", entry: "T3", hours: "2", amount: "200", at: "2026-11-02T09:00:00Z"),
        // Activation: provisioned before billing; provisioning failure first; out of order.
        EventLines.envelope("p1", "project.provisioned", "2026-11-03T10:00:00+01:00", source: "PSA", data: #"{"contract_id":"C-1","project_id":"P-1"}"#),
        EventLines.approved("a1", at: "2026-11-01T09:00:00Z"),
        EventLines.envelope("f1", "project.provisioning_failed", "2026-11-02T09:00:00Z", data: #"{"contract_id":"C-1","attempt":1,"reason_code":"TIMEOUT","message":"PSA timed out"}"#),
        EventLines.envelope("b1", "billing_schedule.created", "2026-11-04T09:00:00.250Z", source: "ERP", data: #"{"contract_id":"C-1","schedule_id":"S-1"}"#),
        EventLines.approved("a2", contract: "C-2", at: "2026-11-06T09:00:00Z"),
        // An amendment applied right to PSA, wrong to ERP, then corrected.
        EventLines.envelope("m1", "contract.amended", "2026-11-05T09:00:00Z", source: "CLM", data: #"{"contract_id":"C-1","version":2,"effective_date":"2026-11-05","changes":{"rate_card":[{"role":"Dev","rate":"110"}],"end_date":"2027-01-31"}}"#),
        EventLines.envelope("m1-psa", "amendment.applied", "2026-11-05T10:00:00Z", source: "PSA", data: #"{"contract_id":"C-1","version":2,"target":"PSA","applied":{"rate_card":[{"role":"Dev","rate":110.00}],"end_date":"2027-01-31"}}"#),
        EventLines.envelope("m1-erp", "amendment.applied", "2026-11-05T11:00:00Z", source: "ERP", data: #"{"contract_id":"C-1","version":2,"target":"ERP","applied":{"rate_card":[{"role":"Dev","rate":100}],"end_date":"2027-01-31"}}"#),
        EventLines.envelope("m1-erp-fix", "amendment.applied", "2026-11-09T11:00:00Z", source: "ERP", data: #"{"contract_id":"C-1","version":2,"target":"ERP","applied":{"rate_card":[{"role":"Dev","rate":"110"}],"end_date":"2027-01-31"}}"#),
    ]

    /// A new store holding `lines` (ingested `batchSize` at a time, none rejected), and the events in arrival order.
    func storeHolding(_ lines: [String], batchSize: Int) async throws -> (store: any EventStore, events: [CanonicalEvent]) {
        let path = try directory.write("lines-\(UUID().uuidString).jsonl", lines.joined(separator: "\n") + "\n")
        let store = try await makeStore()
        let outcome = try await IngestPipeline(batchSize: batchSize).ingest(path: path, into: store)
        XCTAssertEqual(outcome.summary.rejected, 0, "\(outcome.sampleRejections)")
        return (store, lines.map { try! CanonicalEvent(jsonLine: Array($0.utf8)) })
    }

    /// The store's signals, checked equal to the reference's over the same events, and its §10 rows equal to the
    /// reference's (as multisets).
    @discardableResult
    func assertSignalsEqualTheReference(_ store: any EventStore, _ events: [CanonicalEvent], asOf: Timestamp,
                                        window: SignalDuration) async throws -> GoldenSignals {
        let stored = try await store.signals(asOf: asOf, window: window)
        let reference = SignalCalculator.compute(events: events, asOf: asOf, window: window)
        XCTAssertEqual(stored, reference, "as of \(asOf) window \(window)")
        let rows = try await XCTUnwrap(store as? any ReconciliationSource, "the store lists §10's rows")
            .reconciliationRows(asOf: asOf, window: window)
        assertSameRows(rows, SignalCalculator.reconciliationRows(events: events, asOf: asOf, window: window),
                       "as of \(asOf) window \(window)")
        return reference
    }

    func checkStoreSignalsEqualTheReferenceAtEveryAsOfAndWindow() async throws {
        let (store, events) = try await storeHolding(Self.trickyLines, batchSize: 3)

        var answers = Set<String>()
        for day in 1...14 {
            for hour in [0, 9, 12] {
                let asOf = ts("2026-11-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00:00Z")
                for window in [SignalDuration.days(1), .days(7), .seconds(3600 * 36)] {
                    let reference = try await assertSignalsEqualTheReference(store, events, asOf: asOf, window: window)
                    answers.insert("\(reference.exceptions) \(reference.unbilled) \(reference.provisioning) \(reference.amendments)")
                }
            }
        }
        // The sweep is only worth as much as the states it visits: the tricky cases change the answer often.
        XCTAssertGreaterThanOrEqual(answers.count, 20, "the sweep saw too few distinct answers to test the fallbacks")
    }

    func checkTheTrickyCasesProduceTheExpectedNumbers() async throws {
        let path = try directory.write("tricky.jsonl", Self.trickyLines.joined(separator: "\n") + "\n")
        let store = try await makeStore()
        _ = try await IngestPipeline().ingest(path: path, into: store)

        let early = try await store.signals(asOf: ts("2026-11-10T00:00:00Z"), window: .days(7))
        XCTAssertEqual(early.exceptions.openByKind, ["posting_failed": 2],
                       "X2 is a posting failure until its re-raise; X1 is open until 12:00 on the 10th")
        XCTAssertEqual(early.exceptions.open, 2)
        XCTAssertEqual(early.unbilled["USD"]?.total.entries, 2, "T2 as first approved and T3; T1 is billed")
        XCTAssertEqual(early.unbilled["USD"]?.total.amount, ExactDecimal(1000))
        XCTAssertNil(early.unbilled["EUR"])
        XCTAssertEqual(early.activation.count, 1)
        XCTAssertEqual(early.activation.p50, .seconds(3 * 86_400) + SignalDuration(microseconds: 250_000))
        XCTAssertEqual(early.activation.pending, 1)
        XCTAssertNil(early.provisioning.firstPassRate, "C-1's first attempt (the 2nd) is before the window")
        let firstWeek = try await store.signals(asOf: ts("2026-11-05T00:00:00Z"), window: .days(7))
        XCTAssertEqual(firstWeek.provisioning.firstPassRate, Ratio(0, over: 1), "the first attempt failed")
        XCTAssertEqual(firstWeek.provisioning.successRate, Ratio(1, over: 2))
        XCTAssertEqual(early.amendments, AmendmentAccuracy(accurate: 1, mismatched: 0, pending: 0))

        let late = try await store.signals(asOf: ts("2026-11-12T12:00:00Z"), window: .days(7))
        XCTAssertEqual(late.exceptions.openByKind, ["rate_mismatch": 1])
        XCTAssertEqual(late.unbilled["EUR"]?.total.amount, ExactDecimal(650))
        XCTAssertEqual(late.unbilled["USD"]?.total.amount, ExactDecimal(200))
    }
}

extension SignalDuration {
    static func + (lhs: SignalDuration, rhs: SignalDuration) -> SignalDuration {
        SignalDuration(microseconds: lhs.microseconds + rhs.microseconds)
    }
}
