import SignalboxCore

/// The generator run live: contracts approved from the start instant on, with ids in their own
/// namespace, released as simulated time passes.
struct LiveFeed {
    private var iterator: EventGenerator.Iterator
    private var pending: GeneratedEvent?
    let namespace: String

    init(configuration: SimulatorConfiguration, start: Timestamp) throws(GeneratorConfigurationError) {
        let firstDay = start.civilDate
        var generator = try GeneratorConfiguration(
            seed: configuration.seed, contracts: configuration.contractsPerDay * SimulatorConfiguration.horizonDays,
            from: firstDay, to: CivilDate(daysSinceEpoch: firstDay.daysSinceEpoch + Int64(SimulatorConfiguration.horizonDays) - 1))
        namespace = LiveFeed.namespace(for: start)
        generator.live = LiveMode(namespace: namespace, customerCount: configuration.customers, notBefore: start)
        iterator = EventGenerator(configuration: generator).makeIterator()
    }

    /// `L` and the start minute in base 36: a run started in another minute never reuses an id.
    static func namespace(for start: Timestamp) -> String {
        "L" + String(start.microseconds.floorDiv(60_000_000), radix: 36, uppercase: true)
    }

    /// True for correlation ids of contracts a live run created (in any run).
    static func isLiveContract(_ correlationID: String) -> Bool { correlationID.hasPrefix("CTR-L") }

    /// Up to `limit` lines whose time has come: `occurred_at` at or before `now` (late lines are due at once).
    mutating func due(notAfter now: Timestamp, limit: Int) -> [GeneratedEvent] {
        var lines: [GeneratedEvent] = []
        while lines.count < limit {
            guard let next = pending ?? iterator.next() else { break }
            guard next.event.occurredAt <= now else {
                pending = next
                break
            }
            pending = nil
            lines.append(next)
        }
        return lines
    }

    /// When the next line is due, if the run has one.
    mutating func nextDueTime() -> Timestamp? {
        if pending == nil { pending = iterator.next() }
        return pending?.event.occurredAt
    }

    /// The live contract with this id, while it is active.
    func contract(_ contractID: String) -> ContractLifecycle? { iterator.lifecycle(of: contractID) }
}

extension Int64 {
    func floorDiv(_ divisor: Int64) -> Int64 { (self - floorMod(divisor)) / divisor }
}
