import PostgresNIO
@testable import SignalboxPostgres
import SignalboxCore
import SignalboxStore
import XCTest

/// A signals read splits its statements between two connections (``PostgresStore/readSharedSnapshot(asOf:window:_:)``):
/// both must read one snapshot, and only one read at a time may hold a second connection.
final class PostgresSharedSnapshotTests: ClusterTestCase {
    private let asOf = Timestamp(microseconds: 1_795_392_000_000_000)

    func testTheSecondConnectionReadsTheFirstOnesSnapshotWhileAnotherSessionCommits() async throws {
        let (store, _) = try await migratedStore()
        try await execute("CREATE TABLE probe (n int)", on: store)
        try await execute("INSERT INTO probe VALUES (1)", on: store)
        let count: PostgresQuery = "SELECT count(*)::bigint FROM probe"
        let seen = try await store.readSharedSnapshot(asOf: asOf, window: .days(7)) { main, helper in
            let helper = try XCTUnwrap(helper, "a primary lends the read a second connection")
            let mainBefore = try await main.count(count)
            _ = try await store.withConnection { connection, logger in
                try await connection.query("INSERT INTO probe VALUES (2)", logger: logger)
            }
            return [mainBefore, try await helper.count(count), try await main.count(count)]
        }
        XCTAssertEqual(seen, [1, 1, 1], "the row committed after the snapshot is seen by neither connection")
        let after = try await store.readSharedSnapshot(asOf: asOf, window: .days(7)) { main, _ in try await main.count(count) }
        XCTAssertEqual(after, 2, "a later read sees it")
    }

    func testOnlyOneReadAtATimeHoldsASecondConnection() async throws {
        let (store, _) = try await migratedStore()
        let asOf = self.asOf
        let (outer, inner) = try await store.readSharedSnapshot(asOf: asOf, window: .days(7)) { _, helper in
            let inner = try await store.readSharedSnapshot(asOf: asOf, window: .days(7)) { _, nested in nested != nil }
            return (helper != nil, inner)
        }
        XCTAssertTrue(outer)
        XCTAssertFalse(inner, "a read that starts while another holds the second connection runs on one")
        let again = try await store.readSharedSnapshot(asOf: asOf, window: .days(7)) { _, helper in helper != nil }
        XCTAssertTrue(again, "the second connection is lent again once the first read ends")
    }
}
