import Logging
import PostgresTestSupport
@testable import SignalboxConsole
import SignalboxCore
@testable import SignalboxPostgres
import SignalboxStore
import Synchronization
import XCTest

/// `signalbox publish`: figures computed once by the store's owner, read by every console, writable by no one else.
final class PostgresPublicationTests: ClusterTestCase {
    private let history = SyntheticEvents(contracts: 120)
    private let anchor = SyntheticEvents.anchor
    private let window = SignalDuration.days(7)

    /// A migrated store holding the history, with the roles installed and the logins `wall_*` (viewer) and `ana_*`
    /// (analyst).
    private func storeWithHistory() async throws -> (owner: PostgresStore, database: String, suffix: String) {
        let (owner, database) = try await migratedStore()
        try cluster.psql(PostgresRoles.script, database: database)
        let suffix = String(database.suffix(6))
        try cluster.psql("""
            CREATE ROLE wall_\(suffix) LOGIN IN ROLE \(PostgresRoles.viewer);
            CREATE ROLE ana_\(suffix) LOGIN IN ROLE \(PostgresRoles.analyst);
            """, database: database)
        _ = try await owner.ingest(IngestBatch(lines: history.events.map { .event($0, json: $0.jsonLine) }))
        return (owner, database, suffix)
    }

    private func publisher(_ owner: PostgresStore, at clock: TestClock) -> SignalPublisher {
        SignalPublisher(store: owner, window: window, clock: { clock.now })
    }

    func testAViewerReadsEveryFigureExactlyAsThePublisherComputedIt() async throws {
        let (owner, database, suffix) = try await storeWithHistory()
        var publisher = publisher(owner, at: TestClock(anchor))
        let published = try await publisher.publishDue()
        XCTAssertTrue(published)

        let viewer = try await openStore(database: database, user: "wall_\(suffix)")
        let read = try await viewer.signalPublication(window: window)
        let figures = try PublishedFigures(decoding: try XCTUnwrap(read))
        let computed = try await owner.signals(asOf: anchor, window: window)
        XCTAssertGreaterThan(computed.exceptions.open, 0, "the history has open exceptions")
        XCTAssertFalse(computed.reconciliation.rateLeakage.isEmpty && computed.reconciliation.billingMismatch.isEmpty,
                       "the history has reconciliation findings")
        let shown = try XCTUnwrap(figures.signals(.all, at: anchor.adding(.seconds(5))))
        XCTAssertEqual(shown.signals, computed)
        XCTAssertEqual(shown.oldest, anchor)
        XCTAssertEqual(figures.trends(at: anchor)?[.exceptions]?.values.count, 48)
        XCTAssertEqual(figures.trends, publisher.figures.trends)
        let otherWindow = try await viewer.signalPublication(window: .days(30))
        XCTAssertNil(otherWindow, "a publication is per window")
    }

    func testNoLoginButTheOwnerMayWriteThePublishedFigures() async throws {
        let (owner, database, suffix) = try await storeWithHistory()
        var publisher = publisher(owner, at: TestClock(anchor))
        try await publisher.publishDue()
        let before = try await owner.signalPublication(window: window)

        // An administrator's mistake grants the analysts everything on the table: the trigger still refuses them.
        try cluster.psql("GRANT ALL ON published_signals TO \(PostgresRoles.analyst)", database: database)
        for sql in ["UPDATE published_signals SET document = '{}'",
                    "INSERT INTO published_signals VALUES (1, now(), '{}')",
                    "DELETE FROM published_signals",
                    "TRUNCATE published_signals"] {
            XCTAssertThrowsError(try cluster.psql(sql, database: database, user: "ana_\(suffix)"), sql) { error in
                XCTAssertTrue("\(error)".contains("reserved to the store's owner"), "\(sql): \(error)")
            }
            XCTAssertThrowsError(try cluster.psql(sql, database: database, user: "wall_\(suffix)"), sql) { error in
                XCTAssertTrue("\(error)".contains("permission denied"), "\(sql): \(error)")
            }
        }
        let viewer = try await openStore(database: database, user: "wall_\(suffix)")
        let forged = SignalPublication(window: window, document: "{}")
        do {
            try await viewer.publish(forged)
            XCTFail("a viewer published figures")
        } catch {
            guard case .permissionDenied = error else { return XCTFail("expected permissionDenied, got \(error)") }
        }
        let after = try await owner.signalPublication(window: window)
        XCTAssertEqual(after, before)
    }

