import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// Each recurring read is spaced by what it last cost, and figures off screen wait the longest spacing, so that a
/// console under a writer spends a bounded share of a core however large the store (an injected clock: the ticks'
/// `now`; the store's answers say what each read cost).
final class ReadPacingTests: XCTestCase {
    private let start = ConsoleFixtures.asOf
    private let front = SignalReadGroup.front.sections

    private func seconds(_ value: Int64) -> Timestamp { start.adding(.seconds(value)) }

    private func writerConsole() -> SimulatedConsole {
        var console = SimulatedConsole(settings: ConsoleSettings(storeName: "s", userName: "u", readOnly: false, refreshInterval: .seconds(1),
                                                                 recomputeInterval: .seconds(1), configuration: .defaults),
                                       now: start)
        console.costs = [.front: SignalDuration(microseconds: 20_000), .back: SignalDuration(microseconds: 20_000),
                          .reconciliation: .seconds(1)]
        console.trendCost = SignalDuration(microseconds: 200_000)
        console.boot()
        return console
    }

    /// Runs a writer that commits before every tick, from second `from` through `through`.
    private func write(_ console: inout SimulatedConsole, from: Int64, through: Int64) {
        for second in from...through {
            console.token += 1
            console.tick(at: seconds(second))
        }
    }

    func testASpacingIsFortyTimesTheLastCostWithinTheFloorAndForSignalsAMinute() {
        var pacing = ReadPacing()
        XCTAssertTrue(pacing.allows(.trends, at: start, floor: .seconds(1)), "a read that never ran may run")
        pacing.started(.trends, at: start)
        pacing.finished(.trends, cost: SignalDuration(microseconds: 250_000))
        XCTAssertEqual(pacing.spacing(of: .trends, floor: .seconds(1)), .seconds(10))
        XCTAssertFalse(pacing.allows(.trends, at: seconds(9), floor: .seconds(1)))
        XCTAssertTrue(pacing.allows(.trends, at: seconds(10), floor: .seconds(1)))
        XCTAssertEqual(pacing.spacing(of: .trends, floor: .seconds(12)), .seconds(12), "never sooner than the floor")
        pacing.finished(.trends, cost: .seconds(30))
        XCTAssertEqual(pacing.spacing(of: .trends, floor: .zero), .seconds(1200), "the sparklines wait as long as their cost says")
        pacing.started(.signals(.reconciliation), at: start)
        pacing.finished(.signals(.reconciliation), cost: .seconds(30))
        XCTAssertEqual(pacing.spacing(of: .signals(.reconciliation), floor: .zero), ReadPacing.longestSpacing,
                       "figures on screen are read again within a minute whatever they cost")
        XCTAssertEqual(pacing.spacing(of: .signals(.front), floor: .seconds(1)), .seconds(1), "each read is paced on its own")
    }

    func testUnderAWriterPageOnesFlowIsReadEverySecondAndTheHiddenGroupsOnceAMinute() {
        var console = writerConsole()
        XCTAssertEqual(console.signalLoads, [front, .v2, .reconciliation],
                       "page 1's flow first, then page 2's, then §10, each as soon as the one before is drawn")
        write(&console, from: 1, through: 120)
        let loads = console.signalLoads.dropFirst(3)
        XCTAssertEqual(loads.count, 120, "page 1's flow, once a second")
        XCTAssertTrue(loads.allSatisfy { $0.isSuperset(of: front) })
        XCTAssertEqual(loads.filter { $0.contains(.timeToInvoice) }.count, 2, "page 2's flow is off screen: at 60 s and 120 s only")
        XCTAssertEqual(loads.filter { $0.contains(.reconciliation) }.count, 2, "§10 is off screen on page 1: at 60 s and 120 s only")
        XCTAssertEqual(console.state.signals?.sections, .all, "a read of page 1's flow keeps the other figures from the last")
        XCTAssertEqual(console.trendSamplings, 16, "a 0.2 s sampling runs every 8 s at most: at 0, 8, …, 120")
    }

