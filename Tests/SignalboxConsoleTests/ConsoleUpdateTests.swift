import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// What each key and message does to the state, and which effects it asks for.
final class ConsoleUpdateTests: XCTestCase {
    private var state = ConsoleFixtures.loadedState()

    @discardableResult
    private func send(_ keys: Key...) -> [ConsoleEffect] { state.feed(keys) }

    private func type(_ text: String) { for character in text { send(.character(character)) } }

    private var table: TableScreen? {
        if case .table(let screen) = state.screen { return screen }
        return nil
    }

    private func openLoadedTable(rows: Int) {
        send(.enter)
        let data = DataTable(title: "t", columns: [.whole("ID", priority: 0), .init("N", priority: 1, natural: 4, alignRight: true)],
                             rows: (0..<rows).map { DataTable.Row(cells: ["id\($0)", "\(rows - $0)"], sortKeys: [.text("id\($0)"), .number(Int64(rows - $0))],
                                                                  correlationID: "C-\($0)") })
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), data)).0
    }

    /// Page 1's sections first, drawn as soon as they are read; page 2's flow right after them, then §10 (seconds on
    /// a large store), one read at a time, and until each arrives its tiles say they are reading and judge nothing.
    func testStartLoadsPageOneThenPageTwosFlowThenTheReconciliation() {
        let fresh = ConsoleState(settings: ConsoleFixtures.settings(), size: Size(width: 80, height: 24), now: ConsoleFixtures.asOf, themeName: "dark")
        let (started, effects) = ConsoleUpdate.start(fresh)
        XCTAssertEqual(effects, [.loadSignals(.v1)])
        XCTAssertEqual(started.refresh, .loading(since: ConsoleFixtures.asOf))

        let front = ConsoleFixtures.signals.selecting(.v1)
        let (page1, afterFront) = ConsoleUpdate.update(started, .signalsLoaded(front, token: 3, at: ConsoleFixtures.asOf, notYetIn: 0))
        XCTAssertEqual(afterFront, [.loadSignals(.v2)], "no trend sampling yet: one, once every group is read")
        XCTAssertEqual(page1.health[.exceptions], ConsoleFixtures.settings().configuration.thresholds.health(of: .exceptions, in: front))
        XCTAssertEqual(page1.health[.timeToInvoice], .unknown, "nothing read, nothing judged")

        let flow = ConsoleFixtures.signals.selecting([.v1, .v2])
        let (drawn, next) = ConsoleUpdate.update(page1, .signalsLoaded(ConsoleFixtures.signals.selecting(.v2), token: 3,
                                                                        at: ConsoleFixtures.asOf, notYetIn: 0))
        XCTAssertEqual(next, [.loadSignals(.reconciliation)], "no trend sampling yet: one, once every group is read")
        XCTAssertEqual(drawn.refresh, .loading(since: ConsoleFixtures.asOf), "the status bar says a read is running")
        XCTAssertNotEqual(ConsoleFixtures.settings().configuration.thresholds.health(of: .reconciliation, in: ConsoleFixtures.signals), .unknown,
                          "the fixture's §10 has findings to judge")
        XCTAssertEqual(drawn.health[.reconciliation], .unknown, "nothing read, nothing judged")
        XCTAssertEqual(drawn.health[.timeToInvoice], ConsoleFixtures.settings().configuration.thresholds.health(of: .timeToInvoice, in: flow))

        let reconciliation = ConsoleFixtures.signals.selecting(.reconciliation)
        let (complete, after) = ConsoleUpdate.update(drawn, .signalsLoaded(reconciliation, token: 3, at: ConsoleFixtures.asOf, notYetIn: 0))
        XCTAssertEqual(after, [.loadTrends(asOf: ConsoleFixtures.signals.asOf, reusing: drawn.trendBuckets)],
                       "every group read once: the trends are sampled, and no more signals are read")
        XCTAssertEqual(complete.refresh, .idle)
        XCTAssertEqual(complete.signals?.sections, .all)
        XCTAssertEqual(complete.health[.reconciliation],
                       ConsoleFixtures.settings().configuration.thresholds.health(of: .reconciliation, in: ConsoleFixtures.signals))
    }

    /// After a failover the store reads from another server: the status bar names the one in use now.
    func testTheStoreNameFollowsTheServerTheSignalsWereReadFrom() {
        let before = state.settings.storeName
        state = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals, token: 8, at: ConsoleFixtures.asOf,
                                                           notYetIn: 0, storeName: "ana@db2:5432/integration")).0
        XCTAssertNotEqual(before, "ana@db2:5432/integration")
        XCTAssertEqual(state.settings.storeName, "ana@db2:5432/integration")
    }

    func testFocusMovesWithTabArrowsAndHJKL() {
        send(.tab); XCTAssertEqual(state.focus, .provisioning)
        send(.right); XCTAssertEqual(state.focus, .amendments)
        send(.character("l")); XCTAssertEqual(state.focus, .unbilled)
        send(.backTab); XCTAssertEqual(state.focus, .amendments)
        send(.left, .character("h")); XCTAssertEqual(state.focus, .activation)
        send(.character("h")); XCTAssertEqual(state.focus, .exceptions, "wraps around")
        send(.up); XCTAssertEqual(state.focus, .amendments, "two columns at 80×24")
        send(.character("k")); XCTAssertEqual(state.focus, .activation)
        send(.down, .character("j")); XCTAssertEqual(state.focus, .exceptions)
    }

    func testSpaceTurnsToTheSecondPageWhereMovesStayAndEnterDrillsDown() {
        send(.tab, .character(" ")); XCTAssertEqual(state.focus, .timeToInvoice)
        send(.tab); XCTAssertEqual(state.focus, .resolution)
        send(.down); XCTAssertEqual(state.focus, .throughput, "two columns at 80×24")
        send(.down); XCTAssertEqual(state.focus, .reconciliation, "the fifth tile on a row of its own")
        send(.tab); XCTAssertEqual(state.focus, .timeToInvoice, "wraps around within the page")
        send(.backTab); XCTAssertEqual(state.focus, .reconciliation)
        send(.up); XCTAssertEqual(state.focus, .invoiceToCash)
        send(.character("k")); XCTAssertEqual(state.focus, .timeToInvoice)
        send(.tab)
        XCTAssertEqual(send(.enter), [.loadTable(.drillDown(.resolution))])
        send(.escape)
        send(.character(" ")); XCTAssertEqual(state.focus, .activation, "back to the first page")
    }

    /// On the first-run screen (a store without events) the tile keys do nothing, so the dashboard that replaces it
    /// opens on its first page with the first tile focused.
    func testTheFirstRunScreenIgnoresTheTileKeys() {
        state.storeIsEmpty = true
        let before = state
        for key in [Key.character(" "), .tab, .down, .character("l"), .enter, .character("e"), .character("/")] {
            XCTAssertEqual(send(key), [], "\(key)")
        }
        XCTAssertEqual(state.focus, before.focus)
        XCTAssertEqual(state.screen, .dashboard)
        XCTAssertEqual(state.input, before.input, "no filter line opens")
    }

    /// Enter on the reconciliation tile opens the first control that found something; Tab and Shift-Tab switch control
    /// (each read afresh); Enter on a row opens its contract's trace.
    func testTheReconciliationTileDrillsDownToEachControlsRowsAndTheirTraces() {
        state.focus = .reconciliation
        var signals = ConsoleFixtures.signals
        signals.reconciliation.rateLeakage = [:]
        state.signals = signals
        XCTAssertEqual(send(.enter), [.loadTable(.reconciliation(.billingMismatch))])
        XCTAssertEqual(send(.tab), [.loadTable(.reconciliation(.doubleBilled))])
        XCTAssertEqual(send(.backTab, .backTab), [.loadTable(.reconciliation(.billingMismatch)), .loadTable(.reconciliation(.rateLeakage))])
        let table = ReconciliationTables.table(.rateLeakage, ReconciliationFixtures.rows)
        state = ConsoleUpdate.update(state, .tableLoaded(.reconciliation(.rateLeakage), table)).0
        XCTAssertEqual(send(.down, .enter), [.loadTable(.trace(correlationID: "CTR-LHTCKV-0000012"))])
        send(.escape)
        XCTAssertEqual(self.table?.source, .reconciliation(.rateLeakage), "Esc goes back to the control's rows")
    }

    func testWallRotationGoesThroughBothPages() {
        state = ConsoleFixtures.loadedState(wall: true)
        state.focus = .exceptions
        state = ConsoleUpdate.update(state, .tick(now: state.lastRotation.adding(state.settings.rotateInterval))).0
        XCTAssertEqual(state.focus, .timeToInvoice)
    }

    func testEnterOpensTheDrillDownAndEscGoesBack() {
        send(.tab)
        XCTAssertEqual(send(.enter), [.loadTable(.drillDown(.provisioning))])
        XCTAssertEqual(table?.source, .drillDown(.provisioning))
        send(.escape)
        XCTAssertEqual(state.screen, .dashboard)
    }

    func testScrollingKeys() {
        openLoadedTable(rows: 50)
        send(.character("j"), .down); XCTAssertEqual(table?.view.selected, 2)
        send(.character("k")); XCTAssertEqual(table?.view.selected, 1)
        send(.up, .up); XCTAssertEqual(table?.view.selected, 0, "stops at the top")
        send(.pageDown); XCTAssertEqual(table?.view.selected, ConsoleLayout.tableRows(for: state.size))
        send(.pageUp); XCTAssertEqual(table?.view.selected, 0)
        send(.character("G")); XCTAssertEqual(table?.view.selected, 49)
        send(.down); XCTAssertEqual(table?.view.selected, 49, "stops at the bottom")
        send(.character("g")); XCTAssertEqual(table?.view.selected, 0)
        send(.end); XCTAssertEqual(table?.view.selected, 49)
        send(.home); XCTAssertEqual(table?.view.selected, 0)
    }

    func testSortKeyCyclesColumnsAndReverses() throws {
        openLoadedTable(rows: 3)
        send(.character("s")); XCTAssertEqual(table?.view.sortColumn, 0)
        send(.character("s")); XCTAssertEqual(table?.view.sortColumn, 1)
        let screen = try XCTUnwrap(table)
        XCTAssertEqual(screen.view.visibleRows(of: screen.table!).map { $0.cells[1] }, ["1", "2", "3"], "numbers sort as numbers")
        send(.character("S")); XCTAssertEqual(table?.view.ascending, false)
        send(.character("s")); XCTAssertNil(table?.view.sortColumn, "after the last column: original order")
    }

    func testFilterAndInverseFilter() throws {
        openLoadedTable(rows: 12)
        send(.character("/")); type("id1")
        XCTAssertEqual(state.input, .filter("id1"))
        var screen = try XCTUnwrap(table)
        XCTAssertEqual(screen.view.visibleRows(of: screen.table!).map { $0.cells[0] }, ["id1", "id10", "id11"])
        send(.enter)
        XCTAssertEqual(state.input, .normal)
        send(.character("/"), .backspace, .backspace, .backspace); type("!id1")
        screen = try XCTUnwrap(table)
        XCTAssertEqual(screen.view.visibleRows(of: screen.table!).count, 9)
        send(.escape)
        XCTAssertEqual(table?.view.filter, "", "Esc in the prompt clears the filter")
        send(.character("/")); type("zz"); send(.enter, .escape)
        XCTAssertEqual(table?.view.filter, "", "first Esc clears the filter")
        XCTAssertNotNil(table)
        send(.escape)
        XCTAssertEqual(state.screen, .dashboard)
    }

    func testEnterOnARowOpensItsTrace() {
        openLoadedTable(rows: 3)
        send(.down)
        XCTAssertEqual(send(.enter), [.loadTable(.trace(correlationID: "C-1"))])
        XCTAssertEqual(table?.source, .trace(correlationID: "C-1"))
    }

    func testHelpOpensAndCloses() {
        send(.character("?")); XCTAssertTrue(state.showHelp)
        send(.character("j")); XCTAssertTrue(state.showHelp, "other keys do nothing while help is open")
        XCTAssertEqual(state.focus, .activation)
        send(.escape); XCTAssertFalse(state.showHelp)
        send(.function(1)); XCTAssertTrue(state.showHelp)
        send(.character("q")); XCTAssertFalse(state.showHelp)
        XCTAssertFalse(state.quitRequested, "q closes help first")
    }

    func testQuitKeys() {
        send(.character("q")); XCTAssertTrue(state.quitRequested)
        state = ConsoleFixtures.loadedState(); send(.control("c")); XCTAssertTrue(state.quitRequested)
        state = ConsoleFixtures.loadedState(); send(.terminate); XCTAssertTrue(state.quitRequested)
    }

    func testRefreshKeyReloadsSignalsAndTheOpenTable() {
        XCTAssertEqual(send(.character("r")), [.loadSignals(.all)])
        XCTAssertEqual(send(.character("r")), [], "no second load while one is running")
        state = ConsoleFixtures.loadedState()
        send(.enter)
        XCTAssertEqual(send(.character("r")), [.loadSignals(.all), .loadTable(.drillDown(.activation))])
    }

    func testCommands() {
        send(.character(":")); type("trace C-0000044"); XCTAssertEqual(send(.enter), [.loadTable(.trace(correlationID: "C-0000044"))])
        send(.character(":")); type("dashboard"); send(.enter); XCTAssertEqual(state.screen, .dashboard)
        send(.character(":")); type("theme light"); XCTAssertEqual(send(.enter), [.loadTheme("light")])
        send(.character(":")); type("refresh"); XCTAssertEqual(send(.enter), [.loadSignals(.all)])
        send(.character(":")); type("help"); send(.enter); XCTAssertTrue(state.showHelp)
        send(.escape)
        send(.character(":")); type("bogus"); send(.enter)
        XCTAssertEqual(state.message?.hasPrefix("unknown command: :bogus"), true)
        send(.character(":")); type("trace"); send(.enter)
        XCTAssertEqual(state.message, ":trace needs an argument: :trace ID")
        send(.character(":")); type("x"); send(.backspace, .backspace); XCTAssertEqual(state.input, .normal, "backspace on empty leaves")
        send(.character(":")); type("q"); send(.escape); XCTAssertFalse(state.quitRequested)
        send(.character(":")); type("q"); send(.enter); XCTAssertTrue(state.quitRequested)
    }

    func testWallModeHasNoPromptsAndRotates() {
        state = ConsoleFixtures.loadedState(wall: true)
        send(.character(":")); XCTAssertEqual(state.input, .normal)
        send(.enter); XCTAssertEqual(state.screen, .dashboard)
        let later = state.lastRotation.adding(state.settings.rotateInterval)
        state = ConsoleUpdate.update(state, .tick(now: later)).0
        XCTAssertEqual(state.focus, .provisioning)
        XCTAssertTrue(state.settings.readOnly, "wall implies read-only")
    }

    func testTickPollsTheTokenAndReloadsOnlyWhenItChanged() {
        var (next, effects) = ConsoleUpdate.update(state, .tick(now: ConsoleFixtures.asOf.adding(.seconds(2))))
        XCTAssertEqual(effects, [.pollChangeToken])
        XCTAssertEqual(ConsoleUpdate.update(next, .tick(now: ConsoleFixtures.asOf.adding(.seconds(4)))).1, [], "one poll at a time")
        (next, effects) = ConsoleUpdate.update(next, .tokenPolled(7))
        XCTAssertEqual(effects, [], "same token: nothing to recompute")
        (next, effects) = ConsoleUpdate.update(next, .tokenPolled(8))
        XCTAssertEqual(effects, [.loadSignals(.all)])
    }

    func testStoreFailureKeepsTheLastGoodDataAndRecovers() {
        let failedAt = ConsoleFixtures.asOf.adding(.seconds(10))
        state = ConsoleUpdate.update(state, .tokenFailed(.unavailable("connection refused"), at: failedAt)).0
        XCTAssertTrue(state.isStale)
        XCTAssertEqual(state.signals, ConsoleFixtures.signals)
        state = ConsoleUpdate.update(state, .signalsFailed(.database(message: "disk I/O error", sql: nil), at: failedAt.adding(.seconds(5)))).0
        XCTAssertEqual(state.refresh, .failed(.database(message: "disk I/O error", sql: nil), since: failedAt),
                       "keeps the latest error, typed, and when the failure began")
        state = ConsoleUpdate.update(state, .tokenPolled(7)).0
        XCTAssertFalse(state.isStale)
    }

    /// A read that starts while the store is failing is a retry: the data on screen stays stale (banner, STALE, actions
    /// refused) until a read answers, and a retry that fails again keeps when the failure began.
    func testARetryKeepsTheDataStaleUntilAReadAnswers() {
        let failedAt = ConsoleFixtures.asOf.adding(.seconds(10))
        let refused = StoreError.unavailable("connection refused")
        state = ConsoleUpdate.update(state, .signalsFailed(refused, at: failedAt)).0
        state.now = failedAt.adding(.seconds(2))
        var effects: [ConsoleEffect]
        (state, effects) = ConsoleUpdate.update(state, .tokenPolled(8))
        XCTAssertEqual(effects, [.loadSignals(.all)], "the store answers the poll: the signals are read again")
        XCTAssertEqual(state.refresh, .retrying(refused, failingSince: failedAt, since: failedAt.adding(.seconds(2))))
        XCTAssertTrue(state.isStale, "what is on screen is still the last good data")
        XCTAssertEqual(ConsoleUpdate.update(state, .tokenPolled(9)).1, [], "one read at a time")
        XCTAssertEqual(ConsoleUpdate.update(state, .tick(now: failedAt.adding(.seconds(4)))).1, [], "no poll while the retry runs")
        let diskError = StoreError.database(message: "disk I/O error", sql: nil)
        let failedAgain = ConsoleUpdate.update(state, .signalsFailed(diskError, at: failedAt.adding(.seconds(3)))).0
        XCTAssertEqual(failedAgain.refresh, .failed(diskError, since: failedAt), "the failure began with the first error")
        state = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals, token: 8, at: failedAt.adding(.seconds(3)), notYetIn: 0)).0
        XCTAssertEqual(state.refresh, .idle)
        XCTAssertFalse(state.isStale)
    }

    func testRefreshIntervalHasAOneSecondFloor() {
        let settings = ConsoleSettings(storeName: "s", userName: "u", readOnly: false, refreshInterval: .seconds(0),
                                       configuration: .defaults)
        XCTAssertEqual(settings.refreshInterval, .seconds(1))
    }

    func testResizeChangesTheLayout() {
        state = ConsoleUpdate.update(state, .resized(Size(width: 160, height: 48))).0
        send(.down)
        XCTAssertEqual(state.focus, .unbilled, "three columns when wide")
    }
}
