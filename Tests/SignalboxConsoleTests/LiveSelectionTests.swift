import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// Live data without the ground moving: the selection follows its record across refreshes, Esc walks back the way
/// the user came, `/` on the dashboard searches the queue, and a quiet store is still recomputed as time passes.
final class LiveSelectionTests: XCTestCase {
    private func table(_ ids: [String]) -> DataTable {
        DataTable(title: "t", columns: [.whole("CONTRACT", priority: 0)],
                  rows: ids.map { DataTable.Row(cells: [$0], correlationID: $0) })
    }

    private func tableScreen(_ state: ConsoleState) -> TableScreen? {
        if case .table(let screen) = state.screen { return screen }
        return nil
    }

    private func queueScreen(_ state: ConsoleState) -> QueueScreen? {
        if case .queue(let screen) = state.screen { return screen }
        return nil
    }

    func testTheSelectionFollowsItsRowWhenRowsArriveAboveIt() {
        var state = ConsoleFixtures.loadedState()
        state.feed([.enter])
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), table(["C-1", "C-2", "C-3"]))).0
        state.feed([.down])   // on C-2
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), table(["C-0", "C-9", "C-1", "C-2", "C-3"]))).0
        XCTAssertEqual(tableScreen(state)?.view.selected, 3)
        XCTAssertEqual(state.feed([.enter]), [.loadTable(.trace(correlationID: "C-2"))], "Enter opens the record the user saw")
    }

    func testTheConsoleSaysWhenTheSelectedRowLeftTheList() {
        var state = ConsoleFixtures.loadedState()
        state.feed([.enter])
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), table(["C-1", "C-2", "C-3"]))).0
        state.feed([.down])
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), table(["C-1", "C-3"]))).0
        XCTAssertEqual(state.message, "C-2 left this list")
        XCTAssertEqual(tableScreen(state)?.view.selected, 1)
    }

    func testTheQueueSelectionFollowsItsExceptionAcrossARefresh() {
        var state = QueueFixtures.queueState()
        state.feed([.down])   // X2
        guard let query = queueScreen(state)?.query else { return XCTFail("no queue") }
        let rows = [QueueFixtures.row("X0")] + QueueFixtures.rows
        state = ConsoleUpdate.update(state, .queueLoaded(query, rows, append: false, asOf: ConsoleFixtures.asOf)).0
        XCTAssertEqual(queueScreen(state)?.selectedRow?.exceptionID, "X2")
        state = ConsoleUpdate.update(state, .queueLoaded(query, [rows[0], rows[1], rows[3]], append: false, asOf: ConsoleFixtures.asOf)).0
        XCTAssertEqual(state.message, "X2 left this list")
    }

    func testEscFromATraceReturnsToTheDrillDownItCameFromWithItsFilterAndSelection() {
        var state = ConsoleFixtures.loadedState()
        state.feed([.enter])
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), table(["C-1", "C-2", "C-3", "C-22"]))).0
        state.feed([.character("/"), .character("2"), .enter, .down])   // filter "2": C-2, C-22; on C-22
        let before = tableScreen(state)
        state.feed([.enter])
        XCTAssertEqual(tableScreen(state)?.source, .trace(correlationID: "C-22"))
        let effects = state.feed([.escape])
        XCTAssertEqual(tableScreen(state), before)
        // The fixture's activation list (44 contracts) is longer than these rows: its filter is the store's.
        XCTAssertEqual(effects, [.loadTable(.drillDown(.activation), TableQuery(filter: "2", sortColumn: nil, ascending: true))])
        state.feed([.escape, .escape])   // clears the filter, then back to the dashboard
        XCTAssertEqual(state.screen, .dashboard)
    }

    func testEscFromATraceOpenedInTheQueueReturnsToTheQueueAsItWas() {
        var state = QueueFixtures.queueState()
        state.feed([.down, .character(" ")])
        let before = queueScreen(state)
        state.feed([.character("t")])
        XCTAssertEqual(tableScreen(state)?.source, .trace(correlationID: "C-9"))
        state.feed([.escape])
        XCTAssertEqual(queueScreen(state), before)
    }

    func testSlashOnTheDashboardSearchesTheExceptionQueueAndNeverRunsTypedKeys() {
        var state = ConsoleFixtures.loadedState()
        state.feed([.character("/")] + "eli".map(Key.character))
        XCTAssertEqual(state.input, .filter("eli"))
        XCTAssertNotNil(queueScreen(state))
        let effects = state.feed([.enter])
        XCTAssertEqual(queueScreen(state)?.query.text, "eli")
        XCTAssertTrue(effects.contains { if case .loadQueue = $0 { true } else { false } })
    }

    func testAQuietStoreIsRecomputedAsTimePasses() {
        var state = ConsoleFixtures.loadedState()   // loaded at asOf with token 7
        state = ConsoleUpdate.update(state, .tick(now: ConsoleFixtures.asOf.adding(.seconds(10)))).0
        XCTAssertEqual(ConsoleUpdate.update(state, .tokenPolled(7)).1, [], "nothing changed, and only 10 s passed")
        state = ConsoleUpdate.update(state, .tick(now: ConsoleFixtures.asOf.adding(ConsoleUpdate.quietRecompute))).0
        XCTAssertEqual(ConsoleUpdate.update(state, .tokenPolled(7)).1, [.loadSignals(.all)], "the as-of moved: ages and windows move")
    }
}
