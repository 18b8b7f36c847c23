@testable import SignalboxSQLite
import XCTest

/// The times of a second's row are counted by a scan of its bytes; it must count what splitting the text and parsing
/// each time counts.
final class SQLiteEventCountsTests: XCTestCase {
    /// The definition: the listed times in `(start, end]`.
    private func reference(_ text: String, after start: Int64, through end: Int64) -> Int {
        text.split(separator: ",").compactMap { Int64($0) }.filter { $0 > start && $0 <= end }.count
    }

    func testTheBoundsAreExclusiveThenInclusiveAndTheLastTimeCounts() {
        let text = "100,200,300"
        XCTAssertEqual(SQLiteEventCounts.count(in: text, after: 100, through: 300), 2, "(100, 300]")
        XCTAssertEqual(SQLiteEventCounts.count(in: text, after: 99, through: 299), 2, "(99, 299]")
        XCTAssertEqual(SQLiteEventCounts.count(in: text, after: 250, through: 1_000), 1, "the last time, with no comma after it")
        XCTAssertEqual(SQLiteEventCounts.count(in: "", after: 0, through: 1_000), 0)
        XCTAssertEqual(SQLiteEventCounts.count(in: "-5,7", after: -10, through: 0), 1, "a time before 1970")
    }

    func testTextNotWrittenAsTimesIsNotCounted() {
        XCTAssertEqual(SQLiteEventCounts.count(in: "12,,1x3,--4,5-", after: 0, through: 100), 1)
        XCTAssertEqual(SQLiteEventCounts.count(in: "1000000000000000000", after: 0, through: .max), 0, "19 digits")
    }

    func testRandomListsCountAsTheDefinitionDoes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let base = Int64.random(in: -1_000_000...1_800_000_000_000_000, using: &generator)
            let times = (0..<Int.random(in: 0...60, using: &generator)).map { _ in base + Int64.random(in: 0...3_600_000_000, using: &generator) }
            let text = times.map(String.init).joined(separator: ",")
            XCTAssertEqual(SQLiteIntegerList.text(times), text, "the writer's list of the same times")
            let start = base + Int64.random(in: -10...3_600_000_000, using: &generator)
            let end = start + Int64.random(in: 0...3_600_000_000, using: &generator)
            for (from, to) in [(start, end), (times.first ?? 0, times.last ?? 0), ((times.first ?? 1) - 1, times.first ?? 0)] {
                XCTAssertEqual(SQLiteEventCounts.count(in: text, after: from, through: to),
                               reference(text, after: from, through: to), "\(text) in (\(from), \(to)]")
            }
        }
    }
}
