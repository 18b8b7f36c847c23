import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// A drill-down longer than one read (`2 of 44`) is filtered and sorted in the store: Enter on `/` and `s` ask
/// it, the header counts the matches among all rows, a stale answer is dropped, and Esc returns to the whole list.
/// A list that was read whole is filtered in memory, as before.
final class StoreFilterTests: XCTestCase {
    /// The whole list's size is the signals' population: the store counts the matching rows only for a filter or a
    /// sort (counting reads the whole list: two seconds for the unbilled entries at 1M events).
    func testTheStoreCountsTheMatchingRowsOnlyForAFilterOrASort() {
        XCTAssertFalse(TableQuery.all.request(limit: 500).countsMatching)
        XCTAssertTrue(TableQuery(filter: "ctr", sortColumn: nil, ascending: true).request(limit: 500).countsMatching)
        XCTAssertTrue(TableQuery(filter: "", sortColumn: 2, ascending: false).request(limit: 500).countsMatching)
    }

    private let asOf = ConsoleFixtures.asOf

    private func screen(_ state: ConsoleState) -> TableScreen? {
        if case .table(let screen) = state.screen { return screen }
        return nil
    }

    /// The title line of the table on screen at 120 columns.
    private func title(_ state: ConsoleState) -> String {
        let size = Size(width: 120, height: 40)
        let buffer = ConsoleView.render(state, size: size, theme: .builtInDefault, lineSet: .unicode)
        return buffer.lines()[1]
    }

    private func activation(_ details: ActivationDetails, matching: Int? = nil) -> DataTable {
        var table = DrillDownTables.activation(details, asOf: asOf)
        table.matching = matching
        return table
    }

    private var found: ActivationDetails {
        ActivationDetails(activated: [], pending: [PendingActivation(contractID: "CTR-NOT-LOADED-77", customerName: "Initech",
                                                                     approvedAt: asOf.subtracting(.days(2)), provisionedAt: nil,
                                                                     billingScheduledAt: nil)])
    }

