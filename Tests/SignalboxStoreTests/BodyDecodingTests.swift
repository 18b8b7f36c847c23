import SignalboxCore
import SignalboxStore
import XCTest

/// An HTTP body decoded in slices at once reads exactly as when decoded in one go: every line, in order, with its
/// line number, events and rejections alike.
final class BodyDecodingTests: XCTestCase {
    func testABodyDecodedInSlicesEqualsOneDecoding() async {
        let lines = (1...5_000).map { number -> String in
            switch number % 7 {
            case 0: return "{not json \(number)"
            case 3: return ""
            default:
                return #"{"event_id":"e-\#(number)","type":"time.approved","occurred_at":"2026-11-20T09:00:00Z","source":"PSA","correlation_id":"CTR-1","data":{"time_entry_id":"TE-\#(number)","contract_id":"CTR-1","project_id":"P-1","resource":"r","role":"Dev","work_date":"2026-11-19","hours":"3","rate":"100","amount":"300","currency":"CHF"}}"#
            }
        }
        let body = Array(lines.joined(separator: "\n").utf8)
        let whole = await IngestPipeline().decode(body: body, sourceName: "http:test", parts: 1)
        let sliced = await IngestPipeline().decode(body: body, sourceName: "http:test", parts: 3)
        XCTAssertEqual(Self.describe(whole), Self.describe(sliced))
        XCTAssertEqual(whole.lines.count, 5_000 - 714, "blank lines are skipped")
        XCTAssertEqual(Self.describe(sliced).suffix(3), ["rejected 4998", "event 4999 e-4999", "event 5000 e-5000"])
    }

    private static func describe(_ batch: IngestBatch) -> [String] {
        batch.lines.map { line in
            switch line {
            case .event(let event, _, let origin): "event \(origin?.lineNumber ?? 0) \(event.eventID)"
            case .rejected(let rejected): "rejected \(rejected.lineNumber)"
            }
        }
    }
}
