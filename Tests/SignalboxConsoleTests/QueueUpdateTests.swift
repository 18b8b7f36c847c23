import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// The exception queue's keys: opening, paging, filters, and every action's prompt → confirm → write (or cancel).
final class QueueUpdateTests: XCTestCase {
    private var state = QueueFixtures.queueState()

    @discardableResult
    private func send(_ keys: Key...) -> [ConsoleEffect] { state.feed(keys) }

    @discardableResult
    private func type(_ text: String) -> [ConsoleEffect] { text.flatMap { send(.character($0)) } }

    private var queue: QueueScreen? {
        if case .queue(let screen) = state.screen { return screen }
        return nil
    }

    private func target(_ id: String, _ version: Int64) -> WriteTarget { WriteTarget(exceptionID: id, seenVersion: version) }

    func testEOnTheDashboardAndEnterOnTheExceptionsTileOpenTheQueue() {
        var dashboard = ConsoleFixtures.loadedState()
        let (opened, effects) = ConsoleUpdate.update(dashboard, .key(.character("e")))
        XCTAssertEqual(opened.screen, .queue(QueueScreen()))
        XCTAssertEqual(effects, [.loadQueue(QueueScreen().query, append: false)])
        dashboard.focus = .exceptions
        XCTAssertEqual(ConsoleUpdate.update(dashboard, .key(.enter)).0.screen, .queue(QueueScreen()))
        var command = ConsoleFixtures.loadedState()
        for key in [Key.character(":")] + "exceptions".map(Key.character) + [.enter] { command = ConsoleUpdate.update(command, .key(key)).0 }
        XCTAssertEqual(command.screen, .queue(QueueScreen()))
    }

    func testOpenOnlyByDefaultAndOTogglesClosedWithANewFirstPage() {
        XCTAssertEqual(queue?.query.includeClosed, false)
        let effects = send(.character("o"))
        var expected = ExceptionQuery()
        expected.includeClosed = true
        expected.limit = QueueScreen.pageSize
        XCTAssertEqual(effects, [.loadQueue(expected, append: false)])
        XCTAssertEqual(queue?.rows, [], "the old rows go until the new page arrives")
    }

    func testSortCyclesColumnsInTheStoreAndSReverses() {
        XCTAssertEqual(send(.character("s")).count, 1)
        XCTAssertEqual(queue?.query.sort, .kind)
        send(.character("S"))
        XCTAssertEqual(queue?.query.descending, true)
    }

    func testFilterTokensBecomeTheQueryAndABadTokenIsExplained() {
        send(.character("/"))
        let effects = type("kind:ambiguous_customer_mapping severity:high assignee:me age>3d globex") + send(.enter)
        XCTAssertEqual(queue?.query.kinds, [.ambiguousCustomerMapping])
        XCTAssertEqual(queue?.query.severities, [.high])
        XCTAssertEqual(queue?.query.assignee, "ops")
        XCTAssertEqual(queue?.query.minimumAge, .days(3))
        XCTAssertEqual(queue?.query.text, "globex")
        XCTAssertEqual(effects.count, 1)

        send(.character("/"))
        type(" kind:nonsense")
        XCTAssertEqual(send(.enter), [])
        XCTAssertTrue(state.message?.hasPrefix("filter not applied: unknown kind nonsense (kinds: ambiguous_customer_mapping,") == true, state.message ?? "")
        XCTAssertEqual(queue?.query.kinds, [.ambiguousCustomerMapping], "the previous filter stays")
    }

    func testScrollingNearTheEndOfAFullPageLoadsTheNextPageAfterTheLastRow() {
        guard let screen = queue else { return XCTFail("no queue") }
        let page = (0..<QueueScreen.pageSize).map { QueueFixtures.row("P\($0)") }
        state = ConsoleUpdate.update(state, .queueLoaded(screen.query, page, append: false, asOf: ConsoleFixtures.asOf)).0
        XCTAssertEqual(queue?.hasMore, true)
        var effects: [ConsoleEffect] = []
        for _ in 0..<90 { effects += send(.down) }
        var next = screen.query
        next.after = page.last?.cursor
        XCTAssertEqual(effects, [.loadQueue(next, append: true)], "exactly one next page, after the last row")
        state = ConsoleUpdate.update(state, .queueLoaded(next, [QueueFixtures.row("Q1")], append: true, asOf: ConsoleFixtures.asOf)).0
        XCTAssertEqual(queue?.rows.count, QueueScreen.pageSize + 1)
        XCTAssertEqual(queue?.hasMore, false)
    }

