import Foundation
import SignalboxCore
import SignalboxSQLite
@testable import SignalboxServe
import SignalboxStore
import Synchronization
import XCTest

/// `/metrics` computes the signals once per store change, on a real SQLite store, with an injected clock.
final class SignalSnapshotsTests: XCTestCase {
    private final class Counter: Sendable {
        let value = Mutex(0)
        func increment() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    private final class ManualClock: Sendable {
        let now = Mutex(Timestamp(microseconds: 1_795_435_200_400_000))
        func advance(_ duration: SignalDuration) { now.withLock { $0 = $0.adding(duration) } }
        var value: Timestamp { now.withLock { $0 } }
    }

    func testScrapesReuseTheComputationUntilTheStoreChangesOrItIsTooOld() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("snapshots-\(UUID().uuidString).sqlite").path
        defer { for file in SQLiteStore.files(at: path) { try? FileManager.default.removeItem(atPath: file) } }
        let store = try SQLiteStore(path: path)
        let computations = Counter(), clock = ManualClock()
        let snapshots = SignalSnapshots(store: store, window: .days(7), maximumAge: .seconds(60), clock: { clock.value },
                                        computed: { computations.increment() })

        let first = try await snapshots.current()
        XCTAssertEqual(first.signals.asOf, Timestamp(microseconds: 1_795_435_200_000_000), "whole seconds")
        clock.advance(.seconds(30))
        _ = try await snapshots.current()
        _ = try await snapshots.current()
        XCTAssertEqual(computations.count, 1, "nothing changed: one computation for three scrapes")

        let line = #"{"event_id":"e1","type":"contract.approved","occurred_at":"2026-11-20T09:00:00Z","source":"CLM","correlation_id":"C-1","data":{"contract_id":"C-1","customer":{"system":"CRM","key":"K1","name":"Acme"},"legal_entity":"LE1","currency":"USD","billing_model":"retainer","total_value":"1000.00","rate_card":[{"role":"dev","rate":"100"}],"start_date":"2026-11-01","end_date":"2027-10-01"}}"#
        let batch = await IngestPipeline().decode(body: Array(line.utf8), sourceName: "test")
        _ = try await store.ingest(batch)
        let changed = try await snapshots.current()
        XCTAssertEqual(computations.count, 2)
        XCTAssertEqual(changed.signals.activation.pending, 1)
        XCTAssertTrue(changed.exposition.contains("signalbox_activation_pending 1\n"), changed.exposition)

        clock.advance(.seconds(61))
        let aged = try await snapshots.current()
        XCTAssertEqual(computations.count, 3, "a quiet store is recomputed once the last computation is too old")
        XCTAssertEqual(aged.signals.asOf, Timestamp(microseconds: 1_795_435_291_000_000))
    }
}
