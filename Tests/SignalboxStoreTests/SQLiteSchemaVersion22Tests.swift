import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

/// Schema 22: each exception's row says which type closed it first (`closed_by`), kept at ingest, so resolution time
/// (§7) counts resolved and dismissed without a lookup in the log per exception closed in the window.
final class SQLiteSchemaVersion22Tests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    private static let closings = "SELECT exception_id || ' ' || coalesce(closed_by, '-') FROM exceptions ORDER BY exception_id"

    /// Closings through both doors: dismissals by a person, resolutions stored before and after their exception's
    /// raise, exceptions still open. (A second closing of a closed exception is refused at ingest and by the rules.)
    private func storeWithClosingsThroughBothDoors(_ path: String) async throws -> (store: SQLiteStore, events: [CanonicalEvent]) {
        let store = try SQLiteStore(path: path)
        try await store.setNamedActorsAllowed(true)  // bob acts on this OS account (`signalbox actors --allow-named`)
        var events: [CanonicalEvent] = []
        var file = 0
        func ingest(_ lines: [String]) async throws {
            file += 1
            let outcome = try await IngestPipeline(batchSize: 2).ingest(
                path: try directory.write("lines\(file).jsonl", lines.joined(separator: "\n") + "\n"), into: store)
            XCTAssertEqual(outcome.summary.rejected, 0, "\(outcome.sampleRejections)")
            events += try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        }
        func dismiss(_ id: String, at time: String) async throws {
            let record = try await store.exceptionRecord(id: id)
            events += try await store.perform(.dismiss(reason: "duplicate"), on: id, seenVersion: try XCTUnwrap(record).version,
                                              by: "bob", now: ts(time))
        }
        try await ingest((1...6).map { EventLines.raised("r\($0)", exception: "E\($0)", at: "2026-10-01T09:00:00Z") }
                         + [EventLines.resolved("e7-early", exception: "E7", at: "2026-10-02T08:00:00Z")])
        try await dismiss("E1", at: "2026-10-03T10:00:00Z")
        try await dismiss("E6", at: "2026-10-02T10:00:00Z")
        try await ingest([
            EventLines.resolved("e2", exception: "E2", at: "2026-10-02T10:00:00Z"),
            EventLines.resolved("e4", exception: "E4", at: "2026-10-05T10:00:00Z"),
            EventLines.raised("r7", exception: "E7", at: "2026-10-01T08:00:00Z"),
        ])
        return (store, events)
    }

    private static let expectedClosings = [
        "E1 exception.dismissed", "E2 exception.resolved", "E3 -", "E4 exception.resolved", "E5 -", "E6 exception.dismissed",
        "E7 exception.resolved",
    ]

    func testIngestKeepsTheTypeOfTheEarliestClosingAndResolutionTimeIsTheReference() async throws {
        let (store, events) = try await storeWithClosingsThroughBothDoors(directory.file("store.sqlite"))
        let connection = try SQLiteConnection(path: directory.file("store.sqlite"), readOnly: true)
        XCTAssertEqual(try connection.statement(Self.closings).rows { $0.text(0) }, Self.expectedClosings)
        var dismissed = 0, resolved = 0
        for day in 2...9 {
            for window in [SignalDuration.days(1), .days(7)] {
                let asOf = ts("2026-10-0\(day)T12:00:00Z")
                let stored = try await store.signals(asOf: asOf, window: window, sections: .resolutionTime).resolution
                XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: window).resolution, "as of \(asOf)")
                dismissed += stored.dismissed
                resolved += stored.resolved
            }
        }
        XCTAssertGreaterThan(dismissed, 0)
        XCTAssertGreaterThan(resolved, 0)
    }

    func testMigratingAVersion21StoreFillsTheClosingTypesAsIngestKeepsThem() async throws {
        let path = directory.file("v21.sqlite")
        let (_, events) = try await storeWithClosingsThroughBothDoors(path)
        let connection = try SQLiteConnection(path: path, readOnly: false)
        try connection.dropClosingTypes()
        try connection.execute("PRAGMA user_version = 21;")
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true), "a wall refuses a store not yet upgraded")

        let store = try SQLiteStore(path: path)
        XCTAssertEqual(try connection.scalar("PRAGMA user_version"), Int64(SQLiteSchema.currentVersion))
        XCTAssertEqual(try connection.statement(Self.closings).rows { $0.text(0) }, Self.expectedClosings)
        let asOf = ts("2026-10-09T12:00:00Z")
        let stored = try await store.signals(asOf: asOf, window: .days(7), sections: .resolutionTime).resolution
        XCTAssertEqual(stored, SignalCalculator.compute(events: events, asOf: asOf, window: .days(7)).resolution)
        XCTAssertEqual(stored.overall.count, 2, "E1 dismissed on the 3rd, E4 resolved on the 5th")
    }
}
