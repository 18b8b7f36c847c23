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
        do { _ = try await simulator.step() } catch {
            await writer.close()
            throw CommandFailure(.unavailable, "simulator: \(error)")
        }
        guard let timeline = await simulator.timeline else {
            await writer.close()
            throw CommandFailure(.unavailable, "simulator: no timeline after its first step")
        }
        // The console's clock never runs behind what the simulator last wrote: when the simulator catches up to a
        // decision made later (a CLI approval at wall time), the console's decisions follow it.
        let latestStep = Mutex<Timestamp?>(nil)
        let run = Task { () async throws(SimulatorError) -> SimulationRunSummary in
            try await simulator.run(progress: { step in latestStep.withLock { $0 = max($0 ?? step.simulatedTime, step.simulatedTime) } })
        }
        let console = try SQLiteStore(path: path, readOnly: readOnly)
        let simulatedNow: @Sendable () -> Timestamp = {
            let onTimeline = timeline.simulatedTime(atWall: clock.now())
            return max(onTimeline, latestStep.withLock { $0 } ?? onTimeline)
        }
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
        case .failure(let error):
            printError("demo: the simulator stopped early: \(error)")
        }
    }
}
