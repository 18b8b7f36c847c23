import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// A console's write while another connection (an ingest, say) holds the store's write lock.
final class SQLiteBusyWriterTests: XCTestCase {
    func testAWriterKeptWaitingByAnotherWriterIsToldTheStoreIsBusyAndWritesNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let path = directory.file("store.sqlite")
        let store = try SQLiteStore(path: path, writerWaitLimit: .seconds(1))
        try await store.setNamedActorsAllowed(true)  // acts as "alice" on this OS account
        let raised = EventLines.raised("r1", exception: "X-1", at: "2026-11-01T09:00:00Z")
        _ = try await IngestPipeline().ingest(path: try directory.write("x.jsonl", raised + "\n"), into: store)
        let raisedRecord = try await store.exceptionRecord(id: "X-1")
        let version = try XCTUnwrap(raisedRecord).version

        // A second connection takes the write lock and keeps it past the store's wait limit.
        let ingest = try SQLiteConnection(path: path, readOnly: false)
        try ingest.execute("BEGIN IMMEDIATE")
        do {
            _ = try await store.perform(.note("while busy"), on: "X-1", seenVersion: version, by: "alice", now: ts("2026-11-02T09:00:00Z"))
            XCTFail("a write went through while another connection held the write lock")
        } catch let error as StoreError {
            XCTAssertEqual(error, .unavailable(path + " is busy with another writer (such as an ingest); nothing was written, try again"))
        }
        try ingest.execute("ROLLBACK")

        let stored = try await store.exceptionRecord(id: "X-1")
        let record = try XCTUnwrap(stored)
        XCTAssertEqual(record.version, version, "nothing was written")
        XCTAssertEqual(record.notes.count, 0)
        let trail = try await store.auditTrail(since: nil)
        XCTAssertEqual(trail.map(\.event.type), [.exceptionRaised], "only the raise is audited: the note was not written")
        // Once the lock is free the same write goes through.
        _ = try await store.perform(.note("after"), on: "X-1", seenVersion: version, by: "alice", now: ts("2026-11-02T09:00:00Z"))
        let after = try await store.exceptionRecord(id: "X-1")
        XCTAssertEqual(after?.notes.map(\.text), ["after"])
        await store.close()
    }
}
