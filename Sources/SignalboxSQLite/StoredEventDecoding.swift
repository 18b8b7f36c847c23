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

/// Events decoded by earlier reads, by sequence, with the payload bytes they were decoded from.
///
/// A hit needs the stored bytes to be the same, so a reused sequence or an edited row is decoded afresh;
/// repeated signal reads (a console refreshing) then decode only what arrived since.
final class StoredEventCache {
    private var entries: [Int64: (payload: [UInt8], event: StoredEvent)] = [:]
    /// The most entries kept; past it the cache starts over.
    let capacity: Int

    init(capacity: Int = 50_000) { self.capacity = capacity }

    /// The rows as events, in order: cached where the bytes match, the rest decoded on every core.
    func events(_ rows: [StoredEventRow]) throws(StoreError) -> [StoredEvent] {
        var result = [StoredEvent?](repeating: nil, count: rows.count)
        var missing: [Int] = []
        for (index, row) in rows.enumerated() {
            if let entry = entries[row.sequence], entry.payload == row.payload { result[index] = entry.event } else { missing.append(index) }
        }
        let decoded = try StoredEvent.decodeConcurrently(missing.map { rows[$0] })
        if entries.count + decoded.count > capacity { entries.removeAll(keepingCapacity: true) }
        for (index, event) in zip(missing, decoded) {
            result[index] = event
            entries[rows[index].sequence] = (rows[index].payload, event)
        }
        return result.compactMap { $0 }
    }
}

extension SQLiteStatement {
    /// The rows of a `SELECT seq, payload …` query, undecoded.
    func storedEventRows() throws(StoreError) -> [StoredEventRow] {
        try rows { row in StoredEventRow(sequence: row.int64(0), payload: row.bytes(1)) }
    }
}
