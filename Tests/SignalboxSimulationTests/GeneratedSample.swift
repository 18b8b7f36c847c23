import SignalboxCore
import SignalboxSimulation

/// A demo-sized run shared by the tests (generated once).
enum GeneratedSample {
    static let configuration = try! GeneratorConfiguration(
        seed: 20261123, contracts: 250, from: CivilDate(iso: "2026-08-26")!, to: CivilDate(iso: "2026-11-23")!)

    static let events: [GeneratedEvent] = Array(EventGenerator(configuration: configuration))
    static let lines: [String] = events.map(\.jsonLine)

    /// The latest-delivered copy of each event, by id.
    static var uniqueEvents: [CanonicalEvent] {
        var seen = Set<String>()
        return events.compactMap { seen.insert($0.event.eventID).inserted ? $0.event : nil }
    }

    static func payloads<T>(_ extract: (EventPayload) -> T?) -> [T] { uniqueEvents.compactMap { extract($0.payload) } }
}
