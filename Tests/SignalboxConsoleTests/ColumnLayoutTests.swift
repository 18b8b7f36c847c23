import SignalboxConsole
import XCTest

/// One column layout for every table: priorities, whole identifiers, drops before cuts, spare width to the cut column.
final class ColumnLayoutTests: XCTestCase {
    private let columns: [DataTable.Column] = [
        .whole("ID", priority: 0), .init("NAME", priority: 2, minimum: 6, natural: 30), .whole("AMOUNT", priority: 1, alignRight: true),
        .init("NOTE", priority: 3, minimum: 8, natural: 40),
    ]
    private let rows = [["EXC-LHTCKV-0000001", "Fourth Coffee Traders Ltd", "EUR 418,000.00", "asked sales which Globex is meant"]]

    func testEverythingFitsAtItsNaturalWidth() {
        XCTAssertEqual(ColumnLayout.widths(of: columns, cells: rows, total: 200), [18, 25, 14, 33])
    }

    func testTheLowestPriorityColumnIsCutFirstAndTakesTheSpareWidth() {
        // 18 + 25 + 14 + 3 gaps = 60: NOTE gets the 19 left (cut), nothing else is.
        XCTAssertEqual(ColumnLayout.widths(of: columns, cells: rows, total: 79), [18, 25, 14, 19])
    }

    func testALowerPriorityColumnDropsBeforeAHigherOneIsCut() {
        // 18 + 14 + 25 + 2 gaps = 59 fits NAME whole at 60; NOTE (minimum 8) has no room and drops.
        XCTAssertEqual(ColumnLayout.widths(of: columns, cells: rows, total: 62), [18, 25, 14, nil])
        // At 50 NAME is cut to what is left (50 − 18 − 14 − 2 = 16) and NOTE drops.
        XCTAssertEqual(ColumnLayout.widths(of: columns, cells: rows, total: 50), [18, 16, 14, nil])
    }

    func testAWholeColumnIsNeverCut() {
        // AMOUNT (priority 1) needs 14 and only 11 are left after the ID: it drops, and so does everything below it.
        XCTAssertEqual(ColumnLayout.widths(of: columns, cells: rows, total: 30), [18, nil, nil, nil])
    }

    func testTheFirstColumnIsCutOnlyWhenNothingElseFits() {
        XCTAssertEqual(ColumnLayout.widths(of: columns, cells: rows, total: 10), [10, nil, nil, nil])
    }

    func testHeadingsCountAsContent() {
        XCTAssertEqual(ColumnLayout.widths(of: columns, cells: [], total: 200), [2, 4, 6, 4])
    }
}
