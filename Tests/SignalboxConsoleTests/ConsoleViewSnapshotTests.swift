import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// Every view drawn at 80×24 and 160×48 (tables at 80×24, 120×40 and 200×50) against the committed snapshots in Snapshots/.
final class ConsoleViewSnapshotTests: XCTestCase {
    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]
    static let tableSizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 50)]

    private func render(_ state: ConsoleState, _ size: Size, lineSet: LineSet = .unicode) -> Buffer {
        ConsoleView.render(state, size: size, theme: .builtInDefault, lineSet: lineSet)
    }

    func testDashboard() {
        for size in Self.sizes {
            assertSnapshot(render(ConsoleFixtures.loadedState(size: size, readOnly: true), size), named: "dashboard-\(size.width)x\(size.height)")
        }
    }

    func testDashboardSecondPage() {
        for size in Self.sizes {
            var state = ConsoleFixtures.loadedState(size: size)
            state.focus = .timeToInvoice
            assertSnapshot(render(state, size), named: "dashboard-page2-\(size.width)x\(size.height)")
        }
    }

    func testATileReadLessOftenThanTheRestSaysHowMuchOlderItsFiguresAre() {
        let size = Size(width: 80, height: 24)
        for wall in [false, true] {
            var state = ConsoleFixtures.loadedState(size: size, wall: wall)
            state.focus = .reconciliation
            let later = ConsoleFixtures.asOf.adding(.seconds(45))
            state = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals.selecting(SignalReadGroup.sections(of: [.front, .back])), token: 8,
                                                               at: later, notYetIn: 0)).0
            state.now = later.adding(.seconds(1))
            assertSnapshot(render(state, size), named: (wall ? "wall" : "dashboard") + "-reconciliation-older-80x24")
        }
    }

    /// A console that has just opened has drawn page 1 and reads page 2's flow next, then §10: page 2's tiles say they
    /// are reading until their group arrives, each group's figures drawn as soon as it is read.
    func testPageTwosTilesSayTheyAreReadingUntilTheirGroupArrives() {
        let size = Size(width: 200, height: 50)
        let opened = ConsoleState(settings: ConsoleFixtures.settings(), size: size, now: ConsoleFixtures.asOf, themeName: "dark")
        var (state, effects) = ConsoleUpdate.start(opened)
        XCTAssertEqual(effects, [.loadSignals(.v1)], "page 1's figures first")
        func loaded(_ group: SignalReadGroup) {
            (state, effects) = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals.selecting(group.sections), token: 8,
                                                                          at: ConsoleFixtures.asOf, notYetIn: 0))
        }
        func readingTiles() -> Int {
            var page2 = state
            page2.focus = .timeToInvoice
            return render(page2, size).lines().map { $0.components(separatedBy: "reading from the store").count - 1 }.reduce(0, +)
        }
        loaded(.front)
        XCTAssertEqual(effects, [.loadSignals(.v2)])
        XCTAssertEqual(readingTiles(), 5, "four flow tiles and §10's")
        loaded(.back)
        XCTAssertEqual(effects, [.loadSignals(.reconciliation)])
        XCTAssertEqual(readingTiles(), 1, "§10's alone")
        loaded(.reconciliation)
        XCTAssertEqual(readingTiles(), 0)
    }

    /// A console that has just opened has drawn the flow's figures and is still reading §10: the reconciliation tile
    /// says so and shows no figure and no health (a zero would read as "no findings").
    func testTheReconciliationTileBeforeItsFirstReadSaysItIsReading() {
        let size = Size(width: 80, height: 24)
        for wall in [false, true] {
            let settings = ConsoleFixtures.settings(wall: wall)
            var state = ConsoleUpdate.start(ConsoleState(settings: settings, size: size, now: ConsoleFixtures.asOf, themeName: "dark")).0
            state = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals.selecting(SignalReadGroup.sections(of: [.front, .back])), token: 8,
                                                               at: ConsoleFixtures.asOf, notYetIn: 0)).0
            state.focus = .reconciliation
            let buffer = render(state, size)
            assertSnapshot(buffer, named: (wall ? "wall" : "dashboard") + "-reconciliation-reading-80x24")
            let screen = buffer.lines().joined(separator: "\n")
            XCTAssertTrue(screen.contains("reading from the store…"), screen)
            XCTAssertTrue(screen.contains("n/a"), "no health badge but n/a")
            XCTAssertFalse(screen.contains("refreshing"), "a read that has just begun is not announced")
        }
    }

    /// At 80 columns, an unbilled trend of millions of hours reads at a glance and keeps its span beside it: before,
    /// `1930286h–2693739h` took the whole half row.
    func testAnUnbilledTrendOfMillionsOfHoursKeepsItsSpanAt80Columns() {
        let state = ConsoleUpdate.update(ConsoleFixtures.loadedState(), .trendsLoaded([
            .unbilled: TrendSeries(values: [1_930_286, nil, 2_693_739], periodLabel: "30d daily", unit: .hours),
        ])).0
        let lines = render(state, Size(width: 80, height: 24)).lines()
        XCTAssertTrue(lines.contains { $0.hasSuffix("││ ▁ █ 30d 1.93Mh–2.69Mh                │") }, lines.joined(separator: "\n"))
    }

    /// The status bar says a read is running once it has lasted a second, and not before: under a steady writer most
    /// reads end within a frame, and announcing each rewrote the bar twice per interval over a slow link.
    func testTheStatusBarAnnouncesAReadOnlyOnceItHasLastedASecond() {
        let size = Size(width: 80, height: 24)
        var state = ConsoleFixtures.loadedState(size: size)
        let begun = state.now.microseconds
        func status(after microseconds: Int64) -> String {
            state.now = Timestamp(microseconds: begun + microseconds)
            let lines = render(state, size).lines()
            let line = lines.first { $0.contains("│ age ") } ?? lines.joined(separator: "\n")
            return line.trimmingCharacters(in: .whitespaces)
        }
        state.refresh = .loading(since: Timestamp(microseconds: begun))
        XCTAssertTrue(status(after: 0).hasSuffix("│ live 2s"), status(after: 0))
        XCTAssertTrue(status(after: 999_999).hasSuffix("│ live 2s"), status(after: 999_999))
        XCTAssertTrue(status(after: 1_000_000).hasSuffix("│ refreshing 1s"), status(after: 1_000_000))
        XCTAssertTrue(status(after: 75_000_000).hasSuffix("│ refreshing 1m"), status(after: 75_000_000))
        state.refresh = .idle
        XCTAssertTrue(status(after: 75_000_000).hasSuffix("│ live 2s"), status(after: 75_000_000))
    }

    /// A live as-of is the instant of each read: the bar shows its second, so that reads a fraction apart leave the
    /// bar as it was, and the store's name keeps its room at 80 columns.
    func testTheStatusBarShowsTheAsOfToTheSecond() {
        let size = Size(width: 80, height: 24)
        var state = ConsoleFixtures.loadedState(size: size)
        func statusBar(asOfPlus microseconds: Int64, token: Int64) -> String {
            var signals = ConsoleFixtures.signals
            signals.asOf = ConsoleFixtures.asOf.adding(SignalDuration(microseconds: microseconds))
            state = ConsoleUpdate.update(state, .signalsLoaded(signals, token: token, at: ConsoleFixtures.asOf, notYetIn: 0)).0
            let lines = render(state, size).lines()
            return lines.first { $0.contains("│ age ") } ?? lines.joined(separator: "\n")
        }
        let whole = statusBar(asOfPlus: 0, token: 8)
        XCTAssertTrue(whole.hasPrefix(" …ignalbox/store.sqlite   as of 2026-10-31T00:00:00Z │"), whole)
        XCTAssertEqual(statusBar(asOfPlus: 916_000, token: 9), whole)
        XCTAssertEqual(statusBar(asOfPlus: 966_800, token: 10), whole)
        XCTAssertEqual(statusBar(asOfPlus: 999_999, token: 11), whole)
        let next = statusBar(asOfPlus: 1_000_000, token: 12)
        XCTAssertTrue(next.hasPrefix(" …ignalbox/store.sqlite   as of 2026-10-31T00:00:01Z │"), next)
    }

    /// The data age moves in steps: `<10s`, then tens of seconds, then minutes. The ticks between two reads under a
    /// writer (every `--recompute` seconds) leave the bar as it was; a console that stops reading still shows its
    /// figures growing old.
    func testTheDataAgeMovesInStepsSoTicksBetweenReadsLeaveTheBarAsItWas() throws {
        let size = Size(width: 80, height: 24)
        var state = ConsoleFixtures.loadedState(size: size)
        let read = try XCTUnwrap(state.lastSuccess)
        func bar(secondsAfterTheRead seconds: Int64, plusMicroseconds extra: Int64 = 0) -> String {
            state.now = read.adding(.seconds(seconds)).adding(SignalDuration(microseconds: extra))
            let lines = render(state, size).lines()
            return lines.first { $0.contains("│ age ") } ?? lines.joined(separator: "\n")
        }
        let fresh = bar(secondsAfterTheRead: 0)
        XCTAssertTrue(fresh.contains("│ age <10s │"), fresh)
        for second in [2, 4, 6, 8] { XCTAssertEqual(bar(secondsAfterTheRead: Int64(second)), fresh, "tick at \(second) s") }
        XCTAssertEqual(bar(secondsAfterTheRead: 9, plusMicroseconds: 999_999), fresh)
        XCTAssertTrue(bar(secondsAfterTheRead: 10).contains("│ age 10s │"), bar(secondsAfterTheRead: 10))
        XCTAssertTrue(bar(secondsAfterTheRead: 19).contains("│ age 10s │"), bar(secondsAfterTheRead: 19))
        XCTAssertTrue(bar(secondsAfterTheRead: 59).contains("│ age 50s │"), bar(secondsAfterTheRead: 59))
        XCTAssertTrue(bar(secondsAfterTheRead: 60).contains("│ age 1m │"), bar(secondsAfterTheRead: 60))
        XCTAssertTrue(bar(secondsAfterTheRead: 7_500).contains("│ age 2h 05m │"), bar(secondsAfterTheRead: 7_500))
    }

    func testWallShowsTheSecondPagesSummaryWhenItsSignalIsUp() {
        let size = Size(width: 80, height: 24)
        var state = ConsoleFixtures.loadedState(size: size, wall: true)
        state.focus = .invoiceToCash
        assertSnapshot(render(state, size), named: "wall-page2-80x24")
    }

    func testDashboardInASCII() {
        let size = Size(width: 80, height: 24)
        let buffer = render(ConsoleFixtures.loadedState(size: size), size, lineSet: .ascii)
        assertSnapshot(buffer, named: "dashboard-ascii-80x24")
        XCTAssertTrue(buffer.lines().joined().unicodeScalars.filter { $0.value > 0x7F && $0 != "·" && $0 != "│" && $0 != "—" && $0 != "…" }.isEmpty)
    }

    func testDrillDowns() throws {
        let asOf = ConsoleFixtures.asOf
        let tables: [(SignalKind, DataTable)] = [
            (.activation, DrillDownTables.activation(ConsoleFixtures.activationDetails, asOf: asOf)),
            (.provisioning, DrillDownTables.provisioning(ConsoleFixtures.failures)),
            (.amendments, DrillDownTables.amendments(ConsoleFixtures.amendments)),
            (.unbilled, DrillDownTables.unbilled(ConsoleFixtures.unbilled, asOf: asOf)),
            (.exceptions, DrillDownTables.exceptions(ConsoleFixtures.openExceptions, asOf: asOf)),
            (.timeToInvoice, DrillDownTables.timeToInvoice(ConsoleFixtures.invoicedEntries)),
            (.resolution, DrillDownTables.resolution(ConsoleFixtures.closedExceptions, byKind: ConsoleFixtures.signals.resolution.byKind)),
            (.invoiceToCash, DrillDownTables.invoiceToCash(ConsoleFixtures.invoiceStandings, asOf: asOf)),
            (.throughput, DrillDownTables.throughput(ConsoleFixtures.signals.throughput)),
        ]
        for (kind, table) in tables {
            for size in Self.tableSizes {
                let state = ConsoleFixtures.tableState(table, source: .drillDown(kind), size: size)
                assertSnapshot(render(state, size), named: "drilldown-\(kind.rawValue)-\(size.width)x\(size.height)")
            }
        }
    }

    /// The reconciliation tile focused on the second page (at the design size and a wide terminal), and each control's
    /// rows behind it.
    func testReconciliationTileAndItsDrillDowns() {
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 50)] {
            var state = ConsoleFixtures.loadedState(size: size)
            state.focus = .reconciliation
            assertSnapshot(render(state, size), named: "dashboard-reconciliation-\(size.width)x\(size.height)")
        }
        for control in ReconciliationControl.allCases {
            let table = ReconciliationTables.table(control, ReconciliationFixtures.rows, psa: ReconciliationFixtures.psa)
            for size in Self.tableSizes {
                let state = ConsoleFixtures.tableState(table, source: .reconciliation(control), size: size)
                assertSnapshot(render(state, size), named: "reconciliation-\(control.rawValue)-\(size.width)x\(size.height)")
            }
        }
    }

    /// Millions in three currencies at 80×24: a control's currencies continue on the next line instead of being cut,
    /// and what the tile cannot hold is counted (Enter shows it).
    func testTheReconciliationTileWrapsLargeAmountsInsteadOfCuttingThem() {
        let size = Size(width: 80, height: 24)
        var state = ConsoleFixtures.loadedState(size: size)
        var milestones = UnbilledMilestones()
        milestones.buckets[.over60] = MilestoneTotals(milestones: 9, amount: ExactDecimal(67_502_500))
        var over = OverContractValue()
        over.contracts = 3
        over.excess = ExactDecimal(units: 159_280_065_000)
        state.signals?.reconciliation.unbilledMilestones = ["EUR": milestones, "GBP": milestones, "USD": milestones]
        state.signals?.reconciliation.overContractValue = ["EUR": over, "GBP": over, "USD": over]
        state.focus = .reconciliation
        let buffer = render(state, size)
        assertSnapshot(buffer, named: "dashboard-reconciliation-millions-80x24")
        let text = buffer.lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("unbilled milestones EUR 67,502,500.00 · GBP 67,502,500.00  "), text)
        XCTAssertTrue(text.contains("… 3 more lines (Enter)"), text)
    }

    func testTrace() throws {
        let table = TraceTable.make(correlationID: "CTR-LHTCKV-0000044", events: try ConsoleFixtures.traceEvents)
        for size in Self.tableSizes {
            let state = ConsoleFixtures.tableState(table, source: .trace(correlationID: "CTR-LHTCKV-0000044"), size: size)
            assertSnapshot(render(state, size), named: "trace-\(size.width)x\(size.height)")
        }
    }

    /// At 80 columns a trace's time is shown to the second and each detail names its amount before any name, so that
    /// a contract's, a time entry's and an invoice's amounts stay whole beside a MIDDLEWARE row; the rows keep the
    /// exact order and the export the exact instant.
    func testATraceAt80ColumnsKeepsEveryAmountWhole() throws {
        let lines = [
            #"{"event_id":"c1","type":"contract.approved","occurred_at":"2026-09-01T09:00:00Z","source":"CLM","correlation_id":"CTR-0000289","data":{"contract_id":"CTR-0000289","customer":{"system":"CRM","key":"K1","name":"Trey Research Logistics International 4"},"legal_entity":"US01","currency":"EUR","billing_model":"time_and_materials","total_value":"1250000.00","rate_card":[{"role":"Dev","rate":150}],"start_date":"2026-09-01","end_date":"2027-08-31"}}"#,
            #"{"event_id":"t1","type":"time.approved","occurred_at":"2026-09-21T08:25:48Z","source":"PSA","correlation_id":"CTR-0000289","data":{"time_entry_id":"TE-0000289-0002","contract_id":"CTR-0000289","project_id":"P-1","resource":"kemal.okafor-vandenberg","role":"Dev","work_date":"2026-09-20","hours":9.75,"rate":1500,"amount":14625,"currency":"EUR"}}"#,
            #"{"event_id":"f1","type":"project.provisioning_failed","occurred_at":"2026-09-07T08:47:15.373Z","source":"MIDDLEWARE","correlation_id":"CTR-0000289","data":{"contract_id":"CTR-0000289","attempt":1,"reason_code":"PSA_TIMEOUT","message":"timeout"}}"#,
            #"{"event_id":"i1","type":"invoice.posted","occurred_at":"2026-09-30T15:18:45.062Z","source":"ERP","correlation_id":"CTR-0000289","data":{"invoice_id":"INV-0000289-001","contract_id":"CTR-0000289","currency":"USD","total":28000,"lines":[{"amount":28000}]}}"#,
        ]
        let events = try lines.enumerated().map { StoredEvent(sequence: Int64($0.offset + 1), event: try CanonicalEvent(jsonLine: Array($0.element.utf8))) }
        let table = TraceTable.make(correlationID: "CTR-0000289", events: events)
        let size = Size(width: 80, height: 24)
        let text = render(ConsoleFixtures.tableState(table, source: .trace(correlationID: "CTR-0000289"), size: size), size).lines()
        for row in [" 2026-09-01T09:00:00Z CLM        contract approved: EUR 1250000.00,",
                    " 2026-09-21T08:25:48Z PSA        time TE-0000289-0002 approved: EUR 14625.00 (",
                    " 2026-09-30T15:18:45Z ERP        invoice INV-0000289-001 posted: USD 28000.00"] {
            XCTAssertTrue(text.contains { $0.hasPrefix(row) }, row + "\n" + text.joined(separator: "\n"))
        }
        XCTAssertEqual(table.rows.map { $0.export[0] }, events.map { .time($0.event.occurredAt) }, "the export keeps the instant")
    }

    /// A drill-down shows its times to the second, so that at 80 columns the time-to-invoice list has room for when
    /// each entry was approved as well as invoiced; the rows sort by, and the export keeps, the exact instant.
    func testADrillDownAt80ColumnsShowsTimesToTheSecondAndExportsThemExactly() throws {
        let approved = try Timestamp(rfc3339: "2026-09-01T09:00:00.754Z"), invoiced = try Timestamp(rfc3339: "2026-11-18T11:58:37.125Z")
        let entries = [InvoicedTimeEntry(timeEntryID: "TE-0000520-0002", contractID: "CTR-0000520", approvedAt: approved, invoicedAt: invoiced),
                       InvoicedTimeEntry(timeEntryID: "TE-0001048-0003", contractID: "CTR-0001048",
                                         approvedAt: try Timestamp(rfc3339: "2026-09-07T10:00:00Z"),
                                         invoicedAt: try Timestamp(rfc3339: "2026-11-18T11:58:37Z"))]
        let table = DrillDownTables.timeToInvoice(entries)
        let size = Size(width: 80, height: 24)
        let text = render(ConsoleFixtures.tableState(table, source: .drillDown(.timeToInvoice), size: size), size).lines()
        XCTAssertTrue(text.contains { $0.contains("APPROVED") && $0.contains("INVOICED") }, text.joined(separator: "\n"))
        XCTAssertTrue(text.contains { $0.contains("TE-0000520-0002") && $0.hasSuffix("2026-09-01T09:00:00Z 2026-11-18T11:58:37Z") },
                      text.joined(separator: "\n"))
        XCTAssertEqual(table.rows[0].export.suffix(2), [.time(approved), .time(invoiced)])
    }

    /// A trace keeps the events after the as-of (it is the log) but mutes them and says how many there are, so a
    /// reviewer at a fixed as-of does not take a later event for one the figures include.
    func testTraceMutesEventsAfterTheAsOf() throws {
        let events = try ConsoleFixtures.traceEvents
        let between = try Timestamp(rfc3339: "2026-10-30T10:30:00Z")
        let table = TraceTable.make(correlationID: "CTR-LHTCKV-0000044", events: events, asOf: between)
        XCTAssertEqual(table.rows.map(\.emphasis), [.breach, .muted], "the failure before the as-of still stands out")
        let size = Size(width: 80, height: 24)
        let state = ConsoleFixtures.tableState(table, source: .trace(correlationID: "CTR-LHTCKV-0000044"), size: size)
        let text = render(state, size).lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("2 events (1 after the as-of)"), text)

        let after = TraceTable.make(correlationID: "CTR-LHTCKV-0000044", events: events, asOf: try Timestamp(rfc3339: "2026-10-30T11:00:00Z"))
        XCTAssertEqual(after.rows.map(\.emphasis), [.breach, .normal], "an event at the as-of is in the figures")
        XCTAssertFalse(after.title.contains("after the as-of"), after.title)
    }

    func testHelp() {
        for size in Self.sizes {
            var state = ConsoleFixtures.loadedState(size: size, readOnly: true)
            state.showHelp = true
            assertSnapshot(render(state, size), named: "help-\(size.width)x\(size.height)")
        }
    }

    func testTooSmall() {
        let size = Size(width: 40, height: 10)
        let lines = render(ConsoleFixtures.loadedState(size: size), size).lines()
        assertSnapshot(render(ConsoleFixtures.loadedState(size: size), size), named: "too-small-40x10")
        XCTAssertTrue(lines.contains { $0.contains("need 60×16, have 40×10") })
    }

    func testWall() {
        for size in Self.sizes {
            assertSnapshot(render(ConsoleFixtures.loadedState(size: size, wall: true), size), named: "wall-\(size.width)x\(size.height)")
        }
    }

    func testStaleBannerKeepsLastGoodData() {
        let size = Size(width: 80, height: 24)
        var state = ConsoleFixtures.loadedState(size: size)
        (state, _) = ConsoleUpdate.update(state, .signalsFailed(.unavailable("disk I/O error"), at: ConsoleFixtures.asOf))
        state.now = ConsoleFixtures.asOf.adding(.seconds(180))
        let buffer = render(state, size)
        assertSnapshot(buffer, named: "stale-80x24")
        XCTAssertTrue(buffer.lines()[1].contains("STALE DATA (3m old): store unavailable: disk I/O error"))
        XCTAssertTrue(buffer.lines().joined().contains("p50 1h 30m"), "the last good values stay on screen")
    }

    /// While a read retries a failing store, the screen still says the data is stale: the banner stays, and the
    /// status bar says STALE however long the retry has run.
    func testARetryKeepsTheStaleBannerAndLabel() {
        let size = Size(width: 80, height: 24)
        var state = ConsoleFixtures.loadedState(size: size)
        let failedAt = ConsoleFixtures.asOf
        state.refresh = .retrying(.unavailable("disk I/O error"), failingSince: failedAt, since: failedAt.adding(.seconds(180)))
        for elapsed: Int64 in [180, 182] {
            state.now = failedAt.adding(.seconds(elapsed))
            let lines = render(state, size).lines()
            XCTAssertTrue(lines[1].contains("STALE DATA (\(elapsed / 60)m old): store unavailable: disk I/O error"), lines[1])
            let status = lines.first { $0.contains("│ age ") } ?? ""
            XCTAssertTrue(status.trimmingCharacters(in: .whitespaces).hasSuffix("│ STALE"), status)
        }
    }

    func testTheStatusBarSaysWhenUnbilledTimeTrailsTheLog() throws {
        let asOf = ConsoleFixtures.asOf
        // A wall terminal (read-only: it never catches up itself); at 80 columns the words are shortened.
        for (size, expected) in [(Size(width: 160, height: 48), "unbilled behind 12"), (Size(width: 80, height: 24), " behind 12 ")] {
            var state = ConsoleFixtures.loadedState(size: size, wall: true)
            (state, _) = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals, token: 8, at: asOf, notYetIn: 12))
            let buffer = render(state, size)
            let lines = buffer.lines()
            let row = try XCTUnwrap(lines.firstIndex { $0.contains("as of ") }, "the status bar")
            let column = try XCTUnwrap(lines[row].range(of: expected), lines[row]).lowerBound
            let x = lines[row].distance(from: lines[row].startIndex, to: column) + 1
            XCTAssertEqual(buffer.cell(x: x, y: row)?.style, Theme.builtInDefault.style(for: .warn), "in the warning colour")
            XCTAssertTrue(lines[row].contains("[RO]"), "the badge keeps its place: \(lines[row])")

            (state, _) = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals, token: 9, at: asOf, notYetIn: 0))
            XCTAssertFalse(render(state, size).lines().joined().contains("behind"), "gone once caught up")
        }
    }

    /// A new, empty store shows what to do next, not a dashboard of `n/a` marked OK; the dashboard replaces it as
    /// soon as a load finds events (live).
    func testFirstRunOnAnEmptyStoreSaysWhatToDoNext() {
        let size = Size(width: 80, height: 24)
        let asOf = ConsoleFixtures.asOf
        let opened = ConsoleState(settings: ConsoleFixtures.settings(), size: size, now: asOf, themeName: "dark")
        var (state, _) = ConsoleUpdate.update(opened, .signalsLoaded(ConsoleFixtures.signals, token: 1, at: asOf, notYetIn: 0,
                                                                    storeIsEmpty: true))
        let empty = render(state, size)
        assertSnapshot(empty, named: "first-run-80x24")
        let text = empty.lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("No events in /srv/signalbox/store.sqlite yet"), text)
        XCTAssertTrue(text.contains("signalbox demo") && text.contains("signalbox ingest FILE.jsonl"), text)
        XCTAssertFalse(text.contains("n/a") || text.contains(" OK "), text)

        (state, _) = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals, token: 2, at: asOf, notYetIn: 0))
        let dashboard = render(state, size).lines().joined(separator: "\n")
        XCTAssertTrue(dashboard.contains("Activation latency"), dashboard)
        XCTAssertFalse(dashboard.contains("signalbox demo"), dashboard)
    }

    func testControlCharactersFromTheStoreAreNotDrawn() {
        let table = DrillDownTables.provisioning(ConsoleFixtures.failures)
        let size = Size(width: 160, height: 48)
        let buffer = render(ConsoleFixtures.tableState(table, source: .drillDown(.provisioning), size: size), size)
        XCTAssertFalse(buffer.cells.contains { $0.symbol.unicodeScalars.contains { $0.value == 0x1B } })
    }
}
