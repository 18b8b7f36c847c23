import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// A store opened for a console (all day long) keeps small page caches and no memory map on both files; a bulk
/// writer keeps its large ones.
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
        }
        XCTAssertLessThanOrEqual(SQLiteStore.consolePageCacheKibibytes, 4096, "two files' caches fit the console's 64 MiB with room to spare")
    }
}

extension SQLiteStore {
    /// Runs `body` on the store's connection (tests only).
    func withConnection<T: Sendable>(_ body: (SQLiteConnection) throws -> T) throws -> T { try body(connection) }
}
