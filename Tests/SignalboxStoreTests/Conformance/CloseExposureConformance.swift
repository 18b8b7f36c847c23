import Foundation
import SignalboxCore
import SignalboxStore
import XCTest

/// Close mode's unbilled split: every store equals the reference at every as-of time and cutoff, including
/// re-approvals after T, an invoice before its approval and two approvals at one instant.
extension StoreConformanceTests {
    func checkUnbilledApprovedBeforeTheCutoffEqualsTheReference() async throws {
        let path = try directory.write("tricky.jsonl", Self.trickyLines.joined(separator: "\n") + "\n")
        let store = try await makeStore()
        _ = try await IngestPipeline(batchSize: 4).ingest(path: path, into: store)
        let events = Self.trickyLines.map { try! CanonicalEvent(jsonLine: Array($0.utf8)) }

        var answers = Set<String>()
        for day in stride(from: 1, through: 14, by: 1) {
            let asOf = ts("2026-11-\(day < 10 ? "0" : "")\(day)T12:00:00Z")
            for cutoff in ["2026-10-01T09:00:00Z", "2026-10-15T00:00:00Z", "2026-11-02T09:00:00Z", "2026-11-05T00:00:00Z",
                           "2026-11-11T09:00:00Z", "2026-11-30T17:00:00Z"].map(ts) {
                let stored = try await store.unbilledApprovedBefore(cutoff, asOf: asOf)
                let reference = CloseReference.unbilledApprovedBefore(cutoff, events: events, asOf: asOf)
                XCTAssertEqual(stored, reference, "as of \(asOf), cutoff \(cutoff)")
                answers.insert("\(reference)")
            }
        }
        XCTAssertGreaterThanOrEqual(answers.count, 5, "the sweep saw too few distinct answers")

        // By hand: as of the 10th, T2 (first approval 1 Oct, 800 USD) and T3 (2 Nov, the later arrival: 200 USD).
        let tenth = ts("2026-11-10T00:00:00Z")
        try await assertEqual(try await store.unbilledApprovedBefore(ts("2026-11-05T00:00:00Z"), asOf: tenth),
                              ["USD": UnbilledTotals(hours: ExactDecimal(10), amount: ExactDecimal(1000), entries: 2)])
        try await assertEqual(try await store.unbilledApprovedBefore(ts("2026-11-02T09:00:00Z"), asOf: tenth),
                              ["USD": UnbilledTotals(hours: ExactDecimal(8), amount: ExactDecimal(800), entries: 1)],
                              "approved at the cutoff itself is not before it")
        // As of the 12th T2 was approved again (11 Nov, 650 EUR): after a cutoff on the 5th it no longer misses it.
        let twelfth = ts("2026-11-12T00:00:00Z")
        try await assertEqual(try await store.unbilledApprovedBefore(ts("2026-11-05T00:00:00Z"), asOf: twelfth),
                              ["USD": UnbilledTotals(hours: ExactDecimal(2), amount: ExactDecimal(200), entries: 1)])
        try await assertEqual(try await store.unbilledApprovedBefore(ts("2026-11-12T00:00:00Z"), asOf: twelfth),
                              ["USD": UnbilledTotals(hours: ExactDecimal(2), amount: ExactDecimal(200), entries: 1),
                               "EUR": UnbilledTotals(hours: try ExactDecimal(parsing: "6.5"), amount: ExactDecimal(650), entries: 1)])
    }
}

extension StoreConformanceTests {
    /// In close mode the queue lists exceptions with money at risk raised before the cutoff first, each part in the
    /// asked order, and keyset pages of two rows join into exactly the one-page answer in every store.
    func checkMoneyAtRiskBeforeTheCutoffSortsFirstAcrossPages() async throws {
        func raised(_ id: String, amount: String?, at: String) -> String {
            let money = amount.map { #","amount_at_risk":"\#($0)","currency":"EUR""# } ?? ""
            return EventLines.envelope("r-\(id)", "exception.raised", at,
                                       data: #"{"exception_id":"\#(id)","kind":"posting_failed","severity":"high","summary":"s"\#(money)}"#)
        }
        let lines = [
            raised("A", amount: "100", at: "2026-11-01T09:00:00Z"), raised("B", amount: nil, at: "2026-11-02T09:00:00Z"),
            raised("C", amount: "5000", at: "2026-11-03T09:00:00Z"), raised("D", amount: "0", at: "2026-11-04T09:00:00Z"),
            raised("E", amount: "20", at: "2026-11-29T09:00:00Z"), raised("F", amount: "900", at: "2026-12-01T09:00:00Z"),
            raised("G", amount: nil, at: "2026-11-30T09:00:00Z"),
        ]
        let path = try directory.write("at-risk.jsonl", lines.joined(separator: "\n") + "\n")
        let store = try await makeStore()
        _ = try await IngestPipeline().ingest(path: path, into: store)
        let now = ts("2026-12-02T00:00:00Z")
        let cutoff = ts("2026-11-30T17:00:00Z")
        let expectations: [(sort: ExceptionSortKey, descending: Bool, expected: [String])] = [
            (.age, false, ["A", "C", "E", "B", "D", "G", "F"]),   // oldest first, at risk before the cutoff ahead
            (.age, true, ["E", "C", "A", "F", "G", "D", "B"]),
            (.amount, true, ["C", "A", "E", "F", "D", "G", "B"]),   // no amount sorts lowest
        ]
        for (sort, descending, expected) in expectations {
            var query = ExceptionQuery()
            query.sort = sort
            query.descending = descending
            query.atRiskFirstBefore = cutoff
            query.limit = 100
            try await assertEqual(try await store.exceptionRows(query, now: now).map(\.exceptionID), expected, "\(sort) \(descending)")
            query.limit = 2
            var paged: [String] = []
            while true {
                let page = try await store.exceptionRows(query, now: now)
                paged += page.map(\.exceptionID)
                guard page.count == 2, let last = page.last else { break }
                query.after = last.cursor
            }
            XCTAssertEqual(paged, expected, "\(sort) \(descending): pages of two")
        }
        var plain = ExceptionQuery()
        plain.atRiskFirstBefore = nil
        try await assertEqual(try await store.exceptionRows(plain, now: now).map(\.exceptionID), ["A", "B", "C", "D", "E", "G", "F"],
                              "without a cutoff the order is the plain one")
    }
}
