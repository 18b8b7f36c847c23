/// The events that exist as of one instant: duplicates dropped, later events cut off.
struct ReferenceLog {
    let asOf: Timestamp
    let window: SignalDuration
    /// Deduplicated events with `occurred_at ≤ asOf`, each with its position in the arrival order.
    private let visible: [(arrival: Int, event: CanonicalEvent)]

    init(events: [CanonicalEvent], asOf: Timestamp, window: SignalDuration) {
        self.asOf = asOf
        self.window = window
        var seenIDs: Set<String> = []
        var visible: [(arrival: Int, event: CanonicalEvent)] = []
        for (arrival, event) in events.enumerated() {
            // A repeated event_id is a duplicate delivery even when the first copy lies after asOf.
            guard seenIDs.insert(event.eventID).inserted else { continue }
            if event.occurredAt <= asOf { visible.append((arrival, event)) }
        }
        self.visible = visible
    }

    /// "In the window": `asOf − window < t ≤ asOf`.
    func inWindow(_ t: Timestamp) -> Bool { asOf.subtracting(window) < t && t <= asOf }

    /// When each visible event occurred and which system emitted it.
    var stamps: [(occurredAt: Timestamp, source: String)] {
        visible.map { ($0.event.occurredAt, $0.event.source.rawValue) }
    }

    /// The visible events whose payload `extract` accepts, with that payload's data.
    func facts<Data>(_ extract: (EventPayload) -> Data?) -> [Fact<Data>] {
        visible.compactMap { stored in
            extract(stored.event.payload).map { Fact(occurredAt: stored.event.occurredAt, arrival: stored.arrival, data: $0) }
        }
    }
}

/// One statement of a fact: what an event said, when it happened, and when it arrived.
struct Fact<Data> {
    let occurredAt: Timestamp
    let arrival: Int
    let data: Data

    /// Whether `self` comes before `other`: earlier `occurred_at`, or the same and arrived earlier.
    func precedes<Other>(_ other: Fact<Other>) -> Bool { (occurredAt, arrival) < (other.occurredAt, other.arrival) }
}

/// The earliest and the latest statement of the same fact ("earliest" and "latest wins" in the spec).
struct FactHistory<Data> {
    var earliest: Fact<Data>
    var latest: Fact<Data>
}

extension Sequence {
    /// The earliest and latest statement for each key that `key` gives the facts.
    func histories<Key: Hashable, Data>(by key: (Data) -> Key) -> [Key: FactHistory<Data>] where Element == Fact<Data> {
        var histories: [Key: FactHistory<Data>] = [:]
        for fact in self {
            let factKey = key(fact.data)
            guard var history = histories[factKey] else {
                histories[factKey] = FactHistory(earliest: fact, latest: fact)
                continue
            }
            if fact.precedes(history.earliest) { history.earliest = fact }
            if history.latest.precedes(fact) { history.latest = fact }
            histories[factKey] = history
        }
        return histories
    }
}
