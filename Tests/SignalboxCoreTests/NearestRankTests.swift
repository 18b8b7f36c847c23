import SignalboxCore
import XCTest

final class NearestRankTests: XCTestCase {
    private func percentiles(_ n: Int) -> (p50: Int?, p90: Int?) {
        let values = Array(1...n)
        return (NearestRank.percentile(50, of: values), NearestRank.percentile(90, of: values))
    }

    func testOneValueIsEveryPercentile() {
        XCTAssertEqual(percentiles(1).p50, 1)
        XCTAssertEqual(percentiles(1).p90, 1)
    }

    func testTwoValues() {
        XCTAssertEqual(percentiles(2).p50, 1)  // ceil(1.0) = 1
        XCTAssertEqual(percentiles(2).p90, 2)  // ceil(1.8) = 2
    }

    func testThreeValues() {
        XCTAssertEqual(percentiles(3).p50, 2)  // ceil(1.5) = 2
        XCTAssertEqual(percentiles(3).p90, 3)  // ceil(2.7) = 3
    }

    func testTenValues() {
        XCTAssertEqual(percentiles(10).p50, 5)  // ceil(5.0) = 5
        XCTAssertEqual(percentiles(10).p90, 9)  // ceil(9.0) = 9
    }

    func testElevenValues() {
        XCTAssertEqual(percentiles(11).p50, 6)  // ceil(5.5) = 6
        XCTAssertEqual(percentiles(11).p90, 10)  // ceil(9.9) = 10
    }

    func testEmptyPopulationHasNoPercentile() {
        XCTAssertNil(NearestRank.percentile(50, of: [Int]()))
    }

    func testActivationLatencySortsLatenciesBeforeTakingRanks() {
        let latencies: [SignalDuration] = [10, 1, 7, 3, 9, 2, 8, 4, 6, 5].map { .seconds($0) }
        let activation = ActivationLatency(latencies: latencies, pending: 0, oldestPending: nil)
        XCTAssertEqual(activation.count, 10)
        XCTAssertEqual(activation.p50, .seconds(5))
        XCTAssertEqual(activation.p90, .seconds(9))
        XCTAssertEqual(activation.max, .seconds(10))
    }
}

/// The selection behind every store's and the reference's percentiles gives what the sorted definition gives.
final class NearestRankSummaryTests: XCTestCase {
    /// A fixed-seed generator (SplitMix64), so a failure names a case that can be run again.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testSelectionEqualsTheSortedPercentilesOnEverySizeAndSpread() {
        var generator = SeededGenerator(state: 16)
        for count in Array(1...120) + [999, 1000, 1001, 77_065] {
            // Few distinct values (many ties), many, and already sorted or reversed.
            for spread in [1, 3, count, 1_000_000] {
                var values = (0..<count).map { _ in Int.random(in: 0..<spread, using: &generator) }
                if spread == 3 && count % 2 == 0 { values.sort() }
                if spread == 3 && count % 2 == 1 { values.sort(by: >) }
                let sorted = values.sorted()
                let summary = NearestRank.summary(of: values)
                XCTAssertEqual(summary.p50, NearestRank.percentile(50, of: sorted), "count \(count) spread \(spread)")
                XCTAssertEqual(summary.p90, NearestRank.percentile(90, of: sorted), "count \(count) spread \(spread)")
                XCTAssertEqual(summary.max, sorted.last, "count \(count) spread \(spread)")
            }
        }
        let empty = NearestRank.summary(of: [Int]())
        XCTAssertNil(empty.p50)
        XCTAssertNil(empty.p90)
        XCTAssertNil(empty.max)
    }
}
