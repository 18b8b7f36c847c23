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
