import Foundation
import SignalboxCore
import SignalboxSimulation

/// A wall clock that only moves when told to; `sleep` moves it to the deadline at once.
final class ManualSimulatorClock: SimulatorClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Timestamp

    init(_ start: Timestamp) { current = start }

    func now() -> Timestamp { lock.withLock { current } }

    func sleep(until deadline: Timestamp) async throws {
        try Task.checkCancellation()
        lock.withLock { current = max(current, deadline) }
    }

    func advance(by duration: SignalDuration) {
        lock.withLock { current = current.adding(duration) }
    }
}