    func testClaimAsksFirstThenWritesWithTheSeenVersion() {
        XCTAssertEqual(send(.character("c")), [], "nothing happens before confirmation")
        XCTAssertEqual(state.dialog, .confirm(.each(.claim, [target("X1", 5)]), lines: []))
        XCTAssertEqual(send(.character("y")), [.write(.each(.claim, [target("X1", 5)]))])
        XCTAssertNil(state.dialog)
    }

    func testAnyKeyButYCancelsAConfirmation() {
        send(.character("u"))
        XCTAssertEqual(send(.character("n")), [])
        XCTAssertNil(state.dialog)
        XCTAssertEqual(state.message, "cancelled: nothing written")
        send(.character("p"))
        XCTAssertEqual(send(.enter), [])
        XCTAssertNil(state.dialog)
    }

    func testDismissNeedsAReasonThenConfirms() {
        send(.character("d"))
        XCTAssertEqual(send(.enter), [], "an empty reason is refused")
        XCTAssertNotNil(state.dialog)
        type("duplicate")
        send(.enter)
        XCTAssertEqual(state.dialog, .confirm(.each(.dismiss(reason: "duplicate"), [target("X1", 5)]), lines: []))
        XCTAssertEqual(send(.character("y")), [.write(.each(.dismiss(reason: "duplicate"), [target("X1", 5)]))])
    }

    func testNotePromptEscapeCancels() {
        send(.character("n"))
        type("hello")
        XCTAssertEqual(send(.escape), [])
        XCTAssertNil(state.dialog)
        XCTAssertEqual(state.message, "cancelled: nothing written")
    }

    func testMarkedRowsAreWrittenEachSeparately() {
        send(.character(" "), .down, .character(" "))
        XCTAssertEqual(queue?.marked, ["X1", "X3"])
        send(.character("c"))
        let plan = WritePlan.each(.claim, [target("X1", 5), target("X3", 5)])
        XCTAssertEqual(state.dialog, .confirm(plan, lines: []))
        XCTAssertEqual(send(.character("y")), [.write(plan)])
        let outcome = WriteOutcome(plan: plan, written: ["X1"],
                                   failures: [FailedAction(exceptionID: "X3", error: .store(.conflict("changed by bob 20s ago: claimed by bob")))])
        let (after, effects) = ConsoleUpdate.update(state, .writeFinished(outcome))
        XCTAssertEqual(after.message, "1 written, 1 failed — X3: changed by bob 20s ago: claimed by bob")
        XCTAssertTrue(effects.contains { if case .loadQueue = $0 { true } else { false } }, "a write refreshes the queue")
        if case .queue(let screen) = after.screen { XCTAssertEqual(screen.marked, ["X3"], "failed rows stay marked") }
    }

    /// A write held up by a bulk ingest says so while it waits; it is neither cancelled nor repeated.
    func testAWriteWaitingForAnIngestSaysSo() throws {
        state = try QueueFixtures.detailState()
        let (after, effects) = ConsoleUpdate.update(state, .writeWaiting)
        XCTAssertEqual(after.message, "waiting for another writer… (the action goes ahead once it commits)")
        XCTAssertEqual(effects, [])
    }

    func testAConflictIsShownAndTheDetailRefreshed() throws {
        state = try QueueFixtures.detailState()
        let plan = WritePlan.each(.claim, [target("X1", 12)])
        let outcome = WriteOutcome(plan: plan, written: [], failures: [FailedAction(exceptionID: "X1", error: .store(.conflict("changed by bob 20s ago: claimed it")))])
        let (after, effects) = ConsoleUpdate.update(state, .writeFinished(outcome))
        XCTAssertEqual(after.message, "not written: changed by bob 20s ago: claimed it")
        XCTAssertTrue(effects.contains(.loadException(id: "X1")))
    }

    /// Failures stay typed from the store to the screen: a refusal by the rules and a store error are told apart
    /// until the message is worded, and a failed read keeps the store's error on the screen state.
    func testFailuresReachTheScreenTyped() throws {
        state = try QueueFixtures.detailState()
        let plan = WritePlan.each(.approveReprocess(requestID: "R1"), [target("X1", 12)])
        let refused = FailedAction(exceptionID: "X1", error: .refused(.fourEyes(requestedBy: "alice")))
        let (after, _) = ConsoleUpdate.update(state, .writeFinished(WriteOutcome(plan: plan, written: [], failures: [refused])))
        XCTAssertEqual(after.message, "not written: alice requested this; a different user must approve")
        let failed = ConsoleUpdate.update(state, .exceptionFailed(id: "X1", .unavailable("connection reset"))).0
        guard case .queue(let screen) = failed.screen else { return XCTFail("not on the queue") }
        XCTAssertEqual(screen.detail?.error, .unavailable("connection reset"))
    }

