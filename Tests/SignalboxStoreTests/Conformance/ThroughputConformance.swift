import SignalboxCore
import SignalboxStore
import XCTest

/// §9 throughput where a window's edges cut an hour, a second and the microseconds within one: a store's count per
/// source equals the reference's for windows that start and end on, just before and just after every event, with
/// events delivered out of order, twice, and spread over many commits.
extension StoreConformanceTests {
    /// Events of three sources around 09:00 and 10:00 on 3 November, several in one second, several at one instant.
    static let throughputLines: [String] = {
        let times = [
            "2026-11-03T08:59:59.999999Z", "2026-11-03T09:00:00Z", "2026-11-03T09:00:00Z", "2026-11-03T09:00:00.000001Z",
            "2026-11-03T09:00:00.5Z", "2026-11-03T09:00:00.999999Z", "2026-11-03T09:00:01Z", "2026-11-03T09:30:00.25Z",
            "2026-11-03T09:59:59.999999Z", "2026-11-03T10:00:00Z", "2026-11-03T10:00:00.000002Z", "2026-11-03T10:00:59Z",
            "2026-11-03T11:00:00.75Z", "2026-11-02T23:59:59.5Z",
        ]
        let sources = ["PSA", "ERP", "CRM"]
        return times.indices.map { index in
            EventLines.envelope("tp-\(index)", "time.approved", times[index], source: sources[index % 3],
                                data: #"{"time_entry_id":"TP-\#(index)","contract_id":"C-1","project_id":"P-1","resource":"r","role":"Dev","work_date":"2026-11-01","hours":1,"rate":100,"amount":100,"currency":"USD"}"#)
        }
    }()

    func checkThroughputAtEveryCutEqualsTheReference() async throws {
        // Out of order (the last line is the earliest), and one line delivered again in a later commit.
        let lines = Self.throughputLines + [Self.throughputLines[4]]
        let (store, ingested) = try await storeHolding(lines, batchSize: 2)
        let events = Array(ingested.dropLast())
        let windows: [SignalDuration] = [SignalDuration(microseconds: 1), .seconds(1), SignalDuration(microseconds: 1_500_000),
                                         .seconds(3600), SignalDuration(microseconds: 3_600_000_001), .seconds(2 * 3600), .days(1)]
        var answers = Set<String>()
        for event in events {
            for offset in [-1, 0, 1] as [Int64] {
                let asOf = Timestamp(microseconds: event.occurredAt.microseconds + offset)
                for window in windows {
                    let stored = try await store.signals(asOf: asOf, window: window, sections: .throughput).throughput
                    let reference = SignalCalculator.compute(events: events, asOf: asOf, window: window).throughput
                    XCTAssertEqual(stored, reference, "as of \(asOf) window \(window.microseconds) µs")
                    answers.insert("\(reference)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(answers.count, 30, "the cuts saw too few distinct answers")
    }
}
