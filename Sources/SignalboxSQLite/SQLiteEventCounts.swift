import SignalboxCore
import SignalboxStore

/// The stored events counted per (hour, source) and per (second, source) during a transaction, added to
/// `event_hours` and `event_seconds` once per row it touched (throughput, golden-signals.md §9).
///
/// A window reads whole hours from `event_hours`, the whole seconds of the two hours its edges cut from
/// `event_seconds`, and the two seconds they cut time by time. A row's list of times holds one second's events, so
/// a steady writer appends to small rows, and a signals read parses two of them, whatever the hour holds.
struct SQLiteEventCounts {
    /// One stored event: its second, its source's place in the tables' key order, its arrival and its time.
    private struct Stamp {
        var second: Int64
        var sourceRank: Int
        var arrival: Int
        var at: Int64

        /// Key order (second, then source), then arrival: each row's times keep the order the events came in.
        static func precedes(_ lhs: Stamp, _ rhs: Stamp) -> Bool {
            (lhs.second, lhs.sourceRank, lhs.arrival) < (rhs.second, rhs.sourceRank, rhs.arrival)
        }
    }

    /// The sources in the order of their names, as the tables' keys order them.
    private static let sourcesInKeyOrder = SourceSystem.allCases.sorted { $0.rawValue < $1.rawValue }
    private static let keyRank = Dictionary(uniqueKeysWithValues: sourcesInKeyOrder.enumerated().map { ($0.element, $0.offset) })

    /// The events stored since the last flush, in arrival order: one flat array, sorted once at the flush, rather than
    /// a list of times per second (an allocation for nearly every event of a bulk ingest).
    private var stamps: [Stamp] = []

    mutating func add(_ event: CanonicalEvent) {
        let at = event.occurredAt.microseconds
        stamps.append(Stamp(second: SQLiteSchema.second(of: at), sourceRank: Self.keyRank[event.source] ?? 0,
                            arrival: stamps.count, at: at))
    }

    /// Adds the counted events to their rows, in key order (each insert lands next to the previous one).
    mutating func flush(to connection: SQLiteConnection) throws(StoreError) {
        stamps.sort(by: Stamp.precedes)
        var hours: [Int64: [Int64]] = [:]
        var runStart = stamps.startIndex
        while runStart < stamps.endIndex {
            let first = stamps[runStart]
            var runEnd = runStart + 1
            while runEnd < stamps.endIndex, stamps[runEnd].second == first.second, stamps[runEnd].sourceRank == first.sourceRank {
                runEnd += 1
            }
            let hour = SQLiteSchema.hour(of: first.at)
            hours[hour, default: Array(repeating: 0, count: Self.sourcesInKeyOrder.count)][first.sourceRank] += Int64(runEnd - runStart)
            try connection.statement(constant: """
                INSERT INTO event_seconds (second, source, events, times) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (second, source) DO UPDATE SET events = events + excluded.events, times = times || ',' || excluded.times
                """)
                .bind(.integer(first.second), .text(Self.sourcesInKeyOrder[first.sourceRank].rawValue),
                      .integer(Int64(runEnd - runStart)), .text(SQLiteIntegerList.text(stamps[runStart..<runEnd].lazy.map(\.at))))
                .run()
            runStart = runEnd
        }
        for (hour, counts) in hours.sorted(by: { $0.key < $1.key }) {
            for (rank, events) in counts.enumerated() where events > 0 {
                try connection.statement(constant: """
                    INSERT INTO event_hours (hour, source, events) VALUES (?1, ?2, ?3)
                    ON CONFLICT (hour, source) DO UPDATE SET events = events + excluded.events
                    """)
                    .bind(.integer(hour), .text(Self.sourcesInKeyOrder[rank].rawValue), .integer(events))
                    .run()
            }
        }
        stamps.removeAll(keepingCapacity: true)
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
