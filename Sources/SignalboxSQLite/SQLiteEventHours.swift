import SignalboxCore
import SignalboxStore

/// The times of stored events gathered per (hour, source) during a transaction, written to `event_hours` once per
/// hour and source it touched (throughput, golden-signals.md §9).
struct SQLiteEventHours {
    private struct Key: Hashable {
        var hour: Int64
        var source: String
    }

    private var times: [Key: [Int64]] = [:]

    mutating func add(_ event: CanonicalEvent) {
        let at = event.occurredAt.microseconds
        times[Key(hour: SQLiteSchema.hour(of: at), source: event.source.rawValue), default: []].append(at)
    }

    /// Appends the gathered times to their rows, in key order.
    mutating func flush(to connection: SQLiteConnection) throws(StoreError) {
        for (key, times) in times.sorted(by: { ($0.key.hour, $0.key.source) < ($1.key.hour, $1.key.source) }) {
            try connection.statement(constant: """
                INSERT INTO event_hours (hour, source, events, times) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (hour, source) DO UPDATE SET events = events + excluded.events, times = times || ',' || excluded.times
                """)
                .bind(.integer(key.hour), .text(key.source), .integer(Int64(times.count)),
                      .text(times.lazy.map(String.init).joined(separator: ",")))
                .run()
        }
        times.removeAll(keepingCapacity: true)
    }

    /// How many of the times listed in `text` lie in `(start, end]`.
    static func count(in text: String, after start: Int64, through end: Int64) -> Int {
        text.split(separator: ",").lazy.compactMap { Int64($0) }.filter { $0 > start && $0 <= end }.count
    }
}
