import XCTest
@testable import SignalboxTerminal

final class GeometryTests: XCTestCase {
    func testInsetShrinksEverySideAndNeverGoesNegative() {
        XCTAssertEqual(Rect(x: 2, y: 3, width: 10, height: 6).inset(by: 1), Rect(x: 3, y: 4, width: 8, height: 4))
        XCTAssertEqual(Rect(x: 0, y: 0, width: 3, height: 2).inset(by: 2).area, 0)
        XCTAssertEqual(Rect(x: 0, y: 0, width: 10, height: 10).inset(horizontal: 2, vertical: 0), Rect(x: 2, y: 0, width: 6, height: 10))
    }

    func testIntersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 5)
        XCTAssertEqual(a.intersection(Rect(x: 5, y: 3, width: 10, height: 10)), Rect(x: 5, y: 3, width: 5, height: 2))
        XCTAssertTrue(a.intersection(Rect(x: 10, y: 0, width: 3, height: 3)).isEmpty)
    }

    func testSplitRowsServesFixedThenSharesFill() {
        let parts = Rect(x: 0, y: 1, width: 80, height: 23).splitRows([.fixed(1), .fill, .fixed(2)])
        XCTAssertEqual(parts, [
            Rect(x: 0, y: 1, width: 80, height: 1),
            Rect(x: 0, y: 2, width: 80, height: 20),
            Rect(x: 0, y: 22, width: 80, height: 2),
        ])
    }

    func testSplitColumnsPercentAndUnevenFill() {
        let parts = Rect(x: 0, y: 0, width: 11, height: 1).splitColumns([.percent(50), .fill, .fill])
        XCTAssertEqual(parts.map(\.width), [5, 3, 3])
        XCTAssertEqual(parts.map(\.x), [0, 5, 8])
        XCTAssertEqual(Rect.lengths(of: [.fill, .fill, .fill], total: 8), [3, 3, 2])
    }

    func testSplitShortensLaterPartsWhenSpaceRunsOut() {
        XCTAssertEqual(Rect.lengths(of: [.fixed(4), .fixed(4), .fill], total: 6), [4, 2, 0])
    }

    func testSizeContains() {
        XCTAssertTrue(Size(width: 80, height: 24).contains(Size(width: 80, height: 24)))
        XCTAssertFalse(Size(width: 79, height: 30).contains(Size(width: 80, height: 24)))
    }
}
