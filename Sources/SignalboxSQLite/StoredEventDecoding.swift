import Dispatch
import SignalboxCore
import SignalboxStore

/// One stored row before decoding: its sequence and payload bytes.
struct StoredEventRow: Sendable {
    let sequence: Int64
    let payload: [UInt8]
}

extension StoredEvent {
    /// Decodes a stored payload; a payload that no longer validates means the store was edited by hand.
    init(_ row: StoredEventRow) throws(StoreError) {
        do {
            self.init(sequence: row.sequence, event: try CanonicalEvent(jsonLine: row.payload, moneyToTheCent: false))
        } catch {
            throw .database(message: "stored event #\(row.sequence) does not decode: \(error)", sql: nil)
        }
    }

    /// Decodes rows on every core, keeping their order (decoding dominates reads of many events).
    static func decodeConcurrently(_ rows: [StoredEventRow]) throws(StoreError) -> [StoredEvent] {
        let parts = rows.count < 64 ? 1 : 4
        var results = [Result<StoredEvent, StoreError>?](repeating: nil, count: rows.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for index in stride(from: part, to: rows.count, by: parts) {
                    output[index] = Result { () throws(StoreError) in try StoredEvent(rows[index]) }
                }
            }
        }
        var events: [StoredEvent] = []
        events.reserveCapacity(rows.count)
        for case let result? in results { try events.append(result.get()) }
        return events
    }
}

extension SQLiteStatement {
    /// The rows of a `SELECT seq, payload …` query, undecoded.
    func storedEventRows() throws(StoreError) -> [StoredEventRow] {
        try rows { row in StoredEventRow(sequence: row.int64(0), payload: row.bytes(1)) }
    }
}
