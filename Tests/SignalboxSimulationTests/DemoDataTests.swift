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
}
