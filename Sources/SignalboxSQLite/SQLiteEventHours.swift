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

    /// How many of the times listed in `text` (as ``flush(to:)`` writes them: decimal integers joined by commas) lie
    /// in `(start, end]`.
    ///
    /// One pass over the bytes, with no substring or allocation per time: the hour a writer is filling holds a time
    /// per event (megabytes under a steady writer), and every signals read counts it.
    static func count(in text: String, after start: Int64, through end: Int64) -> Int {
        var count = 0
        var time = EventTime()
        /// Counts the time just read if it lies in the range, and starts the next.
        func tally() {
            if let value = time.value, value > start, value <= end { count += 1 }
            time = EventTime()
        }
        for byte in text.utf8 {
            if byte == UInt8(ascii: ",") { tally() } else { time.append(byte) }
        }
        tally()
        return count
    }

    /// A time being read byte by byte; `value` is nil unless the bytes so far spell an integer.
    private struct EventTime {
        private var magnitude: Int64 = 0
        private var negative = false
        private var digits = 0
        private var malformed = false

        mutating func append(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "-") where digits == 0 && !negative:
                negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where digits < 18:
                magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                malformed = true   // not written by `flush`, or beyond any time this store holds (≥ 10^18 µs)
            }
        }

        var value: Int64? { digits == 0 || malformed ? nil : (negative ? -magnitude : magnitude) }
    }
}
