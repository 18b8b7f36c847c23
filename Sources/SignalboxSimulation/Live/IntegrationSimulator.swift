import SignalboxCore
import SignalboxStore

/// Plays the integration layer live against a store, and reacts to what people decide in the console.
///
/// Each ``step()`` reads the decisions people made since the last look (only when the store's change
/// token moved), replays approved reprocess requests exactly once, activates contracts whose blocking
/// mapping exception was resolved, then writes the generated events whose simulated time has come
/// (at most the rate cap), resolving new mapping exceptions the store already remembers a mapping for.
/// It writes with sources `CLM`, `PSA`, `ERP` and `MIDDLEWARE`, never `CONSOLE`.
///
/// Simulated time starts at ``SimulatorConfiguration/start`` (default: the store's newest exception, or
/// now) when the first step runs, and runs ``SimulatorConfiguration/speed`` times faster than the clock.
///
/// ```swift
/// let simulator = try IntegrationSimulator(store: store, configuration: configuration)
/// let task = Task { try await simulator.run() }   // until cancelled
/// …
/// task.cancel()                                    // stops cleanly after the current step
/// ```
public actor IntegrationSimulator {
    /// The attached run: its timeline and the live generator.
    struct Session {
        var timeline: SimulatedTimeline
        var feed: LiveFeed
        /// Console events logged up to this sequence were decided before the simulator attached.
        let attachedAtSequence: Int64
    }

    let store: any SimulatorStore
    public nonisolated let configuration: SimulatorConfiguration
    let clock: any SimulatorClock
    var session: Session?
    private var lastChangeToken: Int64?
    /// The highest console event sequence already read, and the latest `occurred_at` among them.
    var consoleSequenceRead: Int64 = 0
    var consoleTimeRead: Timestamp?

    /// The actor that signs the simulator's `exception.resolved` events.
    static let actorName = "middleware"

    public init(store: any SimulatorStore, configuration: SimulatorConfiguration = SimulatorConfiguration(),
                clock: any SimulatorClock = SystemSimulatorClock()) throws(SimulatorConfigurationError) {
        try configuration.validate()
        self.store = store
        self.configuration = configuration
        self.clock = clock
    }

    /// How wall time maps to simulated time, once the first step attached the run (nil before).
    public var timeline: SimulatedTimeline? { session?.timeline }

    /// One step at the current simulated time.
    public func step() async throws(SimulatorError) -> SimulationStepReport {
        try await step(notAfter: nil)
    }

    /// Steps every ``SimulatorConfiguration/pollInterval`` of wall time until simulated time reaches `end`
    /// (nil: until the task is cancelled). Cancellation ends the run cleanly after the current step.
    /// `progress` sees every step's report.
    public func run(until end: Timestamp? = nil,
                    progress: (@Sendable (SimulationStepReport) -> Void)? = nil) async throws(SimulatorError) -> SimulationRunSummary {
        var summary = SimulationRunSummary()
        while !Task.isCancelled {
            let report = try await step(notAfter: end)
            summary.add(report)
            progress?(report)
            if let end, report.simulatedTime >= end { return summary }
            do {
                try await clock.sleep(until: clock.now().adding(configuration.pollInterval))
            } catch {
                if error is CancellationError || Task.isCancelled { break }
                throw .clock(String(describing: error))
            }
        }
        summary.stoppedBecauseCancelled = true
        return summary
    }

    /// Steps for `length` of wall time from the first step (which attaches the run and is counted like the others).
    public func run(forWall length: SignalDuration,
                    progress: (@Sendable (SimulationStepReport) -> Void)? = nil) async throws(SimulatorError) -> SimulationRunSummary {
        let wallEnd = clock.now().adding(length)
        let first = try await step(notAfter: nil)
        progress?(first)
        var summary = try await run(until: try await attachedTimeline().simulatedTime(atWall: wallEnd), progress: progress)
        summary.include(first)
        return summary
    }

    private func step(notAfter end: Timestamp?) async throws(SimulatorError) -> SimulationStepReport {
        var now = try await attachedSession().timeline.simulatedTime(atWall: clock.now())
        if let end { now = min(now, end) }
        var report = SimulationStepReport(simulatedTime: now)
        try await readDecisionsIfChanged(at: now, into: &report)
        if let reacted = report.latestReaction {
            // A reaction answered a decision later than simulated time: the clock catches up to it.
            session?.timeline = try await attachedTimeline().catchingUp(to: reacted, atWall: clock.now())
            now = max(now, reacted)
            report.simulatedTime = now
            report.writtenThrough = now
        }
        let due = session?.feed.due(notAfter: now, limit: configuration.eventsPerStep) ?? []
        try await write(due.map { ($0.event, $0.jsonLine) }, into: &report)
        try await applyRememberedMappings(to: due, at: now, into: &report)
        let nextDue = session?.feed.nextDueTime()
        report.backlog = nextDue.map { $0 <= now } ?? false
        if report.backlog, let nextDue {
            // Never behind a reaction it wrote, so a console reading as of this never dates a decision before it.
            let heldBackFrom = nextDue.subtracting(SignalDuration(microseconds: 1))
            report.writtenThrough = report.latestReaction.map { max(heldBackFrom, $0) } ?? heldBackFrom
        }
        return report
    }

    /// How wall time maps to simulated time, attaching the run first if no step has.
    public func attachedTimeline() async throws(SimulatorError) -> SimulatedTimeline {
        try await attachedSession().timeline
    }

    private func attachedSession() async throws(SimulatorError) -> Session {
        if let session { return session }
        let attached = try await attach()
        session = attached
        return attached
    }

    private func attach() async throws(SimulatorError) -> Session {
        let wall = clock.now()
        let trail = try await storeCall { () async throws(StoreError) in try await store.auditTrail(since: nil) }
        let start: Timestamp
        if let configured = configuration.start {
            start = configured
        } else {
            // Never behind a decision people already made: what the simulator writes may answer it.
            let newest = try await newestException(now: wall) ?? wall
            start = max(newest, trail.map(\.event.occurredAt).max() ?? newest)
        }
        let feed: LiveFeed
        do { feed = try LiveFeed(configuration: configuration, start: start) } catch { throw .generator(error) }
        return Session(timeline: SimulatedTimeline(simulatedStart: start, wallStart: wall, speed: configuration.speed),
                       feed: feed, attachedAtSequence: trail.last?.sequence ?? 0)
    }

    /// When the newest exception was raised: the store's protocol has no "newest event", and exceptions
    /// are raised throughout any realistic log, so this is close to the end of the log.
    private func newestException(now: Timestamp) async throws(SimulatorError) -> Timestamp? {
        var query = ExceptionQuery()
        query.includeClosed = true
        query.sort = .age
        query.descending = true
        query.limit = 1
        return try await storeCall { () async throws(StoreError) in try await store.exceptionRows(query, now: now) }.first?.raisedAt
    }

    private func readDecisionsIfChanged(at now: Timestamp, into report: inout SimulationStepReport) async throws(SimulatorError) {
        // Read before acting: the simulator's own writes change the token too, so the next step looks
        // once more (cheap) and a decision written meanwhile is never missed.
        let token = try await storeCall { () async throws(StoreError) in try await store.changeToken() }
        guard token != lastChangeToken else { return }
        lastChangeToken = token
        report.readDecisions = true
        try await replayApprovedRequests(at: now, into: &report)
        try await followResolutions(at: now, into: &report)
    }

    /// Writes events in batches of ``SimulatorConfiguration/batchSize``.
    func write(_ events: [(event: CanonicalEvent, json: String)], into report: inout SimulationStepReport) async throws(SimulatorError) {
        var index = 0
        while index < events.count {
            let chunk = events[index..<min(index + configuration.batchSize, events.count)]
            let batch = IngestBatch(lines: chunk.map { IngestLine.event($0.event, json: $0.json) })
            report.ingest = report.ingest + (try await storeCall { () async throws(StoreError) in try await store.ingest(batch) })
            index += chunk.count
        }
        report.written += events.map(\.event)
    }

    /// Runs a store call, wrapping its error.
    func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws(SimulatorError) -> T {
        do { return try await body() } catch { throw .store(error) }
    }
}
