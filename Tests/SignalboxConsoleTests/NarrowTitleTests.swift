import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// At 80 columns a list's title line has no room for every fact beside it. What the user typed (the filter) or
/// chose (the marked rows) stays on screen; the count of all rows, the order and the cutoff ordering are left out
/// first.
final class NarrowTitleTests: XCTestCase {
    private let narrow = Size(width: 80, height: 24)

    private func titleLine(_ state: ConsoleState) -> String {
        ConsoleView.render(state, size: narrow, theme: .builtInDefault, lineSet: .unicode).lines()[1]
    }

    /// The activation drill-down read in part (`2 of 44`), then filtered and sorted by the store: at 120 columns
    /// every fact shows; at 80 the count of all rows goes, and the filter stays whole.
    func testAFilteredSortedDrillDownKeepsItsFilterAt80Columns() throws {
        var state = ConsoleFixtures.loadedState(size: narrow)
        _ = state.feed([.enter])
        let loaded = DrillDownTables.activation(ConsoleFixtures.activationDetails, asOf: ConsoleFixtures.asOf)
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), loaded)).0
        let filter = "ctr-not-loaded"
        _ = state.feed(("/" + filter).map { .character($0) })
        let filtered = try XCTUnwrap(loadQuery(state.feed([.enter])))
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), found(matching: 1), filtered)).0
        let sorted = try XCTUnwrap(loadQuery(state.feed([.character("s")])))
        XCTAssertNotNil(sorted.sortColumn)
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), found(matching: 1), sorted)).0

        let wide = ConsoleView.render(state, size: Size(width: 120, height: 40), theme: .builtInDefault, lineSet: .unicode)
            .lines()[1]
        XCTAssertTrue(wide.contains("1 of 1 matching · 44 in all · sort "), wide)
        XCTAssertTrue(wide.contains(" · filter \(filter)"), wide)

        let line = titleLine(state)
        XCTAssertTrue(line.trimmingCharacters(in: .whitespaces).hasSuffix("filter \(filter)"), line)
        XCTAssertTrue(line.contains("1 of 1 matching · sort "), "the order stays while there is room: \(line)")
        XCTAssertFalse(line.contains("in all"), line)
    }

    /// With a filter too long for the order as well, the order goes too, and a filter longer than the line is cut
    /// visibly (`…`), never silently.
    func testALongFilterOutranksTheOrderAndIsCutVisibly() throws {
        var state = ConsoleFixtures.loadedState(size: narrow)
        _ = state.feed([.enter])
        let loaded = DrillDownTables.activation(ConsoleFixtures.activationDetails, asOf: ConsoleFixtures.asOf)
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), loaded)).0
        _ = state.feed([.character("s")])
        let filter = "initech-pending-activation"
        _ = state.feed(("/" + filter).map { .character($0) })
        var line = titleLine(state)
        XCTAssertTrue(line.contains("filter \(filter)"), line)
        XCTAssertFalse(line.contains("sort "), "the order is left out before the filter: \(line)")

        _ = state.feed(String(repeating: "x", count: 60).map { .character($0) })
        line = titleLine(state)
        XCTAssertTrue(line.contains("filter \(filter)"), line)
        XCTAssertTrue(line.trimmingCharacters(in: .whitespaces).hasSuffix("…"), line)
    }

    /// The queue at 80 columns, ordered by amount with the cutoff's at-risk rows first, filtered, with rows marked
    /// for a bulk action: the marks and the filter show; the order and the cutoff ordering are left out first.
    func testTheQueueKeepsItsMarksAndFilterAt80Columns() throws {
        var state = QueueFixtures.queueState(size: narrow)
        guard case .queue(var screen) = state.screen else { return XCTFail("not on the queue") }
        screen.query.sort = .amount
        screen.query.descending = true
        screen.query.atRiskFirstBefore = ConsoleFixtures.asOf
        screen.filterText = "globex"
        screen.marked = ["X1", "X3"]
        state.screen = .queue(screen)

        let wide = ConsoleView.render(state, size: Size(width: 160, height: 40), theme: .builtInDefault, lineSet: .unicode)
            .lines()[1]
        XCTAssertTrue(wide.contains("sort at risk desc · at risk before cutoff first · filter globex · 2 marked"), wide)

        let line = titleLine(state)
        XCTAssertTrue(line.contains("filter globex · 2 marked"), line)
        XCTAssertFalse(line.contains("at risk before cutoff first"), line)
        XCTAssertTrue(line.contains("sort at risk desc"), "the order stays while there is room: \(line)")
    }

    private func loadQuery(_ effects: [ConsoleEffect]) -> TableQuery? {
        for case .loadTable(_, let query) in effects { return query }
        return nil
    }

    private func found(matching: Int) -> DataTable {
        let pending = PendingActivation(contractID: "CTR-NOT-LOADED-77", customerName: "Initech",
                                        approvedAt: ConsoleFixtures.asOf.subtracting(.days(2)), provisionedAt: nil,
                                        billingScheduledAt: nil)
        var table = DrillDownTables.activation(ActivationDetails(activated: [], pending: [pending]), asOf: ConsoleFixtures.asOf)
        table.matching = matching
        return table
    }
}
