import PostgresNIO
import SignalboxCore
import SignalboxStore

extension PostgresStore {
    public func rejectedLines(limit: Int) async throws(StoreError) -> [RejectedLine] {
        let logger = self.logger
        return try await perform {
            let rows = try await client.query("""
                SELECT source_name, line_number, raw_text, reason FROM rejected_lines ORDER BY id LIMIT \(max(limit, 0))
                """, logger: logger)
            var lines: [RejectedLine] = []
            for try await (source, number, raw, reason) in rows.decode((String, Int, String, String).self) {
                lines.append(RejectedLine(sourceName: source, lineNumber: number, rawText: raw, reason: reason))
            }
            return lines
        }
    }

    public func events(correlationID: String) async throws(StoreError) -> [StoredEvent] {
        let logger = self.logger
        let payloads = try await perform {
            let rows = try await client.query("""
                SELECT seq, payload FROM events WHERE correlation_id = \(correlationID) ORDER BY occurred_at, seq
                """, logger: logger)
            var payloads: [(Int64, String)] = []
            for try await row in rows.decode((Int64, String).self) { payloads.append(row) }
            return payloads
        }
        var events: [StoredEvent] = []
        for (sequence, payload) in payloads {
            do {
                events.append(StoredEvent(sequence: sequence, event: try CanonicalEvent(jsonLine: Array(payload.utf8))))
            } catch {
                throw StoreError.database(message: "stored event \(sequence) no longer decodes: \(error)", sql: nil)
            }
        }
        return events
    }
}
