import SignalboxCore

/// Shared state of one generation run: id counters, the customer book and the agenda of planned events.
final class SimulationWorld {
    let configuration: GeneratorConfiguration
    let customers: CustomerBook
    private var agenda = TimeOrderedQueue<CanonicalEvent>()
    private var eventCount: UInt64 = 0
    private var exceptionCount = 0
    private var rawMessageCount = 0
    private let eventIDPrefix: String

    init(configuration: GeneratorConfiguration) {
        self.configuration = configuration
        self.customers = CustomerBook(seed: configuration.seed,
                                      count: configuration.live?.customerCount ?? CustomerBook.count(forContracts: configuration.contracts))
        self.eventIDPrefix = configuration.namespaced("ev-\(configuration.seed)-")
    }

    /// Plans an event at `time` and returns its id. Events after the end of the range are dropped
    /// (they have not happened yet), but their id is still returned so callers need no special case.
    @discardableResult
    func emit(at time: Timestamp, _ source: SourceSystem, correlation: String, _ payload: EventPayload) -> String {
        eventCount += 1
        let id = eventIDPrefix + String(eventCount)
        if time <= configuration.end {
            agenda.insert(CanonicalEvent(eventID: id, occurredAt: time, source: source, correlationID: correlation, payload: payload), at: time)
        }
        return id
    }

    /// Removes the next planned event that occurs at or before `limit`.
    func nextPlannedEvent(notAfter limit: Timestamp) -> CanonicalEvent? { agenda.popEarliest(notAfter: limit) }

    func newExceptionID() -> String {
        exceptionCount += 1
        return configuration.namespaced("EXC-") + zeroPadded(exceptionCount, 7)
    }

    /// An id for an inbound message the middleware rejected before it became an event.
    func newRawMessageID() -> String {
        rawMessageCount += 1
        return configuration.namespaced("raw-\(configuration.seed)-") + String(rawMessageCount)
    }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
