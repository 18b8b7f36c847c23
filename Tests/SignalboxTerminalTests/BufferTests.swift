import XCTest
@testable import SignalboxTerminal

final class BufferTests: XCTestCase {
    func testPutReturnsColumnsAndLinesTrimTrailingSpaces() {
        var buffer = Buffer(size: Size(width: 10, height: 2))
        let used = buffer.put("Queue:", x: 1, y: 0)
        XCTAssertEqual(used, 6)
        buffer.put("12", x: 1 + used + 1, y: 0)
        XCTAssertEqual(buffer.lines(), [" Queue: 12", ""])
    }

    func testPutClipsAtRightEdgeAndMaxWidth() {
        var buffer = Buffer(size: Size(width: 6, height: 2))
        XCTAssertEqual(buffer.put("overflowing", x: 2, y: 0), 4)
        XCTAssertEqual(buffer.put("abcdef", x: 0, y: 1, maxWidth: 3), 3)
        XCTAssertEqual(buffer.lines(), ["  over", "abc"])
    }

    func testPutOutsideRowsDrawsNothing() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        XCTAssertEqual(buffer.put("x", x: 0, y: 1), 0)
        XCTAssertEqual(buffer.put("x", x: 0, y: -1), 0)
        XCTAssertEqual(buffer.lines(), [""])
    }

    func testPutClipsAtLeftEdge() {
        var buffer = Buffer(size: Size(width: 5, height: 2))
        XCTAssertEqual(buffer.put("abcdef", x: -2, y: 0), 6)
        buffer.put("東京", x: -1, y: 1)
        XCTAssertEqual(buffer.lines(), ["cdef", " 京"])
    }

    func testWideCharactersTakeTwoColumnsAndAreNotSplitAtTheEdge() {
        var buffer = Buffer(size: Size(width: 5, height: 1))
        XCTAssertEqual(buffer.put("東京都", x: 0, y: 0), 4)
        XCTAssertEqual(buffer.lines(), ["東京"])
        XCTAssertEqual(buffer.cell(x: 1, y: 0)?.isContinuation, true)
        XCTAssertEqual(buffer.cell(x: 4, y: 0)?.symbol, " ")
    }

    func testEmojiIsWide() {
        var buffer = Buffer(size: Size(width: 6, height: 1))
        XCTAssertEqual(buffer.put("🚀ok", x: 0, y: 0), 4)
        XCTAssertEqual(buffer.cell(x: 2, y: 0)?.symbol, "o")
    }

    func testCombiningMarksJoinTheirBase() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        XCTAssertEqual(buffer.put("e\u{301}x", x: 0, y: 0), 2)
        XCTAssertEqual(buffer.cell(x: 0, y: 0)?.symbol, "e\u{301}")
        XCTAssertEqual(buffer.cell(x: 1, y: 0)?.symbol, "x")
    }

    func testZeroWidthJoinerSequenceKeepsFirstEmoji() {
        var buffer = Buffer(size: Size(width: 4, height: 1))
        XCTAssertEqual(buffer.put("👩\u{200D}💻", x: 0, y: 0), 2)
        XCTAssertEqual(buffer.cell(x: 0, y: 0)?.symbol, "👩")
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(size: Size(width: 6, height: 2))
        buffer.put("東京", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        XCTAssertEqual(buffer.lines()[0], " x京")
        buffer.put("東京", x: 0, y: 1)
        buffer.put("y", x: 2, y: 1)
        XCTAssertEqual(buffer.lines()[1], "東y")
        XCTAssertFalse(buffer.cells.enumerated().contains { index, cell in
            cell.isContinuation && (index % 6 == 0 || buffer.cells[index - 1].isContinuation || TerminalText.width(buffer.cells[index - 1].symbol) != 2)
        }, "every continuation cell follows a wide character")
    }

    func testPutSanitizesUntrustedText() {
        var buffer = Buffer(size: Size(width: 12, height: 1))
        buffer.put("a\u{1B}[2Jb\u{1B}]0;pwned\u{07}c\nd", x: 0, y: 0)
        XCTAssertEqual(buffer.lines(), ["abc d"])
    }

    func testFillAndSetStyle() {
        let highlight = Style(reverse: true)
        var buffer = Buffer(size: Size(width: 4, height: 2))
        buffer.put("abcd", x: 0, y: 0)
        buffer.fill(Rect(x: 2, y: 0, width: 5, height: 5), style: Style(background: .blue))
        XCTAssertEqual(buffer.lines(), ["ab", ""])
        XCTAssertEqual(buffer.cell(x: 3, y: 1)?.style.background, .blue)
        XCTAssertEqual(buffer.cell(x: 1, y: 1)?.style, .plain)
        buffer.setStyle(highlight, in: Rect(x: 0, y: 0, width: 4, height: 1))
        XCTAssertEqual(buffer.cell(x: 0, y: 0), Cell(symbol: "a", style: highlight))
    }

    func testUnicodeBorderWithTitleAt80x24() {
        var buffer = Buffer(size: Size(width: 80, height: 24))
        buffer.drawBorder(buffer.area, lineSet: .unicode, title: " Exceptions ")
        buffer.put("row", x: 1, y: 1)
        let lines = buffer.lines()
        XCTAssertEqual(lines.count, 24)
        XCTAssertEqual(lines[0], "┌ Exceptions " + String(repeating: "─", count: 66) + "┐")
        XCTAssertEqual(lines[1], "│row" + String(repeating: " ", count: 75) + "│")
        XCTAssertEqual(lines[23], "└" + String(repeating: "─", count: 78) + "┘")
    }

    func testASCIIBorderAndRules() {
        var buffer = Buffer(size: Size(width: 6, height: 4))
        buffer.drawBorder(Rect(x: 0, y: 0, width: 6, height: 4), lineSet: .ascii)
        buffer.put(LineSet.ascii.teeRight, x: 0, y: 2)
        buffer.drawHorizontalLine(x: 1, y: 2, width: 4, lineSet: .ascii)
        XCTAssertEqual(buffer.lines(), ["+----+", "|    |", "+----|", "+----+"])
    }

    func testBorderClippedByBufferAndTooSmallRects() {
        var buffer = Buffer(size: Size(width: 4, height: 3))
        buffer.drawBorder(Rect(x: 2, y: 1, width: 5, height: 5), lineSet: .ascii)
        buffer.drawBorder(Rect(x: 0, y: 0, width: 1, height: 3), lineSet: .ascii)
        XCTAssertEqual(buffer.lines(), ["", "  +-", "  |"])
    }
}

final class BufferDocumentationExampleTests: XCTestCase {
    func testTheBufferDocExampleRendersAsDocumented() {
        var buffer = Buffer(size: Size(width: 20, height: 3))
        buffer.drawBorder(buffer.area, lineSet: .unicode)
        let used = buffer.put("Queue: ", x: 1, y: 1)
        buffer.put("12", x: 1 + used, y: 1, style: Style(bold: true))
        XCTAssertEqual(buffer.lines(), ["┌──────────────────┐", "│Queue: 12         │", "└──────────────────┘"])
    }
}
