import SignalboxCore
import SignalboxStore

extension SQLiteStore {
    /// The `settings` key of a demo store: the instant the demo's console last read the signals as of (an instant
    /// up to which the simulator had written every event). Only `signalbox demo` writes it.
    static let demoAsOfKey = "demo.written_through"

    /// The instant the demo last showed, so a console opened later shows the same numbers; nil when the store is
    /// not a demo store (or the setting does not parse).
    public func demoAsOf() throws(StoreError) -> Timestamp? {
        let value = try connection.statement("SELECT value FROM settings WHERE key = ?")
            .bind(.text(Self.demoAsOfKey)).rows { $0.text(0) }.first
        return value.flatMap { try? Timestamp(rfc3339: $0) }
    }

    /// Records the instant the demo shows (written by `signalbox demo` as its console reads).
    public func setDemoAsOf(_ instant: Timestamp) throws(StoreError) {
        guard !isReadOnly else { throw .readOnly }
        try connection.statement("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")
            .bind(.text(Self.demoAsOfKey), .text(instant.rfc3339)).run()
    }
}
