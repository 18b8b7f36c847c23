import SignalboxCore

/// Maps wall time to simulated time: simulated time starts at `simulatedStart` when the wall clock
/// reads `wallStart`, and runs `speed` times faster.
///
/// ```swift
/// let timeline = SimulatedTimeline(simulatedStart: newest, wallStart: clock.now(), speed: 60)
/// timeline.simulatedTime(atWall: clock.now())   // one wall second later: newest + 60 s
/// ```
public struct SimulatedTimeline: Hashable, Sendable {
    public let simulatedStart: Timestamp
    public let wallStart: Timestamp
    /// Simulated seconds per wall second (≥ 1).
    public let speed: Int64

    public init(simulatedStart: Timestamp, wallStart: Timestamp, speed: Int64) {
        self.simulatedStart = simulatedStart
        self.wallStart = wallStart
        self.speed = speed
    }

    /// The simulated instant at wall time `wall` (never before the start).
    public func simulatedTime(atWall wall: Timestamp) -> Timestamp {
        simulatedStart.adding(SignalDuration(microseconds: max(0, wall.microseconds - wallStart.microseconds) * speed))
    }

    /// This timeline moved forward so that at wall time `wall` it reads `simulated` (unchanged when it already
    /// reads that or later): the simulated clock never runs behind an event the simulator reacted to.
    public func catchingUp(to simulated: Timestamp, atWall wall: Timestamp) -> SimulatedTimeline {
        guard simulated > simulatedTime(atWall: wall) else { return self }
        return SimulatedTimeline(simulatedStart: simulated, wallStart: wall, speed: speed)
    }

    /// The wall time at which simulated time reaches `simulated`.
    public func wallTime(atSimulated simulated: Timestamp) -> Timestamp {
        let elapsed = max(0, simulated.microseconds - simulatedStart.microseconds)
        return wallStart.adding(SignalDuration(microseconds: (elapsed + speed - 1) / speed))
    }
}
