import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// A writer changes the store's token on every commit; the console recomputes once per interval at most, and one
/// trend sampling runs at a time (an injected clock: the ticks' `now`).
final class RecomputeCoalescingTests: XCTestCase {
    private let start = ConsoleFixtures.asOf

    private func settings(refresh: Int64, recompute: Int64) -> ConsoleSettings {
        ConsoleSettings(storeName: "s", userName: "u", readOnly: false, refreshInterval: .seconds(refresh),
                        recomputeInterval: .seconds(recompute), configuration: .defaults)
    }

    func testABurstOfChangesIsRecomputedOncePerInterval() {
        var console = SimulatedConsole(settings: settings(refresh: 1, recompute: 5), now: start)
        console.boot()
        console.effects.removeAll()
        // A writer commits before every tick for 27 s; the store answers each effect at once.
        for second in 1...27 {
            console.token += 1
            console.tick(at: start.adding(.seconds(Int64(second))))
        }
        let loads = console.effects.filter { if case .loadSignals = $0 { true } else { false } }.count
        XCTAssertEqual(loads, 6, "the first poll's change at once (second 1), then seconds 6, 11, 16, 21 and 26")
        XCTAssertEqual(console.effects.filter { if case .loadTrends = $0 { true } else { false } }.count, loads, "one sampling per recompute")
        XCTAssertEqual(console.effects.filter { $0 == .pollChangeToken }.count, 27, "the token is still asked every tick")

        // Quiet again: one last recompute picks up the burst's tail, then nothing.
        console.effects.removeAll()
        for second in 28...40 { console.tick(at: start.adding(.seconds(Int64(second)))) }
        XCTAssertEqual(console.effects.filter { if case .loadSignals = $0 { true } else { false } }.count, 1)
        XCTAssertEqual(console.state.sectionReads[.front]?.token, console.token)
    }

    func testAQuietStoreIsNotRecomputed() {
        var console = SimulatedConsole(settings: settings(refresh: 1, recompute: 1), now: start)
        console.boot()
        console.effects.removeAll()
        for second in 1...10 {
            if second <= 5 { console.token += 1 }
            console.tick(at: start.adding(.seconds(Int64(second))))
        }
        XCTAssertEqual(console.effects.filter { if case .loadSignals = $0 { true } else { false } }.count, 5, "one per second while the writer writes, none after")
    }

    /// By default a steady writer's commits are read every 10 s (what an idle console sends over SSH stays a tenth of
    /// htop's), and the first change after a quiet spell at the next check, not 10 s later.
    func testByDefaultASteadyWriterIsReadEveryTenSecondsAndAChangeAfterQuietAtTheNextCheck() {
        let defaults = ConsoleSettings(storeName: "s", userName: "u", readOnly: false, configuration: .defaults)
        XCTAssertEqual(defaults.recomputeInterval, .seconds(10))
        XCTAssertEqual(ConsoleConfiguration.defaults.recomputeSeconds, 10)
        var console = SimulatedConsole(settings: defaults, now: start)
        console.boot()
        console.effects.removeAll()
        func loads(from first: Int, through last: Int, writing: Bool) -> [Int] {
            Array(stride(from: first, through: last, by: 2)).filter { second in   // a tick every 2 s, as by default
                if writing { console.token += 1 }
                let before = console.effects.count
                console.tick(at: start.adding(.seconds(Int64(second))))
                return console.effects[before...].contains { if case .loadSignals = $0 { true } else { false } }
            }
        }
        XCTAssertEqual(loads(from: 2, through: 2, writing: true), [2], "the first poll after opening finds a change: at once")
        XCTAssertEqual(loads(from: 4, through: 40, writing: true), [12, 22, 32], "then a steady writer: every 10 s")
        XCTAssertEqual(loads(from: 42, through: 44, writing: false), [42], "the tail of the burst, then quiet")
        XCTAssertEqual(loads(from: 46, through: 46, writing: true), [46], "the first change after a quiet poll: at once")
        XCTAssertEqual(loads(from: 48, through: 58, writing: true), [56], "a steady writer again: 10 s after that read")
    }

    func testSignalsLoadedWhileTrendsAreSampledWaitForOneMoreSampling() throws {
        var state = ConsoleFixtures.loadedState()
        var effects: [ConsoleEffect]
        let a = start.adding(.seconds(10)), b = start.adding(.seconds(11)), c = start.adding(.seconds(12))
        (state, _) = ConsoleUpdate.update(state, .key(.character("r")))
        (state, effects) = ConsoleUpdate.update(state, .signalsLoaded(emptySignals(asOf: a), token: 8, at: a, notYetIn: 0))
        XCTAssertEqual(effects, [.loadTrends(asOf: a, reusing: state.trendBuckets)])
        XCTAssertEqual(ConsoleUpdate.update(state, .tick(now: a)).1, [.pollChangeToken],
                       "a long sampling (the first one reads every bucket) does not hold the signals back")

        for asOf in [b, c] {
            (state, effects) = ConsoleUpdate.update(state, .key(.character("r")))
            XCTAssertEqual(effects, [.loadSignals(.all)], "`r` recomputes the signals at once")
            (state, effects) = ConsoleUpdate.update(state, .signalsLoaded(emptySignals(asOf: asOf), token: 8, at: asOf, notYetIn: 0))
            XCTAssertEqual(effects, [], "a second sampling never runs beside the first")
        }
        var buckets = TrendBuckets.empty
        buckets.position = 42
        (state, effects) = ConsoleUpdate.update(state, .trendsLoaded([:], buckets: buckets))
        XCTAssertEqual(effects, [.loadTrends(asOf: c, reusing: buckets)], "one more, for the latest signals only, reusing what came back")
        (state, effects) = ConsoleUpdate.update(state, .trendsFailed)
        XCTAssertEqual(effects, [])
        XCTAssertFalse(state.trendsInFlight)
        XCTAssertEqual(state.trendBuckets, buckets, "a failed sampling keeps the buckets it would have replaced")
        XCTAssertEqual(ConsoleUpdate.update(state, .tick(now: c.adding(.seconds(2)))).1, [.pollChangeToken])
    }
}