    func testDetailCandidateKeysResolveWithTheRecordVersion() throws {
        state = try QueueFixtures.detailState()
        state.settings.userName = "alice"   // who holds the claim (anyone else is refused before the question)
        send(.character("2"))
        guard case .confirm(let plan, let lines) = state.dialog else { return XCTFail("no confirmation") }
        XCTAssertEqual(plan, .each(.resolve(.candidate(index: 1), note: nil), [target("X1", 12)]))
        XCTAssertEqual(lines, ["map CRM/GLOBEX → ERP/C-200 Globex GmbH"])
        send(.character("N"))
        send(.character("3"))
        XCTAssertNil(state.dialog)
        XCTAssertEqual(state.message, "no candidate 3: choose 1–2")
    }

    func testTypedTargetKey() throws {
        state = try QueueFixtures.detailState()
        state.settings.userName = "alice"
        send(.character("m"))
        type("ERP/C-300")
        send(.enter)
        XCTAssertEqual(state.dialog, .confirm(.each(.resolve(.target(key: "C-300", system: "ERP"), note: nil), [target("X1", 12)]), lines: []))
    }

    func testApplyToAllPreviewsThenConfirms() throws {
        state = try QueueFixtures.detailState()
        send(.character("a"))
        XCTAssertEqual(state.dialog, .prompt(.resolveAllTarget(subject: RecordKey(system: "CRM", key: "GLOBEX"), candidates: try QueueFixtures.record.candidates),
                                             text: "ERP/C-100"), "the remembered mapping is offered")
        let plan = WritePlan.resolveAll(subject: RecordKey(system: "CRM", key: "GLOBEX"), target: RecordKey(system: "ERP", key: "C-100"), note: nil)
        XCTAssertEqual(send(.enter), [.previewResolveAll(plan)])
        let item = { (id: String, version: Int64) in
            BulkResolutionPlan.Item(exceptionID: id, kind: .ambiguousCustomerMapping, amountAtRisk: try? ExactDecimal(parsing: "2500"),
                                    currency: "EUR", version: version)
        }
        let listed = BulkResolutionPlan(
            subject: RecordKey(system: "CRM", key: "GLOBEX"), target: RecordKey(system: "ERP", key: "C-100"), note: nil,
            included: [item("X1", 12), item("X2", 14)],
            refused: [.init(item: item("X3", 15), error: .claimedBySomeoneElse(by: "chen.wei", since: try Timestamp(rfc3339: "2026-11-20T08:00:00Z")))])
        state = ConsoleUpdate.update(state, .resolveAllPreviewed(plan, listed)).0
        guard case .confirm(let confirmed, let lines) = state.dialog else { return XCTFail("no confirmation") }
        XCTAssertEqual(confirmed, .resolveListed(listed))
        XCTAssertEqual(lines, [
            "2 open exceptions will be resolved — exactly these:",
            "  X1  ambiguous_customer_mapping  EUR 2500.00  v12",
            "  X2  ambiguous_customer_mapping  EUR 2500.00  v14",
            "not included, the rules refuse 1:",
            "  X3  ambiguous_customer_mapping  EUR 2500.00: claimed by chen.wei since 2026-11-20T08:00:00Z; chen.wei must release it first",
        ])
        XCTAssertEqual(send(.character("y")), [.write(.resolveListed(listed))])
    }

    func testApproveNeedsAPendingRequest() throws {
        state = try QueueFixtures.detailState()
        XCTAssertEqual(send(.character("A")), [])
        XCTAssertNil(state.dialog)
        XCTAssertEqual(state.message, "no reprocess request awaits approval on X1")
    }

    func testReadOnlyHasNoActions() {
        state = QueueFixtures.queueState(readOnly: true)
        for key in "cudnpAma1" { XCTAssertEqual(send(.character(key)), []) }
        XCTAssertNil(state.dialog)
        XCTAssertTrue(state.message?.hasPrefix("read-only") == true)
    }

    func testAChangedTokenReloadsTheQueueAndTheOpenDetail() throws {
        state = try QueueFixtures.detailState()
        let (_, effects) = ConsoleUpdate.update(state, .tokenPolled(99))
        XCTAssertTrue(effects.contains(.loadException(id: "X1")))
        XCTAssertTrue(effects.contains { if case .loadQueue(_, false) = $0 { true } else { false } })
    }

