import SignalboxCore
import SignalboxStore
import XCTest

/// Every "earliest wins" and "latest wins" rule of the projections, on events that share one `occurred_at`: the
/// tie goes by arrival (the reference's rule), in either arrival order, with duplicate deliveries in between, and
/// whether the tied events share a batch (one statement) or not (the stored row against a new one).
extension StoreConformanceTests {
    static let instant = "2026-11-03T09:00:00Z"

    /// Pairs of events at the same instant whose order decides an answer; each pair's first line is delivered
    /// again between the two. (No pair mirrors another: a broken tie-break would flip both, and the totals would
    /// not show it. Both orders are run: ``sameInstantDelivery(reversedPairs:)``.)
    static let sameInstantPairs: [(String, String)] = [
        // Re-raise: the later arrival's kind wins.
        (EventLines.raised("xa-1", exception: "XA", kind: "posting_failed", at: instant),
         EventLines.raised("xa-2", exception: "XA", kind: "rate_mismatch", at: instant)),
        (EventLines.raised("xb-1", exception: "XB", kind: "missing_master_data", at: instant),
         EventLines.raised("xb-2", exception: "XB", kind: "duplicate_event", at: instant)),
        // First provisioning attempt: the earlier arrival is the first attempt.
        (EventLines.envelope("f1", "project.provisioning_failed", instant, correlation: "C-1", data: #"{"contract_id":"C-1","attempt":1,"reason_code":"TIMEOUT","message":"m"}"#),
         EventLines.envelope("p1", "project.provisioned", instant, source: "PSA", correlation: "C-1", data: #"{"contract_id":"C-1","project_id":"P-1"}"#)),
        // Time approval: the later arrival's hours and amount (and currency) win.
        (EventLines.timeApproved("ta-1", entry: "TA", hours: "1", amount: "100", at: instant),
         EventLines.timeApproved("ta-2", entry: "TA", hours: "2", amount: "200", currency: "EUR", at: instant)),
        // An invoice at the approval's instant bills it, whichever arrives first.
        (EventLines.invoice("inv-tb", entries: ["TB"], at: instant),
         EventLines.timeApproved("tb-1", entry: "TB", hours: "4", amount: "400", at: instant)),
        // A close at the raise's instant closes it, whichever arrives first.
        (EventLines.resolved("xc-closed", exception: "XC", at: instant),
         EventLines.raised("xc-raised", exception: "XC", kind: "rate_mismatch", at: instant)),
        // Approval, schedule and provisioning at one instant: activation latency zero.
        (EventLines.approved("a3", contract: "C-3", at: instant),
         EventLines.envelope("b3", "billing_schedule.created", instant, source: "ERP", correlation: "C-3", data: #"{"contract_id":"C-3","schedule_id":"S-3"}"#)),
        (EventLines.envelope("p3", "project.provisioned", instant, source: "PSA", correlation: "C-3", data: #"{"contract_id":"C-3","project_id":"P-3"}"#),
         EventLines.approved("a3-again", contract: "C-3", at: instant)),
        // An amendment sent twice: the later arrival's changes are the ones the targets must hold.
        (amended("m4-a", contract: "C-4", endDate: "2027-01-31"), amended("m4-b", contract: "C-4", endDate: "2027-02-28")),
        // A target reporting twice: the later arrival's terms are what it holds.
        (applied("m5-psa-a", contract: "C-5", target: "PSA", endDate: "2027-04-30"),
         applied("m5-psa-b", contract: "C-5", target: "PSA", endDate: "2027-03-31")),
    ]

    /// Events the amendment pairs are about, at the same instant, delivered before the pairs: C-4's applications
    /// hold the later arrival's end date, C-5's amendment and ERP's application the later PSA report's; and C-5's
    /// next version, applied.
    static let sameInstantContext = [
        applied("m4-psa", contract: "C-4", target: "PSA", endDate: "2027-02-28"),
        applied("m4-erp", contract: "C-4", target: "ERP", endDate: "2027-02-28"),
        amended("m5", contract: "C-5", endDate: "2027-03-31"),
        applied("m5-erp", contract: "C-5", target: "ERP", endDate: "2027-03-31"),
        // C-5's next amendment, applied by both: each version's applications count for that version alone.
        amended("m5-v3", contract: "C-5", version: 3, endDate: "2027-05-31"),
        applied("m5-v3-psa", contract: "C-5", version: 3, target: "PSA", endDate: "2027-05-31"),
        applied("m5-v3-erp", contract: "C-5", version: 3, target: "ERP", endDate: "2027-05-31"),
    ]

    private static func amended(_ id: String, contract: String, version: Int = 2, endDate: String) -> String {
        EventLines.envelope(id, "contract.amended", instant, source: "CLM", correlation: contract,
                            data: #"{"contract_id":"\#(contract)","version":\#(version),"effective_date":"2026-11-03","changes":{"end_date":"\#(endDate)"}}"#)
    }

    private static func applied(_ id: String, contract: String, version: Int = 2, target: String, endDate: String) -> String {
        EventLines.envelope(id, "amendment.applied", instant, source: target, correlation: contract,
                            data: #"{"contract_id":"\#(contract)","version":\#(version),"target":"\#(target)","applied":{"end_date":"\#(endDate)"}}"#)
    }

    /// Later events that send the stores to the log for the tied ones: as of a time between, the exception's
    /// kind and the entry's approval come from the log (``StoredEvent/isLater(than:)``), not the projection.
    static let sameInstantFollowUps = [
        EventLines.raised("xa-3", exception: "XA", kind: "posting_failed", at: "2026-11-04T09:00:00Z"),
        EventLines.timeApproved("ta-3", entry: "TA", hours: "3", amount: "300", at: "2026-11-04T09:00:00Z"),
    ]

    /// The pairs as delivered: their context, then each pair's two lines with a duplicate of the first between
    /// them, pairs in `reversedPairs` swapped; then the follow-ups.
    static func sameInstantDelivery(reversedPairs: Bool) -> [String] {
        sameInstantContext + sameInstantPairs.flatMap { pair in
            let (first, second) = reversedPairs ? (pair.1, pair.0) : pair
            return [first, first, second]
        } + sameInstantFollowUps
    }

    func checkSameInstantTiesGoByArrivalLikeTheReference() async throws {
        let asOfs = ["2026-11-03T08:59:59Z", Self.instant, "2026-11-03T09:00:01Z", "2026-11-05T00:00:00Z"].map(ts)
        for reversed in [false, true] {
            let lines = Self.sameInstantDelivery(reversedPairs: reversed)
            let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
            // 1: every event in its own transaction; 2: the duplicate and the second share one; all: one statement.
            for batchSize in [1, 2, lines.count] {
                let path = try directory.write("same-instant-\(reversed)-\(batchSize).jsonl", lines.joined(separator: "\n") + "\n")
                let store = try await makeStore()
                let outcome = try await IngestPipeline(batchSize: batchSize).ingest(path: path, into: store)
                XCTAssertEqual(outcome.summary, IngestSummary(accepted: Self.sameInstantContext.count + Self.sameInstantPairs.count * 2
                                                                        + Self.sameInstantFollowUps.count,
                                                              duplicates: Self.sameInstantPairs.count, rejected: 0))
                for asOf in asOfs {
                    for window in [SignalDuration.days(1), .days(7)] {
                        let stored = try await store.signals(asOf: asOf, window: window)
                        let reference = SignalCalculator.compute(events: events, asOf: asOf, window: window)
                        XCTAssertEqual(stored, reference, "reversed \(reversed), batch \(batchSize), as of \(asOf), window \(window)")
                    }
                }
            }
        }
    }

    /// The numbers the ties must give (so the reference itself is held to the rule, not only the stores to it).
    func checkSameInstantTiesGiveTheLaterArrivalsKindAndTheEarlierArrivalsFirstAttempt() async throws {
        let lines = Self.sameInstantDelivery(reversedPairs: false)
        let path = try directory.write("same-instant.jsonl", lines.joined(separator: "\n") + "\n")
        let store = try await makeStore()
        _ = try await IngestPipeline(batchSize: 1).ingest(path: path, into: store)
        let signals = try await store.signals(asOf: ts("2026-11-03T12:00:00Z"), window: .days(1))
        XCTAssertEqual(signals.exceptions.openByKind, ["rate_mismatch": 1, "duplicate_event": 1], "XA re-raised as rate_mismatch, XB as duplicate_event; XC closed")
        XCTAssertEqual(signals.provisioning.firstPassRate, Ratio(1, over: 2), "C-1 failed first, C-3 passed first")
        XCTAssertEqual(signals.unbilled["EUR"]?.total.amount, ExactDecimal(200), "TA's second approval")
        XCTAssertNil(signals.unbilled["USD"], "TB is billed at its approval's instant")
        XCTAssertEqual(signals.activation.p50, .seconds(0))
        XCTAssertEqual(signals.amendments, AmendmentAccuracy(accurate: 3, mismatched: 0, pending: 0),
                       "C-4's targets hold its second sending, C-5's PSA reported the right date last, C-5's v3 applied")
    }
}
