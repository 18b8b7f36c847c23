import ArgumentParser
import SignalboxCore
import SignalboxSQLite
import SignalboxSimulation
import SignalboxStore
import Synchronization

/// `signalbox demo` while simulating: the simulator writes to the demo store on its own connection in the
/// background, and the console reads (and acts) as of the simulated time. Quitting the console cancels the run.
struct DemoSimulation {
    let path: String
    /// Simulated seconds per wall second.
    let speed: Int64

    /// Runs the simulator in the background and the console in front until the user quits.
    func runConsole(_ options: ConsoleOptions, readOnly: Bool) async throws {
        var configuration = SimulatorConfiguration()
        configuration.speed = speed
        let writer = try SQLiteStore(path: path, readOnly: false)
        let clock = SystemSimulatorClock()
        let simulator: IntegrationSimulator
        do { simulator = try IntegrationSimulator(store: writer, configuration: configuration, clock: clock) } catch {
            await writer.close()
            throw CommandFailure(.config, String(describing: error))
        }
        let first: SimulationStepReport
        do { first = try await simulator.step() } catch {
            await writer.close()
            throw CommandFailure(.unavailable, "simulator: \(error)")
        }
        // One clock: the console reads as of what the simulator has written, which trails simulated time
        // while the rate cap holds events back (so its windows never run ahead of the simulated log).
        let written = WrittenThrough(first.writtenThrough)
        let run = Task { () async throws(SimulatorError) -> SimulationRunSummary in
            try await simulator.run { report in written.advance(to: report.writtenThrough) }
        }
        // What the console last read as of is kept in the store, so a console opened on it later shows the same.
        let shown = WrittenThrough(first.writtenThrough)
        let recorder = Task { await DemoAsOfRecorder(shown: shown, store: writer).run() }
        let console = try SQLiteStore(path: path, readOnly: readOnly, pageCacheKibibytes: SQLiteStore.consolePageCacheKibibytes)
        let simulatedNow: @Sendable () -> Timestamp = {
            let now = written.now
            shown.advance(to: now)
            return now
        }
        var failure: (any Error)?
        do {
            try await options.runConsole(on: console, fixedAsOf: nil, dataClock: simulatedNow, asOfIsTheDemos: true)
        } catch { failure = error }
        run.cancel()
        recorder.cancel()
        let outcome = await run.result
        await recorder.value
        await DemoAsOfRecorder(shown: shown, store: writer).record()
        await console.close()
        await writer.close()
        if let failure { throw failure }
        switch outcome {
        case .success(let summary):
            printError("demo: simulated to \(summary.simulatedTime?.rfc3339 ?? "-"): \(summary.ingest.description); "
                       + "\(summary.replays) replays, \(summary.activations) activations")
            printError("demo: the console last showed the store as of \(shown.now.rfc3339); `signalbox --store \(path)` "
                       + "opens it as of that instant again")
        case .failure(let error):
            printError("demo: the simulator stopped early: \(error)")
        }
    }
}

/// The instant up to which the simulator has written every event, shared between its task and the console's clock.
final class WrittenThrough: Sendable {
    private let instant: Mutex<Timestamp>

    init(_ start: Timestamp) { instant = Mutex(start) }

    var now: Timestamp { instant.withLock { $0 } }

    func advance(to instant: Timestamp) { self.instant.withLock { $0 = max($0, instant) } }
}

/// Keeps the instant the demo's console last read as of in the demo store (`demo.written_through`), every second
/// while the demo runs and once more when it ends.
struct DemoAsOfRecorder {
    let shown: WrittenThrough
    let store: SQLiteStore

    /// Records whenever the instant moved, until the task is cancelled.
    func run() async {
        var recorded: Timestamp?
        while !Task.isCancelled {
            let now = shown.now
            if now != recorded, await record() { recorded = now }
            do { try await Task.sleep(for: .seconds(1)) } catch { return }
        }
    }

    /// Writes the current instant; false (and nothing but a missed update) when the store refuses.
    @discardableResult
    func record() async -> Bool {
        do { try await store.setDemoAsOf(shown.now) } catch { return false }
        return true
    }
}