    /// A change reads again the rows the user can reach, a page past the selection and the last marked row, not
    /// every row once scrolled past; the rest load again as the selection nears them.
    func testAReloadReadsTheRowsInReachNotEveryRowLoaded() throws {
        let rows = (0..<350).map { QueueFixtures.row("X\($0)") }
        state = QueueFixtures.queueState(rows: rows, size: Size(width: 80, height: 24))
        func reloadLimit(selected: Int, marked: Set<String> = []) throws -> Int {
            guard case .queue(var screen) = state.screen else { throw StoreError.notFound("the queue") }
            screen.selected = selected
            screen.marked = marked
            state.screen = .queue(screen)
            let reloads = ConsoleUpdate.update(state, .tokenPolled(99)).1.compactMap { effect -> ExceptionQuery? in
                if case .loadQueue(let query, false) = effect { query } else { nil }
            }
            XCTAssertEqual(reloads.count, 1)
            return reloads.first?.limit ?? 0
        }
        XCTAssertEqual(try reloadLimit(selected: 0), 101, "back at the top: a page past the selection")
        XCTAssertEqual(try reloadLimit(selected: 200), 301)
        XCTAssertEqual(try reloadLimit(selected: 300), 350, "never more than is loaded")
        XCTAssertEqual(try reloadLimit(selected: 5, marked: ["X150", "X7"]), 251, "every marked row stays loaded")

        // The reload's rows replace the loaded ones; the selection stays on its exception and more can load.
        _ = try reloadLimit(selected: 5, marked: ["X150"])
        guard case .queue(let screen) = state.screen else { throw StoreError.notFound("the queue") }
        state = ConsoleUpdate.update(state, .queueLoaded(screen.query, Array(rows.prefix(251)), append: false,
                                                          asOf: QueueFixtures.asOf)).0
        XCTAssertEqual(queue?.rows.count, 251)
        XCTAssertEqual(queue?.hasMore, true)
        XCTAssertEqual(queue?.selectedRow?.exceptionID, "X5")
        XCTAssertEqual(queue?.actionRows.map(\.exceptionID), ["X150"])
    }

    func testGroupingShowsCountsAndEnterOpensTheGroup() {
        let effects = send(.character("g"))
        XCTAssertTrue(effects.contains(.loadGroups(.kind, queue?.query ?? ExceptionQuery())))
        state = ConsoleUpdate.update(state, .groupsLoaded(.kind, [ExceptionGroup(key: "posting_failed", label: "posting_failed", count: 4)])).0
        send(.enter)
        XCTAssertNil(queue?.grouping)
        XCTAssertEqual(queue?.query.kinds, [.postingFailed])
    }

    /// A grouping's count in the title groups thousands like every other count: `4,000 groups by subject`.
    func testTheGroupCountHasThousandsSeparators() {
        send(.character("g"))
        let groups = (0..<4000).map { ExceptionGroup(key: "C\($0)", label: "Customer \($0)", count: 1) }
        state = ConsoleUpdate.update(state, .groupsLoaded(.kind, groups)).0
        let lines = render().joined(separator: "\n")
        XCTAssertTrue(lines.contains("4,000 groups by kind"), lines)
    }

    /// `g` asks for the rows and the groups; the rows may come back first. Until the groups do, the screen says it
    /// is loading, not that nothing matches (seen under load: pressing `g` twice showed "no exceptions match").
    func testGroupingSaysLoadingUntilItsGroupsArriveNotNothingMatches() {
        send(.character("g"))
        let query = queue?.query ?? ExceptionQuery()
        state = ConsoleUpdate.update(state, .queueLoaded(query, QueueFixtures.rows, append: false, asOf: QueueFixtures.asOf)).0
        var lines = render().joined(separator: "\n")
        XCTAssertTrue(lines.contains("loading…"), lines)
        XCTAssertFalse(lines.contains("no exceptions match"), lines)
        state = ConsoleUpdate.update(state, .groupsLoaded(.kind, [])).0
        lines = render().joined(separator: "\n")
        XCTAssertTrue(lines.contains("no exceptions match"), lines)
        send(.character("g"))   // by subject: its groups on their way, then the read fails
        XCTAssertEqual(queue?.awaitsItsList, true)
        state = ConsoleUpdate.update(state, .queueFailed(queue?.query ?? query, .unavailable("server closed the connection"))).0
        XCTAssertEqual(queue?.awaitsItsList, false)
        XCTAssertTrue(render().joined().contains("cannot load"))
    }

    private func render() -> [String] {
        ConsoleView.render(state, size: state.size, theme: .builtInDefault, lineSet: .unicode).lines()
    }

    func testTraceFromTheDetailReturnsToItOnEscape() throws {
        state = try QueueFixtures.detailState()
        XCTAssertEqual(send(.character("t")), [.loadTable(.trace(correlationID: "C-9"))])
        let effects = send(.escape)
        XCTAssertEqual(queue?.detail?.exceptionID, "X1")
        XCTAssertTrue(effects.contains(.loadException(id: "X1")))
    }

    func testEscapeClosesTheDetailThenTheQueue() throws {
        state = try QueueFixtures.detailState()
        send(.escape)
        XCTAssertNil(queue?.detail)
        send(.escape)
        XCTAssertEqual(state.screen, .dashboard)
    }
}
