import XCTest
@testable import SignalboxTerminal

final class DiffTests: XCTestCase {
    private let size = Size(width: 8, height: 3)

    func testNoPreviousFrameOrNewSizeRepaintsEveryRow() {
        var next = Buffer(size: size)
        next.put("hi", x: 0, y: 1)
        let runs = Buffer.diff(from: nil, to: next)
        XCTAssertEqual(runs.map(\.y), [0, 1, 2])
        XCTAssertEqual(runs.map(\.cells.count), [8, 8, 8])
        XCTAssertEqual(Buffer.diff(from: Buffer(size: Size(width: 7, height: 3)), to: next).count, 3)
    }

    func testIdenticalFramesHaveNoDiff() {
        var frame = Buffer(size: size)
        frame.put("same", x: 1, y: 1)
        XCTAssertEqual(Buffer.diff(from: frame, to: frame), [])
    }

    func testChangedCellsGroupIntoRuns() {
        var previous = Buffer(size: size)
        previous.put("abcdefgh", x: 0, y: 0)
        var next = previous
        next.put("XY", x: 1, y: 0)
        next.put("Z", x: 6, y: 0)
        next.put("q", x: 0, y: 2)
        let runs = Buffer.diff(from: previous, to: next)
        XCTAssertEqual(runs.map { [$0.x, $0.y] }, [[1, 0], [6, 0], [0, 2]])
        XCTAssertEqual(runs.map { $0.cells.map(\.symbol).joined() }, ["XY", "Z", "q"])
    }

    func testStyleChangeAloneIsADiff() {
        var previous = Buffer(size: size)
        previous.put("ok", x: 0, y: 0)
        var next = previous
        next.setStyle(Style(bold: true), in: Rect(x: 1, y: 0, width: 1, height: 1))
        XCTAssertEqual(Buffer.diff(from: previous, to: next), [CellRun(x: 1, y: 0, cells: [Cell(symbol: "k", style: Style(bold: true))])])
    }

    func testChangedWideCharacterBringsItsContinuation() {
        var previous = Buffer(size: size)
        previous.put("東", x: 2, y: 0)
        var next = Buffer(size: size)
        next.put("京", x: 2, y: 0)
        let runs = Buffer.diff(from: previous, to: next)
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs[0].x, 2)
        XCTAssertEqual(runs[0].cells.map(\.symbol), ["京", ""])
    }

    func testApplyingTheDiffReproducesTheNextFrame() {
        var previous = Buffer(size: size)
        previous.put("東京 abc", x: 0, y: 0)
        previous.put("line two", x: 0, y: 1)
        var next = Buffer(size: size)
        next.put("a東京 bc", x: 0, y: 0)
        next.put("line 2", x: 0, y: 1, style: Style(foreground: .red))
        var screen = previous
        for run in Buffer.diff(from: previous, to: next) {
            for (offset, cell) in run.cells.enumerated() {
                screen.setStyle(cell.style, in: Rect(x: run.x + offset, y: run.y, width: 1, height: 1))
                if !cell.isContinuation { screen.put(cell.symbol, x: run.x + offset, y: run.y, style: cell.style) }
            }
        }
        XCTAssertEqual(screen, next)
    }
}
