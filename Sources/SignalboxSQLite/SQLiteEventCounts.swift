import SignalboxCore
import SignalboxStore

/// The stored events counted per (hour, source) and per (second, source) during a transaction, added to
/// `event_hours` and `event_seconds` once per row it touched (throughput, golden-signals.md §9).
///
/// A window reads whole hours from `event_hours`, the whole seconds of the two hours its edges cut from
/// `event_seconds`, and the two seconds they cut time by time. A row's list of times holds one second's events, so
/// a steady writer appends to small rows, and a signals read parses two of them, whatever the hour holds.
struct SQLiteEventCounts {
    private struct Key: Hashable, Comparable {
        var unit: Int64
        var source: SourceSystem

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.unit, lhs.source.rawValue) < (rhs.unit, rhs.source.rawValue) }
    }

    /// The times of the events stored, by second and source; each hour's counts are summed from them at the flush.
    private var seconds: [Key: [Int64]] = [:]

    mutating func add(_ event: CanonicalEvent) {
        let at = event.occurredAt.microseconds
        seconds[Key(unit: SQLiteSchema.second(of: at), source: event.source), default: []].append(at)
    }

    /// Adds the counted events to their rows, in key order (each insert lands next to the previous one).
    mutating func flush(to connection: SQLiteConnection) throws(StoreError) {
        var hours: [Key: Int64] = [:]
        for (key, times) in seconds {
            hours[Key(unit: SQLiteSchema.hour(of: times[0]), source: key.source), default: 0] += Int64(times.count)
        }
        for (key, events) in hours.sorted(by: { $0.key < $1.key }) {
            try connection.statement(constant: """
                INSERT INTO event_hours (hour, source, events) VALUES (?1, ?2, ?3)
                ON CONFLICT (hour, source) DO UPDATE SET events = events + excluded.events
                """)
                .bind(.integer(key.unit), .text(key.source.rawValue), .integer(events))
                .run()
        }
        for (key, times) in seconds.sorted(by: { $0.key < $1.key }) {
            try connection.statement(constant: """
                INSERT INTO event_seconds (second, source, events, times) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (second, source) DO UPDATE SET events = events + excluded.events, times = times || ',' || excluded.times
                """)
                .bind(.integer(key.unit), .text(key.source.rawValue), .integer(Int64(times.count)),
                      .text(SQLiteIntegerList.text(times)))
                .run()
        }
        seconds.removeAll(keepingCapacity: true)
    }

    /// How many of the times listed in `text` (as ``flush(to:)`` writes them: decimal integers joined by commas) lie
    /// in `(start, end]`.
    ///
    /// One pass over the bytes, with no substring or allocation per time: every signals read counts two rows.
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
