import SignalboxCore
import SignalboxStore

/// Wall time for the simulator, and a way to wait for it.
///
/// The simulator never reads the system clock or sleeps by itself: production passes
/// ``SystemSimulatorClock``, tests pass a manual clock whose `sleep` just moves time forward.
public protocol SimulatorClock: Sendable {
    /// The current wall time.
    func now() -> Timestamp
    /// Returns once the wall time is at or after `deadline`; throws `CancellationError` if the task is cancelled.
    func sleep(until deadline: Timestamp) async throws
}

/// The real wall clock and `Task.sleep`.
public struct SystemSimulatorClock: SimulatorClock {
    public init() {}

    public func now() -> Timestamp { SystemClock.now() }

    public func sleep(until deadline: Timestamp) async throws {
        let wait = deadline.microseconds - now().microseconds
        if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait) * 1000) }
        try Task.checkCancellation()
    }
}
