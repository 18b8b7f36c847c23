import SignalboxCore

/// Turns events in `occurred_at` order into delivered lines the way real integrations deliver them:
/// timestamps in several UTC offsets, some lines held back and written late, some written twice.
struct DeliveryChannel {
    /// Share of events delivered late, per mille.
    static let latePerMille = 12
    /// Share of events delivered twice, per mille.
    static let duplicatePerMille = 6
    private static let offsets = [0, 120, -300, 330, 60]
    private static let offsetWeights = [55, 20, 15, 5, 5]

    private var random: SimulationRandom
    private var held = TimeOrderedQueue<GeneratedEvent>()

    init(seed: UInt64) { random = SimulationRandom(seed: seed, stream: 0xDE11_7E47) }

    /// Delivers `event` (and any held lines due by its time) into `output`.
    mutating func deliver(_ event: CanonicalEvent, into output: inout [GeneratedEvent]) {
        while let due = held.popEarliest(notAfter: event.occurredAt) { output.append(due) }
        let offset = random.pick(DeliveryChannel.offsets, weights: DeliveryChannel.offsetWeights)
        if random.chance(perMille: DeliveryChannel.latePerMille) {
            let delay = random.int64(in: 6 * 60...(4 * 24 * 60)) * 60_000_000
            held.insert(GeneratedEvent(event: event, utcOffsetMinutes: offset, delivery: .late),
                        at: event.occurredAt.adding(.init(microseconds: delay)))
            return
        }
        output.append(GeneratedEvent(event: event, utcOffsetMinutes: offset, delivery: .inOrder))
        if random.chance(perMille: DeliveryChannel.duplicatePerMille) {
            let delay = random.int64(in: 1...180) * 60_000_000
            held.insert(GeneratedEvent(event: event, utcOffsetMinutes: offset, delivery: .duplicate),
                        at: event.occurredAt.adding(.init(microseconds: delay)))
        }
    }

    /// Writes every line still held back, in the order it was due.
    mutating func flush(into output: inout [GeneratedEvent]) {
        while let due = held.popEarliest(notAfter: Timestamp(microseconds: .max)) { output.append(due) }
    }
}
