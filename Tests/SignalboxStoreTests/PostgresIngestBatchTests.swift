import Foundation
import PostgresNIO
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// Ingest into PostgreSQL: untrusted text arrives byte for byte, and a batch larger than the multi-row insert's
/// chunks keeps exactly-once, arrival order and the first line of a repeated `event_id`.
/// (A cluster test case for its cluster and databases; it runs none of the conformance checks.)
final class PostgresIngestBatchTests: PostgresClusterConformanceTests {
    private func newStore() async throws -> PostgresStore {
        try await makeMigratedDatabase(prefix: "batch").owner
    }

    /// The log's rows in sequence order: sequence, event id, correlation, entity key and payload as stored.
    private func storedRows(_ store: PostgresStore) async throws -> [(seq: Int64, id: String, correlation: String,
                                                                      entity: String, payload: String)] {
        try await store.withConnection { connection, logger in
            var rows: [(seq: Int64, id: String, correlation: String, entity: String, payload: String)] = []
            for try await row in try await connection.query("""
                SELECT seq, event_id, correlation_id, entity_key, payload FROM events ORDER BY seq
                """, logger: logger).decode((Int64, String, String, String, String).self) {
                rows.append((row.0, row.1, row.2, row.3, row.4))
            }
            return rows
        }
    }

    /// Backslash, tab, newline and carriage return (and `\N`, `\.`, which `COPY`'s text format would read as null and
    /// end of data) are stored as sent: in identifiers (which must be printable, so backslash sequences), in free text (control
    /// characters, escaped in the JSON) and in the payload, which keeps the line as received, here with a raw tab
    /// and carriage return between its JSON tokens.
    func testHostileTextIsStoredByteForByte() async throws {
        let store = try await newStore()
        let keys = ["back\\slash", "\\N", "\\.", "ends with \\", "\\\\t", "\\x41\\101", "\\t\\n\\r at once\\N\\.",
                    "🦊 ünïcödé", "\"quoted\"", "-"]
        let names = ["tab\there", "new\nline", "cr\rhere", "all\t\n\r\\ at once\\N\\.", "ctl\u{1}\u{1F}\u{7F}"]
        let lines = keys.enumerated().map { index, key in
            EventLines.approved("ev-\(index)-\(json(key))", contract: json(key), at: "2026-11-01T09:00:00Z")
                .replacingOccurrences(of: #""source":"#, with: "\t\"source\"\r:")
                .replacingOccurrences(of: #""name":"Acme""#, with: #""name":"\#(json(names[index % names.count]))""#)
        }
        let file = try directory.write("hostile.jsonl", lines.joined(separator: "\n") + "\n")

        let outcome = try await IngestPipeline().ingest(path: file, into: store)

        XCTAssertEqual(outcome.summary, IngestSummary(accepted: keys.count, duplicates: 0, rejected: 0),
                       "\(outcome.sampleRejections)")
        let rows = try await storedRows(store)
        XCTAssertEqual(rows.map(\.payload), lines, "the payload is the line as received")
        XCTAssertEqual(rows.map(\.correlation), keys)
        XCTAssertEqual(rows.map(\.entity), keys)
        XCTAssertEqual(rows.map(\.id), keys.enumerated().map { "ev-\($0.offset)-\($0.element)" })
        for (index, key) in keys.enumerated() {
            let found = try await store.events(correlationID: key)
            guard case .contractApproved(let contract) = found.first?.event.payload else {
                XCTFail("\(key): \(found)")
                continue
            }
            XCTAssertEqual(found.count, 1)
            XCTAssertEqual(contract.customer.name, names[index % names.count])
        }
    }

    /// `text` as the inside of a JSON string.
    private func json(_ text: String) -> String { String(JSONValue.string(text).serialized.dropFirst().dropLast()) }

    /// One batch of 5,000 lines (more than two multi-row chunks): 1,000 lines repeat an earlier line's id and 100
    /// ids were stored before. Each id is stored once, from its first line; sequences follow the lines' order.
    func testALargeBatchStoresEachIDOnceFromItsFirstLineInLineOrder() async throws {
        let store = try await newStore()
        func line(_ id: Int, day: Int) -> String {
            EventLines.approved("ev-\(id)", contract: "C-\(id % 300)", at: "2026-11-0\(day)T09:00:00Z")
        }
        let earlier = (3_900..<4_000).map { line($0, day: 1) }
        let batch = (0..<5_000).map { line($0 % 4_000, day: $0 < 4_000 ? 2 : 3) }
        let first = try await IngestPipeline().ingest(
            path: try directory.write("earlier.jsonl", earlier.joined(separator: "\n") + "\n"), into: store)
        XCTAssertEqual(first.summary, IngestSummary(accepted: 100, duplicates: 0, rejected: 0))

        let outcome = try await IngestPipeline().ingest(
            path: try directory.write("batch.jsonl", batch.joined(separator: "\n") + "\n"), into: store)

        XCTAssertEqual(outcome.summary, IngestSummary(accepted: 3_900, duplicates: 1_100, rejected: 0))
        let rows = try await storedRows(store)
        XCTAssertEqual(rows.map(\.id), (3_900..<4_000).map { "ev-\($0)" } + (0..<3_900).map { "ev-\($0)" })
        XCTAssertEqual(rows.map(\.payload), earlier + batch.prefix(3_900))
        XCTAssertEqual(Set(rows.map(\.seq)).count, rows.count)
    }
}
