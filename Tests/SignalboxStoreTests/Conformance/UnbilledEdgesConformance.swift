import SignalboxCore
import SignalboxStore
import XCTest

extension StoreConformanceTests {
    /// Unbilled time (§4) as of T with entries a second before, on and a second after each edge of an age bucket (T
    /// itself, 8, 31 and 61 days back), all in one hour of the store's hourly sums: each entry lands in its own bucket,
    /// as the reference and the hand count say.
    func checkUnbilledEntriesBesideEachBucketEdgeFallInTheirBuckets() async throws {
        let asOf = ts("2026-11-20T10:30:00Z")
        var lines: [String] = []
        for days in [0, 8, 31, 61] {
            let edge = asOf.subtracting(.days(Int64(days)))
            for (side, offset) in [("before", -1), ("on", 0), ("after", 1)] {
                lines.append(EventLines.timeApproved("ta-\(days)-\(side)", entry: "E-\(days)-\(side)", hours: "1", amount: "100",
                                                     at: edge.adding(.seconds(Int64(offset))).rfc3339))
            }
        }
        let (store, events) = try await storeHolding(lines, batchSize: 5)

        let stored = try await store.signals(asOf: asOf, window: .days(7), sections: [.unbilledTime]).unbilled
        XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).unbilled)
        // A second after T is not approved by T; an approval on an edge is in the older bucket.
        XCTAssertEqual(stored["USD"]?.buckets.mapValues(\.entries), [.upTo7: 3, .upTo30: 3, .upTo60: 3, .over60: 2])
    }
}
