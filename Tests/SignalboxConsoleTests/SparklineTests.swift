import SignalboxConsole
import SignalboxCore
import SignalboxTerminal
import XCTest

final class SparklineTests: XCTestCase {
    private let style = Style(foreground: .green)

    private func render(_ values: [Int64?], width: Int, height: Int = 1, ascii: Bool = false) -> Buffer {
        var buffer = Buffer(size: Size(width: width + 2, height: height + 2))
        Sparkline.render(values, into: &buffer, at: Rect(x: 1, y: 1, width: width, height: height), style: style, ascii: ascii)
        return buffer
    }

    func testUnicodeScalesFromMinimumToMaximum() {
        let buffer = render([0, 1, 2, 3, 4, 5, 6, 7], width: 8)
        XCTAssertEqual(buffer.lines(), ["", " ▁▂▃▄▅▆▇█", ""])
        XCTAssertEqual(buffer.cell(x: 1, y: 1)?.style, style)
        XCTAssertEqual(buffer.cell(x: 0, y: 1)?.style, .plain)
    }

    func testScaleIsRelativeToTheData() {
        XCTAssertEqual(render([1000, 1007, nil, 1001], width: 4).lines()[1], " ▁█ ▂")
    }

    func testMissingValuesAreBlankAndFewValuesAreRightAligned() {
        let buffer = render([nil, 5, nil, 10], width: 6)
        XCTAssertEqual(buffer.lines()[1], "    ▁ █")
        XCTAssertEqual(buffer.cell(x: 1, y: 1)?.style, style, "the whole rect is filled in style")
    }

    func testOnlyTheNewestValuesThatFitAreDrawn() {
        XCTAssertEqual(render([100, 0, 50, 0, 100], width: 3).lines()[1], " ▄▁█", "scaled over all values passed")
    }

    func testEqualValuesDrawHalfBars() {
        XCTAssertEqual(render([3, 3, 3], width: 3).lines()[1], " ▄▄▄")
        XCTAssertEqual(render([3, 3], width: 2, ascii: true).lines()[1], " --")
    }

    /// Hours without a single event must not look like some: a series of zeros is a flat line at the bottom.
    func testAllZeroDrawsTheSmallestBars() {
        XCTAssertEqual(render([0, nil, 0, 0], width: 4).lines()[1], " ▁ ▁▁")
        XCTAssertEqual(render([0, 0], width: 2, ascii: true).lines()[1], " __")
        XCTAssertEqual(render([0, 0], width: 1, height: 2).lines(), ["", "", " ▁", ""], "the bottom row only")
    }

    func testAscii() {
        XCTAssertEqual(render([0, 1, 2, 3, 4, nil], width: 6, ascii: true).lines()[1], " _.-=#")
    }

    func testTallSparklineStacksCells() {
        let buffer = render([0, 8, 15], width: 3, height: 2)
        XCTAssertEqual(buffer.lines(), ["", "  ▁█", " ▁██", ""])
        XCTAssertEqual(render([0, 5, 9], width: 3, height: 2, ascii: true).lines(), ["", "  _#", " _##", ""])
    }

    func testNothingToDrawLeavesABlankRect() {
        XCTAssertEqual(render([nil, nil], width: 4).lines(), ["", "", ""])
        XCTAssertEqual(render([Int64.min, Int64.max], width: 2).lines()[1], " ▁█")
    }

    func testScaleLabel() {
        XCTAssertEqual(Sparkline.scaleLabel([0, 42, nil, 7]), "0–42")
        XCTAssertEqual(Sparkline.scaleLabel([5, 5]), "5")
        XCTAssertEqual(Sparkline.scaleLabel([nil]), "–")
        XCTAssertEqual(Sparkline.scaleLabel([90, 3600], ascii: true, format: TrendUnit.seconds.format), "1m 30s-1h")
    }

    /// A trend of latencies reads as the tile beside it does: days and hours past a day, not thousands of hours.
    func testDurationsPastADayAreDaysAndHours() {
        let eightyThreeDays: Int64 = 83 * 86_400 + 6 * 3_600 + 300
        XCTAssertEqual(TrendUnit.seconds.format(eightyThreeDays), "83d 6h")
        XCTAssertEqual(TrendUnit.seconds.format(eightyThreeDays), HumanDuration.format(.seconds(eightyThreeDays)))
        XCTAssertEqual(Sparkline.scaleLabel([5_100, eightyThreeDays], format: TrendUnit.seconds.format), "1h 25m–83d 6h")
    }

    /// From a million on, a trend's hours and counts keep three significant digits: seven ungrouped digits do not read
    /// at a glance (the label at 80 columns: ConsoleViewSnapshotTests).
    func testMillionsKeepThreeSignificantDigits() {
        XCTAssertEqual(TrendUnit.hours.format(999_999), "999999h", "below a million, in full")
        XCTAssertEqual(TrendUnit.hours.format(1_930_286), "1.93Mh")
        XCTAssertEqual(TrendUnit.hours.format(2_695_000), "2.70Mh", "half away from zero")
        XCTAssertEqual(TrendUnit.count.format(19_349_999), "19.3M")
        XCTAssertEqual(TrendUnit.count.format(193_500_000), "194M")
        XCTAssertEqual(TrendUnit.count.format(999_500_000), "1.00G", "the rounding carries into the next suffix")
        XCTAssertEqual(TrendUnit.count.format(-1_930_286), "-1.93M")
        XCTAssertEqual(TrendUnit.count.format(.max), "9.22E")
        XCTAssertEqual(TrendUnit.count.format(.min), "-9.22E")
    }
}
