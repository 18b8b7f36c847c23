@testable import SignalboxSQLite
import SignalboxStore
import XCTest

final class SQLiteBusyWriterTests: XCTestCase {
    func testAWriterKeptWaitingByAnIngestIsToldTheStoreIsBusy() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanup() }
        let connection = try SQLiteConnection(path: directory.file("store.sqlite"), readOnly: false)
        let sqliteBusy: Int32 = 5  // SQLITE_BUSY: the busy timeout ran out while another connection held the write lock
        let error = connection.error(code: sqliteBusy, message: "database is locked", sql: "BEGIN IMMEDIATE")
        XCTAssertEqual(error, .unavailable(directory.file("store.sqlite") + " is busy with another writer (such as an ingest); nothing was written, try again"))
    }
}
