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
