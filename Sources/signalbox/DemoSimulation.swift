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
        let console = try SQLiteStore(path: path, readOnly: readOnly, pageCacheKibibytes: SQLiteStore.consolePageCacheKibibytes)
        let simulatedNow: @Sendable () -> Timestamp = { written.now }
        var failure: (any Error)?
        do { try await options.runConsole(on: console, fixedAsOf: nil, dataClock: simulatedNow) } catch { failure = error }
        run.cancel()
        let outcome = await run.result
        await console.close()
        await writer.close()
        if let failure { throw failure }
        switch outcome {
        case .success(let summary):
            printError("demo: simulated to \(summary.simulatedTime?.rfc3339 ?? "-"): \(summary.ingest.description); "
                       + "\(summary.replays) replays, \(summary.activations) activations")
            printError("demo: every event up to \(written.now.rfc3339) is written; see the store as the demo last showed it: "
                       + "signalbox --store \(path) --as-of \(written.now.rfc3339)")
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
