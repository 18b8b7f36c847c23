import Logging
import SignalboxCore
import SignalboxStore

/// Computes a store's figures once for all of its consoles (`signalbox publish`): the golden signals of each read
/// group and the trends, as of now over one window, written as one ``SignalPublication`` whenever they change.
///
/// It reads as a console does: a group again once the log changed (or its figures are
/// ``ConsoleUpdate/quietRecompute`` old), at most once per `interval` and no sooner than its cost allows
/// (``ReadPacing``); the trends after the signals, on a console's pace. It serves every console, so its signals may
/// spend more than one console's would: each read waits ``costFactor`` times its cost (a console waits 40 times),
/// which keeps the figures' age near ten times their cost (§10 at a second: ten seconds). Twenty wall consoles on a
/// store then cost the server one computation per change, not twenty.
///
/// ```swift
/// var publisher = SignalPublisher(store: store, window: .days(7))
/// try await publisher.publishDue()   // computes what is due and publishes it; false when nothing was
/// ```
public struct SignalPublisher: Sendable {
    /// Closed trend buckets one sampling reads per plan: fewer than a console reads (8), so that a sampling holds
    /// the next signals back for less; the publisher samples again as soon as its pace allows.
    static let trendBucketsPerSampling = 2
    /// How many times its own cost a read waits before it runs again: each read holds at most a tenth of a core.
    public static let costFactor: Int64 = 10

    let store: any SignalPublishing
    /// The window of every figure.
    public let window: SignalDuration
    /// The least time between two reads of one group.
    public let interval: SignalDuration
    let clock: @Sendable () -> Timestamp
    /// What was published last (or is being built).
    public private(set) var figures: PublishedFigures
    private var tokens: [SignalReadGroup: Int64] = [:]
    private var pacing = ReadPacing(costFactor: SignalPublisher.costFactor)
    /// The trends keep a console's pace: sparklines of hours and days, whose age the status bar does not show.
    private var trendPacing = ReadPacing()
    private var buckets = TrendBuckets.empty
    private var trendsWanted = false

    /// A publisher into `store` over `window`, reading each group at most once per `interval`; `clock` is "now".
    public init(store: any SignalPublishing, window: SignalDuration, interval: SignalDuration = .seconds(1),
                clock: @escaping @Sendable () -> Timestamp = SystemClock.now) {
        self.store = store
        self.window = window
        self.interval = interval
        self.clock = clock
        self.figures = PublishedFigures(window: window)
    }

    /// Reads what is due and publishes it: the groups whose log changed or whose figures aged, published as soon as
    /// they are read, then the trends, published again (a trend sampling is tens of reads: the signals do not wait
    /// for it). True when it published.
    @discardableResult
    public mutating func publishDue() async throws(StoreError) -> Bool {
        let token = try await store.logChangeToken()
        let now = clock()
        var readSignals = false
        for group in SignalReadGroup.allCases where isDue(group, token: token, at: now) {
            pacing.started(.signals(group), at: now)
            let started = ContinuousClock.now
            figures.groups[group] = try await store.signals(asOf: now, window: window, sections: group.sections)
            pacing.finished(.signals(group), cost: SignalDuration(ContinuousClock.now - started))
            tokens[group] = token
            readSignals = true
        }
        if readSignals { try await publish() }
        trendsWanted = trendsWanted || readSignals || buckets.unread > 0
        guard trendsWanted, trendPacing.allows(.trends, at: now, floor: interval) else { return readSignals }
        trendPacing.started(.trends, at: now)
        let started = ContinuousClock.now
        buckets = try await TrendSampler(closedBucketsPerSampling: Self.trendBucketsPerSampling)
            .sample(store, asOf: now, reusing: buckets)
        trendPacing.finished(.trends, cost: SignalDuration(ContinuousClock.now - started))
        figures.trends = buckets.trends
        figures.trendsAsOf = now
        trendsWanted = false
        try await publish()
        return true
    }

    /// Writes ``figures`` to the store.
    private func publish() async throws(StoreError) {
        let publication: SignalPublication
        do throws(PublicationError) {
            publication = try figures.publication()
        } catch {
            throw StoreError.unavailable("\(error)")
        }
        try await store.publish(publication)
    }

    /// Publishes what is due every `interval` until cancelled; a failure (the server went away) is logged and tried
    /// again on the next round.
    public mutating func run(logger: Logger) async {
        while !Task.isCancelled {
            do throws(StoreError) {
                if try await publishDue() { logger.debug("published figures as of \(clock().rfc3339)") }
            } catch {
                logger.warning("publishing failed: \(error)")
            }
            try? await Task.sleep(for: .microseconds(interval.microseconds))
        }
    }

    /// Whether `group` should be read at `now`: never read, the log changed since its read, or its figures are
    /// ``ConsoleUpdate/quietRecompute`` old, and its pace allows it.
    private func isDue(_ group: SignalReadGroup, token: Int64, at now: Timestamp) -> Bool {
        let wanted = tokens[group] != token
            || figures.groups[group].map { now.since($0.asOf) >= ConsoleUpdate.quietRecompute } ?? true
        return wanted && pacing.allows(.signals(group), at: now, floor: interval)
    }
}
