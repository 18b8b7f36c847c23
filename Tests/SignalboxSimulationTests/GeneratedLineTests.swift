import SignalboxCore
import SignalboxSimulation
import XCTest

/// Every line is a valid canonical event, within the range, delivered realistically.
final class GeneratedLineTests: XCTestCase {
    func testEveryLineDecodesToTheGeneratedEvent() {
        XCTAssertGreaterThan(GeneratedSample.lines.count, 5_000)
        var rejections: [String] = []
        for (line, generated) in zip(GeneratedSample.lines, GeneratedSample.events) {
            do {
                let decoded = try CanonicalEvent(jsonLine: Array(line.utf8))
                if decoded != generated.event { rejections.append("round trip differs: \(line)") }
            } catch {
                rejections.append("\(error): \(line)")
            }
        }
        XCTAssertEqual(rejections.count, 0, rejections.prefix(3).joined(separator: "\n"))
    }

    func testTimestampsStayWithinTheRange() {
        let configuration = GeneratedSample.configuration
        let outside = GeneratedSample.events.filter { $0.event.occurredAt < configuration.start || $0.event.occurredAt > configuration.end }
        XCTAssertEqual(outside.count, 0)
        let last = GeneratedSample.events.map(\.event.occurredAt).max()!
        XCTAssertEqual(last.civilDate, configuration.to, "the data should run up to the last day")
    }

    func testTimestampsUseOffsetsAndFractions() {
        let stamps = GeneratedSample.lines.map { line -> Substring in
            let start = line.range(of: "\"occurred_at\":\"")!.upperBound
            return line[start...].prefix { $0 != "\"" }
        }
        XCTAssertTrue(stamps.contains { $0.hasSuffix("Z") })
        XCTAssertTrue(stamps.contains { $0.hasSuffix("+02:00") })
        XCTAssertTrue(stamps.contains { $0.hasSuffix("-05:00") })
        XCTAssertTrue(stamps.contains { $0.contains(".") })
    }

    func testOffsetRenderingNamesTheSameInstant() throws {
        let instant = try Timestamp(rfc3339: "2026-10-01T09:15:00.250Z")
        XCTAssertEqual(instant.rfc3339(utcOffsetMinutes: 120), "2026-10-01T11:15:00.250+02:00")
        XCTAssertEqual(instant.rfc3339(utcOffsetMinutes: -300), "2026-10-01T04:15:00.250-05:00")
        XCTAssertEqual(try Timestamp(rfc3339: instant.rfc3339(utcOffsetMinutes: 330)), instant)
    }

    func testDuplicatesRepeatTheSameLine() {
        var firstLine: [String: String] = [:]
        var duplicates = 0
        for (line, generated) in zip(GeneratedSample.lines, GeneratedSample.events) {
            if let earlier = firstLine[generated.event.eventID] {
                XCTAssertEqual(earlier, line)
                XCTAssertEqual(generated.delivery, .duplicate)
                duplicates += 1
            } else {
                firstLine[generated.event.eventID] = line
            }
        }
        XCTAssertGreaterThan(duplicates, 10)
    }

    func testLateArrivalsComeAfterLaterEvents() {
        var latestWritten = GeneratedSample.configuration.start
        var lateLines = 0
        for generated in GeneratedSample.events {
            let time = generated.event.occurredAt
            if latestWritten.since(time) >= .seconds(6 * 3600) {
                XCTAssertNotEqual(generated.delivery, .inOrder)
                lateLines += 1
            }
            latestWritten = max(latestWritten, time)
        }
        XCTAssertGreaterThan(lateLines, 20)
    }

    func testInOrderLinesAreSortedByOccurrence() {
        let inOrder = GeneratedSample.events.filter { $0.delivery == .inOrder }.map(\.event.occurredAt)
        XCTAssertEqual(inOrder, inOrder.sorted())
    }
}
