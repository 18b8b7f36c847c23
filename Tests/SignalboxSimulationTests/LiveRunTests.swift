import SignalboxCore
import SignalboxSimulation
import SignalboxStore
import XCTest

/// Long unattended runs: valid events only, deterministic for a seed, paced by the clock and the rate cap.
final class LiveRunTests: XCTestCase {
    func testSixWeeksWriteOnlyValidSystemEventsOfEveryKind() async throws {
        let fixture = try LiveStoreFixture()
        defer { fixture.remove() }
        let simulator = try fixture.simulator()
        var written: [CanonicalEvent] = []
        var rejected = 0
        for _ in 0..<(42 * 24) {
            let report = try await fixture.step(simulator)
            rejected += report.ingest.rejected
            for event in report.written {
                XCTAssertLessThanOrEqual(event.occurredAt, report.simulatedTime, "\(event.eventID) is stamped in the future")
            }
            written += report.written
        }
        XCTAssertEqual(rejected, 0)
        let rejectedLines = try await fixture.store.rejectedLines(limit: 10)
        XCTAssertEqual(rejectedLines, [])
        XCTAssertGreaterThan(written.count, 1000)
        for event in written {
            XCTAssertEqual(try CanonicalEvent(jsonLine: Array(event.jsonLine.utf8)), event)
            XCTAssertNotEqual(event.source, .console, "\(event.eventID)")
            XCTAssertGreaterThanOrEqual(event.occurredAt, LiveStoreFixture.start)
        }
        let types = Set(written.map(\.payload.type))
        let expected: Set<EventType> = [.contractApproved, .contractAmended, .projectProvisioned, .projectProvisioningFailed,
                                        .billingScheduleCreated, .amendmentApplied, .timeApproved, .milestoneAccepted,
                                        .invoicePosted, .paymentReceived, .exceptionRaised, .exceptionResolved]
        XCTAssertEqual(expected.subtracting(types), [])
        let kinds = Set(written.compactMap { if case .exceptionRaised(let raised) = $0.payload { raised.kind } else { nil } })
        XCTAssertEqual(Set(ExceptionKind.allCases).subtracting(kinds), [])
        XCTAssertTrue(written.allSatisfy { $0.correlationID.hasPrefix("CTR-L") })
    }

    func testSameSeedAndStartWithoutPeopleWriteTheSameEvents() async throws {
        func run(seed: UInt64) async throws -> [CanonicalEvent] {
            let fixture = try LiveStoreFixture(seed: seed)
            defer { fixture.remove() }
            let simulator = try fixture.simulator()
            var written: [CanonicalEvent] = []
            for _ in 0..<48 { written += try await fixture.step(simulator).written }
            return written
        }
        let first = try await run(seed: 11)
        XCTAssertGreaterThan(first.count, 100)
        let again = try await run(seed: 11)
        XCTAssertEqual(first, again)
        let other = try await run(seed: 12)
        XCTAssertNotEqual(first, other)
    }

    func testRunStopsAtTheEndAndRespectsTheRateCap() async throws {
        let fixture = try LiveStoreFixture()
        defer { fixture.remove() }
        var configuration = fixture.configuration
        configuration.maximumEventsPerSecond = 3
        let simulator = try IntegrationSimulator(store: fixture.store, configuration: configuration, clock: fixture.clock)
        let end = LiveStoreFixture.start.adding(.days(1))
        final class Steps: @unchecked Sendable { var reports: [SimulationStepReport] = [] }
        let steps = Steps()
        let summary = try await simulator.run(until: end) { steps.reports.append($0) }
        XCTAssertEqual(summary.simulatedTime, end)
        XCTAssertEqual(summary.steps, 25, "a step every wall second, an hour of simulated time each")
        XCTAssertTrue(steps.reports.allSatisfy { $0.written.count <= 3 })
        XCTAssertTrue(steps.reports.contains { $0.backlog }, "a day of 40 contracts needs more than 3 events an hour")
    }

    func testCancellationStopsTheRunCleanly() async throws {
        let fixture = try LiveStoreFixture()
        defer { fixture.remove() }
        let simulator = try fixture.simulator()
        let task = Task { try await simulator.run() }
        task.cancel()
        let summary = try await task.value
        XCTAssertTrue(summary.stoppedBecauseCancelled)
    }

    func testTimelineRunsAtSpeed() throws {
        let start = try Timestamp(rfc3339: "2026-11-22T23:00:00Z")
        let timeline = SimulatedTimeline(simulatedStart: start, wallStart: Timestamp(epochSeconds: 100), speed: 60)
        XCTAssertEqual(timeline.simulatedTime(atWall: Timestamp(epochSeconds: 160)), try Timestamp(rfc3339: "2026-11-23T00:00:00Z"))
        XCTAssertEqual(timeline.wallTime(atSimulated: try Timestamp(rfc3339: "2026-11-23T00:00:00Z")), Timestamp(epochSeconds: 160))
        XCTAssertEqual(timeline.simulatedTime(atWall: Timestamp(epochSeconds: 50)), start)
    }
}
