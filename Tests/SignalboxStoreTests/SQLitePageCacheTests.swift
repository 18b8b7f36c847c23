import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// A store opened for a console (all day long) keeps small page caches and no memory map on both files; a bulk
/// writer keeps its large ones; a one-shot read maps both files.
final class SQLitePageCacheTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    private func memory(of store: SQLiteStore) async throws -> [Int64] {
        try await store.withConnection { connection in
            try ["main", SQLiteTimeEntryFile.schemaName].flatMap { schema in
                [try connection.scalar("PRAGMA \(schema).cache_size"), try connection.scalar("PRAGMA \(schema).mmap_size")]
            }
        }
    }

    func testAConsoleOpenHasTheConsolePageCacheOnBothFilesWritableOrReadOnly() async throws {
        let path = directory.file("store.sqlite")
        let writer = try SQLiteStore(path: path)
        let writerMemory = try await memory(of: writer)
        XCTAssertEqual(writerMemory, [-131_072, 0, -131_072, 0], "a writer's 128 MiB caches")
        let console = -Int64(SQLiteStore.consolePageCacheKibibytes)
        for readOnly in [false, true] {
            let store = try SQLiteStore(path: path, readOnly: readOnly, pageCacheKibibytes: SQLiteStore.consolePageCacheKibibytes)
            let consoleMemory = try await memory(of: store)
            XCTAssertEqual(consoleMemory, [console, 0, console, 0], "read-only: \(readOnly)")
            let heapLimit = try await store.withConnection { try $0.scalar("PRAGMA soft_heap_limit") }
            XCTAssertEqual(heapLimit, 4 * 4096 * 1024, "SQLite's heap in a console process: four page caches")
        }
        XCTAssertLessThanOrEqual(SQLiteStore.consolePageCacheKibibytes, 4096, "two files' caches fit the console's 64 MiB with room to spare")
    }

    func testAOneShotReadMapsBothFilesAndReadsWhatTheReferenceComputes() async throws {
        let path = directory.file("store.sqlite")
        let lines = StoreConformanceTests.trickyLines
        let outcome = try await IngestPipeline(batchSize: 4).ingest(
            path: try directory.write("tricky.jsonl", lines.joined(separator: "\n") + "\n"), into: try SQLiteStore(path: path))
        XCTAssertEqual(outcome.summary.rejected, 0, "\(outcome.sampleRejections)")
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        let plain = try SQLiteStore(path: path, readOnly: true)
        let mapped = try SQLiteStore(path: path, readOnly: true, memoryMapped: true)
        let plainMemory = try await memory(of: plain)
        let mappedMemory = try await memory(of: mapped)
        XCTAssertEqual(plainMemory, [-65_536, 0, -65_536, 0], "a read-only open without a map")
        XCTAssertEqual(mappedMemory.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), [-65_536, -65_536])
        XCTAssertEqual(mappedMemory.enumerated().filter { $0.offset % 2 == 1 }.map { $0.element > 0 }, [true, true],
                       "both files mapped: \(mappedMemory)")
        for day in [3, 6, 10, 13] {
            let asOf = try Timestamp(rfc3339: "2026-11-\(day < 10 ? "0" : "")\(day)T12:00:00Z")
            let mappedSignals = try await mapped.signals(asOf: asOf, window: .days(7))
            XCTAssertEqual(mappedSignals, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)), "as of \(asOf)")
        }
    }
}

extension SQLiteStore {
    /// Runs `body` on the store's connection (tests only).
    func withConnection<T: Sendable>(_ body: (SQLiteConnection) throws -> T) throws -> T { try body(connection) }
}
