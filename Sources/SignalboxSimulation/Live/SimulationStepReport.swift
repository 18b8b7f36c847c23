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
    /// Every generated event that occurred up to this instant is written: `simulatedTime`, or just before the
    /// first event the rate cap held back. A console that shows the simulation reads as of this, so its windows
    /// never run ahead of what the simulator wrote.
    public var writtenThrough: Timestamp

    public init(simulatedTime: Timestamp) {
        self.simulatedTime = simulatedTime
        self.writtenThrough = simulatedTime
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

    mutating func add(_ report: SimulationStepReport) {
        steps += 1
        ingest = ingest + report.ingest
        replays += report.replays
        activations += report.activations
        autoResolved += report.autoResolved
        simulatedTime = report.simulatedTime
    }
}