    /// A wall turns its pages by itself: both pages' flow is read at the recompute interval, so neither page's tiles
    /// are older than the other's when they come round; §10 keeps the pace of figures on screen or off it.
    func testAWallReadsBothPagesFlowEverySecond() {
        var console = SimulatedConsole(settings: ConsoleSettings(storeName: "s", userName: "u", readOnly: true, wall: true,
                                                                 refreshInterval: .seconds(1), recomputeInterval: .seconds(1),
                                                                 rotateInterval: .seconds(3600), configuration: .defaults),
                                       now: start)
        console.costs = [.front: SignalDuration(microseconds: 20_000), .back: SignalDuration(microseconds: 20_000),
                         .reconciliation: .seconds(1)]
        console.boot()
        XCTAssertEqual(console.signalLoads, [front, .v2, .reconciliation], "opening reads page 1's flow first, as a console")
        console.effects.removeAll()
        write(&console, from: 1, through: 59)
        XCTAssertEqual(console.signalLoads.count, 59)
        XCTAssertTrue(console.signalLoads.allSatisfy { $0 == SignalReadGroup.sections(of: [.front, .back]) },
                      "both pages' flow once a second; §10, off screen on page 1, waits its minute")
        console.state.focus = .timeToInvoice   // the wall turns to page 2
        XCTAssertNil(console.state.figuresLag(of: .timeToInvoice), "page 2's flow is as fresh as page 1's was")
    }

    func testOnTheReconciliationsPageItIsReadAsOftenAsItsCostAllows() {
        var console = writerConsole()
        console.press(.character(" "))   // page 2: signals 6–10, the reconciliation tile among them
        XCTAssertEqual(console.state.visibleReadGroups, [.back, .reconciliation])
        console.effects.removeAll()
        write(&console, from: 1, through: 100)
        XCTAssertEqual(console.signalLoads.count, 100)
        XCTAssertTrue(console.signalLoads.allSatisfy { $0.isSuperset(of: .v2) }, "page 2's flow, once a second")
        XCTAssertEqual(console.signalLoads.filter { $0.contains(.activationLatency) }.count, 1, "page 1's, off screen, at 60 s")
        XCTAssertEqual(console.signalLoads.filter { $0.contains(.reconciliation) }.count, 2,
                       "a 1 s read every 40 s (40 × its cost): at 40 and 80 s")
        XCTAssertEqual(console.state.figuresLag(of: .reconciliation), .seconds(20), "read at 80 s, the flow at 100 s")
        write(&console, from: 101, through: 115)
        XCTAssertEqual(console.state.figuresLag(of: .reconciliation), .seconds(35))
        write(&console, from: 116, through: 120)
        XCTAssertEqual(console.state.figuresLag(of: .reconciliation), nil, "read again at 120 s, with the flow")
        XCTAssertEqual(console.state.figuresLag(of: .timeToInvoice), nil)
    }

