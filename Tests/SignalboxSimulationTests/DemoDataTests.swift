import Foundation
import SignalboxCore
import SignalboxSimulation
import XCTest

/// The committed demo store is exactly what its README's command produces.
final class DemoDataTests: XCTestCase {
    func testDemoFileIsReproducible() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("demo-data/events.jsonl")
        let committed = try String(contentsOf: file, encoding: .utf8)
        let configuration = try GeneratorConfiguration(seed: 20261123, contracts: 300, from: CivilDate(iso: "2026-08-25")!,
                                                       to: CivilDate(iso: "2026-11-22")!)
        let regenerated = EventGenerator(configuration: configuration).map { $0.jsonLine + "\n" }.joined()
        XCTAssertTrue(committed == regenerated, "demo-data/events.jsonl differs from the generator's output; regenerate it (see demo-data/README.md)")
    }

    /// The demo store must look alive on 2026-11-23: the contract-to-cash flow continues through its last week.
    func testDemoKeepsFlowingThroughTheLastWeek() throws {
        let configuration = try GeneratorConfiguration(seed: 20261123, contracts: 300, from: CivilDate(iso: "2026-08-25")!,
                                                       to: CivilDate(iso: "2026-11-22")!)
        let weekStart = try Timestamp(rfc3339: "2026-11-16T00:00:00Z")
        var types: [String: Int] = [:]
        for generated in EventGenerator(configuration: configuration) where generated.event.occurredAt > weekStart {
            types[generated.event.payload.type.rawValue, default: 0] += 1
        }
        for type in ["contract.approved", "project.provisioned", "billing_schedule.created", "contract.amended",
                     "amendment.applied", "time.approved", "exception.raised", "exception.resolved"] {
            XCTAssertGreaterThan(types[type] ?? 0, 0, "no \(type) in the demo's last week")
        }
    }
}

extension DemoDataTests {
    /// On 2026-11-23 the demo shows each of the five reconciliation controls non-zero (golden-signals.md §10).
    func testDemoShowsEveryReconciliationControl() throws {
        let configuration = try GeneratorConfiguration(seed: 20261123, contracts: 300, from: CivilDate(iso: "2026-08-25")!,
                                                       to: CivilDate(iso: "2026-11-22")!)
        let events = EventGenerator(configuration: configuration).map(\.event)
        let signals = SignalCalculator.compute(events: events, asOf: try Timestamp(rfc3339: "2026-11-23T00:00:00Z"), window: .days(7))
        let reconciliation = signals.reconciliation
        XCTAssertGreaterThan(reconciliation.rateLeakage.values.reduce(ExactProduct.zero) { $0 + $1.underAmount }, .zero)
        XCTAssertGreaterThan(reconciliation.billingMismatch.values.reduce(0) { $0 + $1.lines + $1.unapprovedLines }, 0)
        XCTAssertGreaterThan(reconciliation.doubleBilled.values.reduce(0) { $0 + $1.entries }, 0)
        XCTAssertGreaterThan(reconciliation.unbilledMilestones.values.reduce(0) { $0 + $1.total.milestones }, 0)
        XCTAssertGreaterThan(reconciliation.overContractValue.values.reduce(0) { $0 + $1.contracts }, 0)
    }
}
