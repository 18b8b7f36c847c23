import Foundation
import PostgresTestSupport
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxSQLite
import SignalboxStore
import XCTest

/// The PostgreSQL store must compute exactly what the SQLite store and the reference calculator compute.
final class PostgresStoreEquivalenceTests: ClusterTestCase {
    private let history = SyntheticEvents(contracts: 400)
    private let fixedClock: @Sendable () -> Timestamp = { SyntheticEvents.anchor }

    private var batches: [IngestBatch] {
        stride(from: 0, to: history.events.count, by: 97).map { start in
            IngestBatch(lines: history.events[start..<min(start + 97, history.events.count)].map {
                .event($0, json: $0.jsonLine)
            })
        }
    }

    private func ingestEverything(into store: any EventStore) async throws -> IngestSummary {
        var total = IngestSummary()
        for batch in batches { total = total + (try await store.ingest(batch)) }
        return total
    }

    private func sqliteStore() throws -> SQLiteStore {
        let path = NSTemporaryDirectory() + "signalbox-equivalence-\(UUID().uuidString).sqlite"
        addTeardownBlock {
            for file in SQLiteStore.files(at: path) { try? FileManager.default.removeItem(atPath: file) }
        }
        return try SQLiteStore(path: path, clock: fixedClock)
    }

    private var instants: [(asOf: Timestamp, window: SignalDuration)] {
        let anchor = SyntheticEvents.anchor
        return [(anchor, .days(7)), (anchor, .days(30)), (anchor.subtracting(.days(12)), .days(7)),
                (anchor.adding(.days(5)), .days(45)), (anchor.subtracting(.seconds(1)), .seconds(3_600))]
    }

    func testSignalsAndDrillDownsEqualSQLiteAndTheReference() async throws {
        let (postgres, _) = try await migratedStore()
        let sqlite = try sqliteStore()
        let postgresSummary = try await ingestEverything(into: postgres)
        let sqliteSummary = try await ingestEverything(into: sqlite)
        XCTAssertEqual(postgresSummary, sqliteSummary)
        XCTAssertGreaterThan(postgresSummary.duplicates, 0)

        let unique = Dictionary(history.events.map { ($0.eventID, $0) }, uniquingKeysWith: { first, _ in first })
        for (asOf, window) in instants {
            let fromPostgres = try await postgres.signals(asOf: asOf, window: window)
            let fromSQLite = try await sqlite.signals(asOf: asOf, window: window)
            XCTAssertEqual(fromPostgres, fromSQLite, "signals as of \(asOf) over \(window)")
            let reference = SignalCalculator.compute(events: history.events.filter { unique[$0.eventID] == $0 },
                                                     asOf: asOf, window: window)
            XCTAssertEqual(fromPostgres, reference, "reference as of \(asOf) over \(window)")
            try await assertDrillDownsEqual(postgres, sqlite, asOf: asOf, window: window)
        }
        let month = try await postgres.signals(asOf: SyntheticEvents.anchor, window: .days(30))
        XCTAssertGreaterThan(month.activation.count, 0, "the history exercises activation")
        XCTAssertGreaterThan(month.amendments.total, 0, "the history exercises amendments")
    }

    private func assertDrillDownsEqual(_ postgres: PostgresStore, _ sqlite: SQLiteStore, asOf: Timestamp,
                                       window: SignalDuration) async throws {
        let limit = 100_000
        let context = "as of \(asOf) over \(window)"
        let pgActivation = try await postgres.activationDetails(asOf: asOf, window: window, limit: limit)
        let sqlActivation = try await sqlite.activationDetails(asOf: asOf, window: window, limit: limit)
        XCTAssertEqual(canonical(pgActivation.activated), canonical(sqlActivation.activated), context)
        XCTAssertEqual(canonical(pgActivation.pending), canonical(sqlActivation.pending), context)
        let pgFailures = try await postgres.provisioningFailures(asOf: asOf, window: window, limit: limit)
        let sqlFailures = try await sqlite.provisioningFailures(asOf: asOf, window: window, limit: limit)
        XCTAssertEqual(canonical(pgFailures), canonical(sqlFailures), context)
        let pgAmendments = try await postgres.amendmentStatuses(asOf: asOf, window: window)
        let sqlAmendments = try await sqlite.amendmentStatuses(asOf: asOf, window: window)
        XCTAssertEqual(pgAmendments, sqlAmendments, context)
        let pgUnbilled = try await postgres.unbilledEntries(asOf: asOf, limit: limit)
        let sqlUnbilled = try await sqlite.unbilledEntries(asOf: asOf, limit: limit)
        XCTAssertEqual(canonical(pgUnbilled), canonical(sqlUnbilled), context)
        let pgOpen = try await postgres.openExceptions(asOf: asOf, limit: limit)
        let sqlOpen = try await sqlite.openExceptions(asOf: asOf, limit: limit)
        XCTAssertEqual(pgOpen, sqlOpen, context)
    }

    /// The same items in one order, whatever order ties came in.
    private func canonical<T>(_ items: [T]) -> [String] { items.map { "\($0)" }.sorted() }

    func testIngestIsIdempotentAndTracesMatchSQLite() async throws {
        let (postgres, _) = try await migratedStore()
        let sqlite = try sqliteStore()
        _ = try await ingestEverything(into: postgres)
        _ = try await ingestEverything(into: sqlite)
        let before = try await postgres.signals(asOf: SyntheticEvents.anchor, window: .days(30))
        let token = try await postgres.changeToken()

        let again = try await ingestEverything(into: postgres)

        XCTAssertEqual(again.accepted, 0)
        XCTAssertEqual(again.duplicates, history.events.count)
        let after = try await postgres.signals(asOf: SyntheticEvents.anchor, window: .days(30))
        XCTAssertEqual(before, after)
        let tokenAfter = try await postgres.changeToken()
        XCTAssertEqual(tokenAfter, token, "nothing stored, so nothing notified")
        for contract in ["C-0", "C-1", "C-17", "C-399", "no-such"] {
            let fromPostgres = try await postgres.events(correlationID: contract)
            let fromSQLite = try await sqlite.events(correlationID: contract)
            XCTAssertEqual(fromPostgres.map(\.event), fromSQLite.map(\.event), contract)
            XCTAssertTrue(zip(fromPostgres, fromPostgres.dropFirst()).allSatisfy { $1.isLater(than: $0) },
                          "\(contract): occurred_at order, ties by arrival")
        }
    }

    func testEachIngestNotifiesOtherConsoles() async throws {
        let (writer, database) = try await migratedStore()
        let reader = try await openStore(database: database, readOnly: true)
        let token = try await reader.changeToken()
        _ = try await writer.ingest(batches[0])
        let changed = try await waitForChange(of: reader, after: token)
        XCTAssertGreaterThan(changed, token)
    }
}