    /// A tile says its figures are older only against the figures on screen, and only beyond the recompute interval:
    /// a minute's read of page 2 and §10 behind page 1 made page 1's tiles say "9s older" until page 1 was read again.
    func testATileSaysItIsOlderOnlyThanFiguresOnScreenAndBeyondTheRecomputeInterval() {
        var state = ConsoleFixtures.loadedState()
        XCTAssertEqual(state.settings.recomputeInterval, .seconds(10))
        func read(_ groups: Set<SignalReadGroup>, secondsLater seconds: Int64) {
            let at = ConsoleFixtures.asOf.adding(.seconds(seconds))
            state = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals.selecting(SignalReadGroup.sections(of: groups)),
                                                               token: 8 + seconds, at: at, notYetIn: 0)).0
        }
        read([.back, .reconciliation], secondsLater: 59)
        XCTAssertNil(state.figuresLag(of: .activation), "page 2 and §10 were read, off screen, 59 s after page 1")
        state.focus = .timeToInvoice
        XCTAssertNil(state.figuresLag(of: .timeToInvoice))
        read([.back], secondsLater: 68)
        XCTAssertNil(state.figuresLag(of: .reconciliation), "9 s behind page 2's flow: within the recompute interval")
        read([.back], secondsLater: 69)
        XCTAssertEqual(state.figuresLag(of: .reconciliation), .seconds(10))
        XCTAssertNil(state.figuresLag(of: .timeToInvoice))
    }

    func testOnTheQueueTheListIsReadEachIntervalAndTheHiddenSignalsOnceAMinute() {
        var console = writerConsole()
        console.press(.character("e"))
        XCTAssertEqual(console.state.visibleReadGroups, [])
        console.effects.removeAll()
        write(&console, from: 1, through: 59)
        let listReads = console.effects.filter { if case .loadQueue(_, append: false) = $0 { true } else { false } }.count
        XCTAssertEqual(listReads, 59, "another user's decision shows within a second")
        XCTAssertEqual(console.signalLoads, [], "the signals behind the queue wait their minute")
        write(&console, from: 60, through: 60)
        XCTAssertEqual(console.signalLoads, [.all])
        console.effects.removeAll()
        for second in Int64(61)...70 { console.tick(at: seconds(second)) }
        XCTAssertEqual(console.effects.filter { if case .loadQueue = $0 { true } else { false } }.count, 0, "a quiet store: nothing read")
    }

    func testRefreshReadsEverySectionAtOnceWhateverTheirPace() {
        var console = writerConsole()
        write(&console, from: 1, through: 3)
        console.effects.removeAll()
        console.press(.character("r"))
        XCTAssertEqual(console.signalLoads, [.all])
    }

    func testAQuietStoreReadsEachGroupAgainAfterHalfAMinuteAtItsOwnPace() {
        var console = writerConsole()
        console.effects.removeAll()
        for second in Int64(1)...61 { console.tick(at: seconds(second)) }
        XCTAssertEqual(console.signalLoads, [front, .all], "page 1's flow when 30 s old; the hidden groups at 60 s, with it")
    }

    func testACostlyTrendSamplingWaitsAndTheTickStartsTheOneWantedMeanwhile() {
        var console = SimulatedConsole(settings: ConsoleSettings(storeName: "s", userName: "u", readOnly: false, refreshInterval: .seconds(1),
                                                                 recomputeInterval: .seconds(1), configuration: .defaults),
                                       now: start)
        console.trendCost = .seconds(2)   // the first sampling reads every bucket
        console.boot()
        XCTAssertEqual(console.trendSamplings, 1)
        write(&console, from: 1, through: 79)
        XCTAssertEqual(console.trendSamplings, 1, "after a 2 s sampling the next waits 80 s (40 × its cost)")
        write(&console, from: 80, through: 80)
        XCTAssertEqual(console.trendSamplings, 2, "the tick at 80 s starts the one wanted meanwhile")
        let sampled = console.effects.compactMap { if case .loadTrends(let asOf, _) = $0 { asOf } else { nil } }.last
        XCTAssertEqual(sampled, seconds(79), "for the latest signals before that tick only")
        XCTAssertEqual(console.state.trendsWanted, seconds(80), "the signals read at 80 s wait for the next turn")
    }

    func testASamplingThatLeftBucketsUnreadIsFollowedByAnotherAtItsPaceThoughNothingChanged() {
        var state = ConsoleFixtures.loadedState()
        var partial = TrendBuckets.empty
        partial.unread = 30
        state = ConsoleUpdate.update(state, .key(.character("r"))).0
        state = ConsoleUpdate.update(state, .signalsLoaded(emptySignals(asOf: start), token: 7, at: start, notYetIn: 0)).0
        XCTAssertTrue(state.trendsInFlight)
        state = ConsoleUpdate.update(state, .trendsLoaded([:], buckets: partial, cost: .seconds(1))).0
        XCTAssertEqual(state.trendsWanted, start, "the rest is wanted though the store is quiet")
        XCTAssertFalse(state.trendsInFlight, "not before its pace allows: 40 s after a 1 s sampling")
        XCTAssertFalse(ConsoleUpdate.update(state, .tick(now: state.now.adding(.seconds(39)))).1.contains { if case .loadTrends = $0 { true } else { false } })
        let effects = ConsoleUpdate.update(state, .tick(now: state.now.adding(.seconds(40)))).1
        XCTAssertTrue(effects.contains(.loadTrends(asOf: start, reusing: partial)))
    }

    func testASignalsReadThatHoldsSomeSectionsKeepsTheOthers() throws {
        var state = ConsoleFixtures.loadedState()
        let full = try XCTUnwrap(state.signals)
        var later = emptySignals(asOf: start.adding(.seconds(30))).selecting(front)
        later.exceptions.raisedInWindow = 99
        state = ConsoleUpdate.update(state, .signalsLoaded(later, token: 9, at: start.adding(.seconds(30)), notYetIn: 0)).0
        XCTAssertEqual(state.signals?.exceptions.raisedInWindow, 99)
        XCTAssertEqual(state.signals?.reconciliation, full.reconciliation)
        XCTAssertEqual(state.signals?.asOf, later.asOf)
        XCTAssertEqual(state.sectionReads[.reconciliation], SectionRead(at: start, token: 7))
        XCTAssertEqual(state.sectionReads[.back], SectionRead(at: start, token: 7))
        XCTAssertEqual(state.sectionReads[.front], SectionRead(at: start.adding(.seconds(30)), token: 9))
    }
}
