import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// A frame of the queue draws its visible rows only; the columns' widths come from every loaded row, measured page
/// by page as the pages load, so they do not move while the user scrolls.
final class QueueVirtualisationTests: XCTestCase {
    private let size = Size(width: 120, height: 24)

    /// 250 rows in pages of 100, 100 and 50; only row 60, in the first page but below the first screen, has a
    /// seven-figure amount and a long contract.
    private func pages() -> [[ExceptionRow]] {
        let rows = (0..<250).map { (index: Int) -> ExceptionRow in
            let wide = index == 60
            let amount = ExactDecimal(wide ? 4_250_000 : 100 + Int64(index))
            let contract = wide ? "CTR-WITH-A-MUCH-LONGER-IDENTIFIER-0060" : "C-\(index)"
            return QueueFixtures.row(String(format: "EXC-%07d", index), age: .seconds(Int64(3600 + index)), contract: contract, amount: amount)
        }
        return [Array(rows[0..<100]), Array(rows[100..<200]), Array(rows[200..<250])]
    }

    /// The queue with `pages` loaded one after the other.
    private func loadedQueue(_ pages: [[ExceptionRow]]) -> ConsoleState {
        var state = QueueFixtures.queueState(rows: [], size: size)
        for (number, page) in pages.enumerated() {
            guard case .queue(let screen) = state.screen else { return state }
            state = ConsoleUpdate.update(state, .queueLoaded(screen.query, page, append: number > 0, asOf: QueueFixtures.asOf)).0
        }
        return state
    }

    private func frame(_ state: ConsoleState) -> [String] {
        ConsoleView.render(state, size: size, theme: .builtInDefault, lineSet: .unicode).lines()
    }

    func testAQueueLoadedPageByPageDrawsAsTheSameRowsLoadedAtOnce() {
        var paged = loadedQueue(pages())
        var whole = loadedQueue([Array(pages().joined())])
        for key in [Key.character("j"), .character("G"), .character("k")] {
            XCTAssertEqual(frame(paged).dropFirst(2), frame(whole).dropFirst(2), "headings and rows (the titles count pages)")
            paged = ConsoleUpdate.update(paged, .key(key)).0
            whole = ConsoleUpdate.update(whole, .key(key)).0
        }
        XCTAssertTrue(frame(paged)[2].contains("AT RISK"))
        XCTAssertFalse(frame(paged).contains { $0.contains("EUR 4,250,000.00") }, "row 60 is not on the last screen")
        XCTAssertEqual(frame(paged)[2], frame(loadedQueue(pages()))[2], "yet the columns are still laid out for it")
    }

    func testTheFirstFrameIsLaidOutForARowFarBelowIt() {
        let state = loadedQueue(pages())
        let heading = frame(state)[2]
        let firstRow = frame(state)[3]
        let amountEnd = heading.distance(from: heading.startIndex, to: heading.range(of: "AT RISK")!.upperBound)
        XCTAssertGreaterThanOrEqual(amountEnd, TerminalText.width("EUR 4,250,000.00"),
                                    "AT RISK is as wide as row 60's amount, though only rows 0–18 are drawn")
        XCTAssertTrue(firstRow.contains("EXC-0000000"))
        let small = loadedQueue([Array(pages()[0].prefix(3))])
        XCTAssertNotEqual(frame(small)[2], heading, "three rows without the wide ones lay out narrower")
    }

    func testScrollingToTheEndKeepsTheColumnsWhereTheyWereAndDrawsTheLastRows() throws {
        var state = loadedQueue(pages())
        let top = ConsoleView.render(state, size: size, theme: .builtInDefault, lineSet: .unicode).lines()
        state = ConsoleUpdate.update(state, .key(.character("G"))).0
        let bottom = ConsoleView.render(state, size: size, theme: .builtInDefault, lineSet: .unicode).lines()
        XCTAssertEqual(top[2], bottom[2], "the column headings do not move")
        XCTAssertTrue(top.contains { $0.contains("EXC-0000000") })
        XCTAssertFalse(top.contains { $0.contains("EXC-0000249") })
        XCTAssertTrue(bottom.contains { $0.contains("EXC-0000249") && $0.contains("C-249") })
        XCTAssertFalse(bottom.contains { $0.contains("EXC-0000000") })
        let amountColumn = try XCTUnwrap(top[2].range(of: "AT RISK"))
        XCTAssertEqual(top[2].distance(from: top[2].startIndex, to: amountColumn.upperBound),
                       bottom[2].distance(from: bottom[2].startIndex, to: try XCTUnwrap(bottom[2].range(of: "AT RISK")).upperBound))
    }

    func testGroupsAreLaidOutForTheWidestCountHoweverFarDownItIs() {
        var state = loadedQueue(pages())
        state = ConsoleUpdate.update(state, .key(.character("g"))).0   // by kind
        let groups = (0..<300).map { ExceptionGroup(key: "k\($0)", label: "kind \($0)", count: $0 == 285 ? 1_250_000 : 3) }
        state = ConsoleUpdate.update(state, .groupsLoaded(.kind, groups)).0
        let top = frame(state)
        XCTAssertTrue(top[2].hasPrefix("     COUNT"), "COUNT is as wide as 1,250,000 though that group is far below")
        state = ConsoleUpdate.update(state, .key(.character("G"))).0
        let bottom = frame(state)
        XCTAssertEqual(top[2], bottom[2])
        XCTAssertTrue(bottom.contains { $0.contains("1,250,000") && $0.contains("kind 285") })
    }

    func testANewQueryMeasuresItsOwnRowsOnly() {
        var state = loadedQueue(pages())
        state = ConsoleUpdate.update(state, .key(.character("o"))).0   // closed ones too: a new query, rows cleared
        guard case .queue(let screen) = state.screen else { return XCTFail("not on the queue") }
        XCTAssertTrue(screen.rows.isEmpty)
        XCTAssertEqual(screen.contentWidths, [])
        let first = Array(pages()[0].prefix(3))
        state = ConsoleUpdate.update(state, .queueLoaded(screen.query, first, append: false, asOf: QueueFixtures.asOf)).0
        var fresh = loadedQueue([first])
        fresh = ConsoleUpdate.update(fresh, .key(.character("o"))).0
        if case .queue(let screen) = fresh.screen {
            fresh = ConsoleUpdate.update(fresh, .queueLoaded(screen.query, first, append: false, asOf: QueueFixtures.asOf)).0
        }
        XCTAssertEqual(frame(state)[2], frame(fresh)[2], "the wide amount left with its rows")
    }
}