    func testAFilterOnATruncatedDrillDownAsksTheStoreAndCountsTheMatchesAmongAll() {
        var state = ConsoleFixtures.loadedState(size: Size(width: 120, height: 40))
        XCTAssertEqual(state.feed([.enter]), [.loadTable(.drillDown(.activation))])
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), activation(ConsoleFixtures.activationDetails))).0
        XCTAssertTrue(title(state).contains("2 of 44"), title(state))

        // Typing filters the rows loaded; nothing is asked of the store per key.
        XCTAssertEqual(state.feed("/ctr-not".map { .character($0) }), [])
        XCTAssertTrue(title(state).contains("0 match in 2 of 44 · Enter searches all · filter ctr-not"), title(state))
        let query = TableQuery(filter: "ctr-not", sortColumn: nil, ascending: true)
        XCTAssertEqual(state.feed([.enter]), [.loadTable(.drillDown(.activation), query)])
        XCTAssertTrue(title(state).contains("searching all…"), title(state))

        // An answer to the earlier, unfiltered read is stale: it is dropped.
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), activation(ConsoleFixtures.activationDetails))).0
        XCTAssertEqual(screen(state)?.loadedQuery, .all)
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), activation(found, matching: 1), query)).0
        XCTAssertEqual(screen(state).flatMap { screen in screen.table.map { screen.view.visibleRows(of: $0).map(\.key) } }, ["CTR-NOT-LOADED-77"])
        XCTAssertTrue(title(state).contains("1 of 1 matching · 44 in all · filter ctr-not"), title(state))
        XCTAssertEqual(state.feed([.enter]), [.loadTable(.trace(correlationID: "CTR-NOT-LOADED-77"))], "the row found opens its trace")
        XCTAssertEqual(state.feed([.escape]), [.loadTable(.drillDown(.activation), query)], "back to the filtered list, asked again")

        let moreFound = ActivationDetails(activated: [], pending: found.pending.map { item in
            var other = item
            other.contractID = "CTR-NOT-LOADED-78"
            return other
        } + found.pending)
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), activation(moreFound, matching: 2), query)).0
        XCTAssertEqual(screen(state)?.view.selected, 1, "a refresh of the same query keeps the selection on its record")
        XCTAssertNil(state.message)

        // A sort change asks the store too; clearing the filter returns to the whole list in that order.
        let sorted = TableQuery(filter: "ctr-not", sortColumn: 0, ascending: true)
        XCTAssertEqual(state.feed([.character("s")]), [.loadTable(.drillDown(.activation), sorted)])
        XCTAssertEqual(state.feed([.escape]), [.loadTable(.drillDown(.activation), TableQuery(filter: "", sortColumn: 0, ascending: true))])
        XCTAssertEqual(screen(state)?.view.filter, "")
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), activation(ConsoleFixtures.activationDetails),
                                                         TableQuery(filter: "", sortColumn: 0, ascending: true))).0
        XCTAssertEqual(screen(state)?.view.selected, 0, "the first rows of a new sort or filter start at the top")
        XCTAssertNil(state.message, "a new query's rows are not the old rows leaving the list")
        XCTAssertEqual(state.feed([.character("s"), .character("s"), .character("s"), .character("s"), .character("s")]).last,
                       .loadTable(.drillDown(.activation)), "past the last column: the list's own order")
    }

    /// The store found nothing: the list says the filter matched nothing, not that the list is empty.
    func testAFilterTheStoreMatchesNothingSaysSo() {
        var state = ConsoleFixtures.loadedState(size: Size(width: 120, height: 40))
        state.feed([.enter])
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), activation(ConsoleFixtures.activationDetails))).0
        state.feed("/zzz".map { .character($0) } + [.enter])
        let empty = ActivationDetails(activated: [], pending: [])
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.activation), activation(empty, matching: 0),
                                                         TableQuery(filter: "zzz", sortColumn: nil, ascending: true))).0
        let lines = ConsoleView.render(state, size: Size(width: 120, height: 40), theme: .builtInDefault, lineSet: .unicode).lines()
        XCTAssertTrue(lines[1].contains("0 of 0 matching · 44 in all · filter zzz"), lines[1])
        XCTAssertTrue(lines[3].contains("no rows match the filter zzz"), lines[3])
    }

    func testTheOtherListDrillDownsAreFilteredInTheStoreToo() {
        let firstRows: [(SignalKind, DataTable)] = [
            (.provisioning, DrillDownTables.provisioning([])),
            (.unbilled, DrillDownTables.unbilled(Array(ConsoleFixtures.unbilled.prefix(1)), asOf: asOf)),
            (.timeToInvoice, DrillDownTables.timeToInvoice(Array(ConsoleFixtures.invoicedEntries.prefix(1)))),
            (.invoiceToCash, DrillDownTables.invoiceToCash(Array(ConsoleFixtures.invoiceStandings.prefix(1)), asOf: asOf)),
        ]
        for (kind, table) in firstRows {
            var state = ConsoleFixtures.loadedState()
            state.focus = kind
            XCTAssertEqual(state.feed([.enter]), [.loadTable(.drillDown(kind))])
            state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(kind), table)).0
            XCTAssertEqual(state.feed("/ana".map { .character($0) } + [.enter]),
                           [.loadTable(.drillDown(kind), TableQuery(filter: "ana", sortColumn: nil, ascending: true))], "\(kind)")
        }
    }

    func testAListReadWholeIsFilteredInMemory() {
        var state = ConsoleFixtures.loadedState()
        state.focus = .amendments   // every amendment is read: its rows are filtered where they are
        XCTAssertEqual(state.feed([.enter]), [.loadTable(.drillDown(.amendments))])
        state = ConsoleUpdate.update(state, .tableLoaded(.drillDown(.amendments), DrillDownTables.amendments(ConsoleFixtures.amendments))).0
        XCTAssertEqual(state.feed("/mismatched".map { .character($0) } + [.enter, .character("s")]), [])
        XCTAssertEqual(screen(state).flatMap { screen in screen.table.map { screen.view.visibleRows(of: $0).count } }, 1)
    }

    /// The filter ignores ASCII case only, treats `%` and `_` as text, and `!` keeps the rows without the text.
    func testTheFilterRuleIsTheStoresRule() {
        XCTAssertTrue(DetailFilter("CTR-7").matches(["ctr-7"]))
        XCTAssertFalse(DetailFilter("ö").matches(["Ökotech"]), "only ASCII letters fold, as SQLite's lower() does")
        XCTAssertTrue(DetailFilter("%").matches(["100%"]))
        XCTAssertFalse(DetailFilter("%").matches(["100"]))
        XCTAssertFalse(DetailFilter("!acme").matches(["x", "ACME"]))
        XCTAssertTrue(DetailFilter("!").matches([]), "a lone ! keeps every row")
        XCTAssertEqual(DetailFilter(#"a%b_c\d"#).likePattern, #"%a\%b\_c\\d%"#)
    }
}
