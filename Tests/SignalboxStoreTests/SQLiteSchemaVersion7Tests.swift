import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 7 (signals v2): upgrading a store fills each invoice's settlement and the events per hour and source
/// from the log, so invoice to cash and throughput are right at once.
final class SQLiteSchemaVersion7Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    func testMigratingAVersion6StoreFillsInvoicesAndEventHoursFromTheLog() async throws {
        let lines = StoreConformanceTests.v2TrickyLines.filter { $0.contains("invoice.posted") || $0.contains("payment.received") }
        let path = directory.file("v6.sqlite")
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.execute(SQLiteSchema.migrations[0..<6].joined(separator: ";") + "; PRAGMA user_version = 6;")
        for line in lines { try connection.appendToLogOnly(line) }

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        for asOf in [ts("2026-11-04T00:00:00Z"), ts("2026-11-08T09:00:00Z"), ts("2026-11-10T00:00:00Z"), ts("2026-11-13T00:00:00Z")] {
            let stored = try await store.signals(asOf: asOf, window: .days(7))
            let reference = SignalCalculator.compute(events: events, asOf: asOf, window: .days(7))
            XCTAssertEqual(stored.invoiceToCash, reference.invoiceToCash, "as of \(asOf)")
            XCTAssertEqual(stored.throughput, reference.throughput, "as of \(asOf)")
        }
        XCTAssertEqual(try connection.scalar("SELECT count(*) FROM invoices"), 9, "every posted invoice; INV-C was never posted")
    }
}
