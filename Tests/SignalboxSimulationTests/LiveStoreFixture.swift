import Foundation
import SignalboxCore
import SignalboxSQLite
import SignalboxSimulation
import SignalboxStore
import XCTest

/// A fresh SQLite store in a temporary directory and a simulator on a manual clock:
/// one step is one wall second, an hour of simulated time.
struct LiveStoreFixture {
    static let start = try! Timestamp(rfc3339: "2026-11-23T00:00:00Z")
    let directory: URL
    let store: SQLiteStore
    let clock: ManualSimulatorClock
    let configuration: SimulatorConfiguration

    init(seed: UInt64 = 7, replaySuccessPerMille: Int = 850) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("store.sqlite").path,
                                clock: { LiveStoreFixture.start })
        clock = ManualSimulatorClock(Timestamp(epochSeconds: 1_000_000))
        var configuration = SimulatorConfiguration()
        configuration.seed = seed
        configuration.start = LiveStoreFixture.start
        configuration.speed = 3600
        configuration.pollInterval = .seconds(1)
        configuration.maximumEventsPerSecond = 100_000
        configuration.contractsPerDay = 40
        configuration.replaySuccessPerMille = replaySuccessPerMille
        self.configuration = configuration
    }

    func simulator() throws -> IntegrationSimulator {
        try IntegrationSimulator(store: store, configuration: configuration, clock: clock)
    }

    /// One simulated hour later, one step.
    func step(_ simulator: IntegrationSimulator) async throws -> SimulationStepReport {
        clock.advance(by: configuration.pollInterval)
        return try await simulator.step()
    }

    /// Steps until `found` returns a value (at most `hours` steps).
    func stepUntil<T>(_ simulator: IntegrationSimulator, hours: Int = 200,
                      _ found: () async throws -> T?) async throws -> T {
        for _ in 0..<hours {
            _ = try await step(simulator)
            if let value = try await found() { return value }
        }
        throw NothingAppeared(hours: hours)
    }

    /// Open exceptions of `kinds`, oldest first.
    func openExceptions(_ kinds: Set<ExceptionKind>) async throws -> [ExceptionRow] {
        var query = ExceptionQuery()
        query.kinds = kinds
        return try await store.exceptionRows(query, now: LiveStoreFixture.start)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// The simulation never produced what a test waited for.
struct NothingAppeared: Error, CustomStringConvertible {
    let hours: Int
    var description: String { "nothing suitable appeared in \(hours) simulated hours" }
}