    func testAPublicationWakesConsolesButNotThePublisher() async throws {
        let (owner, database, suffix) = try await storeWithHistory()
        let viewer = try await openStore(database: database, user: "wall_\(suffix)")
        let clock = TestClock(anchor)
        var publisher = publisher(owner, at: clock)
        let logToken = try await owner.logChangeToken()
        let viewerToken = try await viewer.changeToken()
        let ownerToken = try await owner.changeToken()

        try await publisher.publishDue()
        _ = try await eventually(within: 10) { () async throws -> Void in
            let viewerNow = try await viewer.changeToken()
            let ownerNow = try await owner.changeToken()
            guard viewerNow > viewerToken, ownerNow > ownerToken else { throw NotYet.because("no notification") }
        }
        try await assertEqualAsync(try await owner.logChangeToken(), logToken, "the publisher's own write is not a change")
        let again = try await publisher.publishDue()
        XCTAssertFalse(again, "nothing changed, nothing is due")

        let late = CanonicalEvent(eventID: "late-1", occurredAt: anchor.subtracting(.seconds(3_600)), source: .middleware,
                                  correlationID: "C-1", payload: history.events[0].payload)
        _ = try await owner.ingest(IngestBatch(lines: [.event(late, json: late.jsonLine)]))
        _ = try await eventually(within: 10) { () async throws -> Void in
            let token = try await owner.logChangeToken()
            guard token > logToken else { throw NotYet.because("no change") }
        }
        clock.advance(by: .seconds(61))
        let republished = try await publisher.publishDue()
        XCTAssertTrue(republished)
        XCTAssertEqual(publisher.figures.groups[.front]?.asOf, anchor.adding(.seconds(61)))
    }

    func testALiveConsoleShowsPublishedFiguresUntilTheyAreStaleAndAFixedAsOfComputesItsOwn() async throws {
        let (owner, database, suffix) = try await storeWithHistory()
        var publisher = publisher(owner, at: TestClock(anchor))
        try await publisher.publishDue()
        let viewer = try await openStore(database: database, user: "wall_\(suffix)", readOnly: true)
        let clock = TestClock(anchor.adding(.seconds(30)))
        let computed = try await owner.signals(asOf: anchor, window: window)

        let live = runner(viewer, clock: clock)
        let shown = try await loadedSignals(live)
        XCTAssertEqual(shown.signals, computed, "the published figures, not the console's own")
        XCTAssertEqual(shown.at, anchor, "their age counts from the publisher's as-of")
        XCTAssertTrue(shown.published)
        guard case .trendsLoaded(let trends, _, _)? = await live.perform(.loadTrends(asOf: clock.now, reusing: .empty)) else {
            return XCTFail("no trends")
        }
        XCTAssertEqual(trends, publisher.figures.trends)

        clock.advance(by: PublishedFigures.maximumAge)
        let stale = try await loadedSignals(live)
        XCTAssertEqual(stale.signals.asOf, clock.now, "figures the publisher stopped updating are not shown")
        XCTAssertFalse(stale.published)

        let fixed = anchor.subtracting(.days(2))
        let atFixedAsOf = try await loadedSignals(runner(viewer, clock: TestClock(anchor), fixedAsOf: fixed))
        XCTAssertEqual(atFixedAsOf.signals.asOf, fixed)
    }

    private func runner(_ store: PostgresStore, clock: TestClock, fixedAsOf: Timestamp? = nil) -> EffectRunner {
        let settings = ConsoleSettings(storeName: store.displayName, userName: "wall", readOnly: true, wall: true,
                                       window: window, fixedAsOf: fixedAsOf, configuration: .defaults)
        return EffectRunner(store: store, settings: settings, clock: { clock.now }, dataClock: { clock.now },
                            environment: [:], inbox: Inbox(wake: {}),
                            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    private func loadedSignals(_ runner: EffectRunner) async throws -> (signals: GoldenSignals, at: Timestamp, published: Bool) {
        guard case .signalsLoaded(let signals, _, let at, _, _, _, _, let published)? = await runner.perform(.loadSignals(.all)) else {
            throw NotYet.because("no signals loaded")
        }
        return (signals, at, published)
    }
}

/// What `eventually` retries on.
private enum NotYet: Error { case because(String) }

/// A clock a test moves by hand.
final class TestClock: Sendable {
    private let instant: Mutex<Timestamp>
    init(_ start: Timestamp) { instant = Mutex(start) }
    var now: Timestamp { instant.withLock { $0 } }
    func advance(by duration: SignalDuration) { instant.withLock { $0 = $0.adding(duration) } }
}
