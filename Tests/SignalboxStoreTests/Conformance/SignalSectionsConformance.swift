import SignalboxCore
import SignalboxStore
import XCTest

/// A read of some sections holds exactly what the full read holds for them, and nothing of the others.
extension StoreConformanceTests {
    static let sectionSelections: [SignalSections] = [
        .v1, .v2, .reconciliation, [.v1, .v2], [.activationLatency, .throughput], [.unbilledTime, .invoiceToCash],
        [.exceptions, .resolutionTime, .reconciliation], [.provisioning, .amendmentAccuracy, .timeToInvoice], [],
    ]

    func checkASectionReadHoldsTheFullReadsSectionsAndNoOthers() async throws {
        let (store, events) = try await storeHolding(Self.trickyLines, batchSize: 4)
        for asOf in ["2026-11-06T12:00:00Z", "2026-11-09T12:00:00Z", "2026-11-14T00:00:00Z"].map(ts) {
            let window = SignalDuration.days(7)
            let full = try await store.signals(asOf: asOf, window: window)
            XCTAssertEqual(full.sections, .all)
            XCTAssertEqual(full, SignalCalculator.compute(events: events, asOf: asOf, window: window), "as of \(asOf)")
            for selection in Self.sectionSelections {
                let part = try await store.signals(asOf: asOf, window: window, sections: selection)
                XCTAssertEqual(part, full.selecting(selection), "as of \(asOf), sections \(selection.rawValue)")
                guard case .object(let document) = part.jsonDocument else { return XCTFail("not an object") }
                let expected = ["as_of", "window_seconds"]
                    + SignalSections.keyed.filter { selection.contains($0.section) }.map(\.key)
                XCTAssertEqual(document.keys, expected, "as of \(asOf), sections \(selection.rawValue)")
            }
        }
        // The selection is only tested if the unselected sections hold something to leave out.
        let full = try await store.signals(asOf: ts("2026-11-09T12:00:00Z"), window: .days(7))
        XCTAssertGreaterThan(full.throughput.events, 0)
        XCTAssertGreaterThan(full.activation.count + full.activation.pending, 0)
        XCTAssertFalse(full.unbilled.isEmpty)
    }
}
