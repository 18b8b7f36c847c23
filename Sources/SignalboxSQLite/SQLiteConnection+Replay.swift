import SignalboxCore
import SignalboxStore

extension SQLiteConnection {
    /// Hands every stored event of `types` to `body`, in arrival order: how a migration fills a new projection from
    /// the log. Reads and decodes a page of events at a time, so memory does not grow with the log.
    func replayStoredEvents(ofTypes types: [EventType], _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError) {
        let typeList = types.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var after: Int64 = 0
        while true {
            let rows = try statement("SELECT seq, payload FROM events WHERE seq > ?1 AND type IN (\(typeList)) ORDER BY seq LIMIT 20000")
                .bind(.integer(after))
                .storedEventRows()
            guard let last = rows.last else { return }
            for stored in try StoredEvent.decodeConcurrently(rows) { try body(stored) }
            after = last.sequence
        }
    }
}
