import SignalboxCore

/// A deterministic stream of realistic contract-to-cash events (see `GeneratorConfiguration`).
///
/// The run is simulated one UTC day at a time, so memory stays proportional to the number of
/// active contracts and the events planned ahead, not to the length of the output.
///
/// ```swift
/// let generator = EventGenerator(configuration: configuration)
/// for generated in generator {
///     print(generated.jsonLine)
/// }
/// ```
///
/// Sizing: over a 90-day run a contract yields about 23 events on average (time-and-materials
/// contracts about 44, the other models about 7); contracts are approved across the whole
/// range, so later ones contribute less. 35,000 contracts over 90 days give about 830,000 events.
public struct EventGenerator: Sequence, Sendable {
    public let configuration: GeneratorConfiguration

    public init(configuration: GeneratorConfiguration) { self.configuration = configuration }

    public func makeIterator() -> Iterator { Iterator(configuration: configuration) }

    /// Produces the events of one run; each day's events are simulated when the previous day's are used up.
    public struct Iterator: IteratorProtocol {
        private let world: SimulationWorld
        private var channel: DeliveryChannel
        private var active: [ContractLifecycle] = []
        private var nextContract = 0
        private var day: Int64
        private var ready: [GeneratedEvent] = []
        private var readyIndex = 0
        private var flushed = false

        init(configuration: GeneratorConfiguration) {
            world = SimulationWorld(configuration: configuration)
            channel = DeliveryChannel(seed: configuration.seed)
            day = configuration.from.daysSinceEpoch
        }

        public mutating func next() -> GeneratedEvent? {
            while readyIndex == ready.count {
                ready.removeAll(keepingCapacity: true)
                readyIndex = 0
                guard simulateNextDay() else { return nil }
            }
            defer { readyIndex += 1 }
            return ready[readyIndex]
        }

        /// Fills `ready` with the next day's lines; false when the run is over.
        private mutating func simulateNextDay() -> Bool {
            let configuration = world.configuration
            guard day <= configuration.to.daysSinceEpoch else {
                guard !flushed else { return false }
                flushed = true
                channel.flush(into: &ready)
                return true
            }
            while nextContract < configuration.contracts, approvalDay(of: nextContract) == day {
                let contract = ContractLifecycle(index: nextContract, world: world)
                nextContract += 1
                if let live = configuration.live, contract.plan.approvedAt < live.notBefore { continue }
                contract.start()
                active.append(contract)
            }
            for contract in active { contract.step(day: day) }
            if GeneratorCalendar.weekday(day) == 6 { active.removeAll { $0.isFinished(after: day) } }
            let endOfDay = Timestamp(microseconds: GeneratorCalendar.startOfDay(day + 1).microseconds - 1)
            while let event = world.nextPlannedEvent(notAfter: endOfDay) { channel.deliver(event, into: &ready) }
            day += 1
            return true
        }

        /// The contract with this id, while it is still active.
        func lifecycle(of contractID: String) -> ContractLifecycle? { active.first { $0.contractID == contractID } }

        private func approvalDay(of index: Int) -> Int64 {
            ContractPlan.approvalDay(index: index, configuration: world.configuration)
        }
    }
}
