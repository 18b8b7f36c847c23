import SignalboxCore
import SignalboxStore

/// What one step of the simulator did.
public struct SimulationStepReport: Equatable, Sendable {
    /// Simulated time of the step; every event it wrote occurred at or before it.
    public var simulatedTime: Timestamp
    /// Every event written, in the order written (generated events first, then reactions).
    public var written: [CanonicalEvent] = []
    /// What the store made of them.
    public var ingest = IngestSummary()
    /// Approved reprocess requests replayed (`reprocess.completed` written).
    public var replays = 0
    /// Contracts provisioned or scheduled because a blocking exception was resolved.
    public var activations = 0
    /// New mapping exceptions the middleware resolved with a remembered mapping.
    public var autoResolved = 0
    /// Whether the store changed since the last look, so human decisions were read.
    public var readDecisions = false
    /// Generated events already due but held back by the rate cap.
    public var backlog = false
    /// The latest time a reaction was stamped at, when a decision it answered was later than the step's time.
    public var latestReaction: Timestamp?
    /// Every generated event that occurred up to this instant is written: `simulatedTime`, or just before the
    /// first event the rate cap held back. A console that shows the simulation reads as of this, so its windows
    /// never run ahead of what the simulator wrote.
    public var writtenThrough: Timestamp

    public init(simulatedTime: Timestamp) {
        self.simulatedTime = simulatedTime
        self.writtenThrough = simulatedTime
    }

    /// The time to stamp a reaction to a decision made at `decided`: the step's time `now`, or the decision's when
    /// that is later (nothing is dated before the decision it answers); remembered so the clock catches up.
    mutating func answering(_ decided: Timestamp, at now: Timestamp) -> Timestamp {
        guard decided > now else { return now }
        latestReaction = max(latestReaction ?? decided, decided)
        return decided
    }
}

/// Totals of a run.
public struct SimulationRunSummary: Equatable, Sendable {
    public var steps = 0
    public var ingest = IngestSummary()
    public var replays = 0
    public var activations = 0
    public var autoResolved = 0
    /// Simulated time when the run stopped (nil when it never stepped).
    public var simulatedTime: Timestamp?
    /// Why it stopped.
    public var stoppedBecauseCancelled = false

    public init() {}

    /// Counts a step taken before the others (its time does not move the summary's end).
    mutating func include(_ report: SimulationStepReport) {
        let end = simulatedTime
        add(report)
        simulatedTime = end ?? report.simulatedTime
    }

    mutating func add(_ report: SimulationStepReport) {
        steps += 1
        ingest = ingest + report.ingest
        replays += report.replays
        activations += report.activations
        autoResolved += report.autoResolved
        simulatedTime = report.simulatedTime
    }
}
