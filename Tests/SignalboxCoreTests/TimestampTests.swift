import SignalboxCore
import XCTest

final class TimestampTests: XCTestCase {
    func testParsesUTCInstants() throws {
        XCTAssertEqual(try Timestamp(rfc3339: "1970-01-01T00:00:00Z").microseconds, 0)
        XCTAssertEqual(try Timestamp(rfc3339: "2026-10-31T00:00:00Z"), Timestamp(epochSeconds: 1_793_404_800))
    }

    func testOffsetsDenoteTheSameInstant() throws {
        let utc = try Timestamp(rfc3339: "2026-10-01T09:15:00Z")
        for text in ["2026-10-01T11:15:00+02:00", "2026-10-01T04:15:00-05:00", "2026-10-01T14:45:00+05:30",
                     "2026-10-01T09:15:00+00:00", "2026-10-01T09:15:00-00:00", "2026-10-01t09:15:00z",
                     "2026-09-30T23:15:00-10:00"] {
            XCTAssertEqual(try Timestamp(rfc3339: text), utc, text)
        }
    }

    func testKeepsFractionsToTheMicrosecond() throws {
        let whole = try Timestamp(rfc3339: "2026-10-01T09:15:00Z").microseconds
        let cases: [(text: String, micros: Int64)] = [
            ("2026-10-01T09:15:00.250Z", 250_000), ("2026-10-01T11:15:00.250+02:00", 250_000), ("2026-10-01T09:15:00.5Z", 500_000),
            ("2026-10-01T09:15:00.000001Z", 1), ("2026-10-01T09:15:00.1234567Z", 123_456), ("2026-10-01T09:15:00.999999999Z", 999_999),
        ]
        for (text, micros) in cases {
            XCTAssertEqual(try Timestamp(rfc3339: text).microseconds - whole, micros, text)
        }
    }

    func testWholeSecondRoundsTowardsThePast() throws {
        let cases: [(String, String)] = [
            ("2026-10-01T09:15:00Z", "2026-10-01T09:15:00Z"), ("2026-10-01T09:15:00.999999Z", "2026-10-01T09:15:00Z"),
            ("2026-10-01T09:15:00.000001Z", "2026-10-01T09:15:00Z"), ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59Z"),
        ]
        for (text, second) in cases {
            XCTAssertEqual(try Timestamp(rfc3339: text).wholeSecond.rfc3339, second, text)
        }
    }

    func testRejectsInvalidForms() {
        let invalid = [
            "", "2026-10-01", "2026-10-01T09:15:00", "2026-10-01T09:15Z", "2026-10-01 09:15:00", "2026/10/01T09:15:00Z",
            "26-10-01T09:15:00Z", "2026-10-01T09:15:00.Z", "2026-10-01T09:15:00+2:00", "2026-10-01T09:15:00+0200",
            "2026-10-01T09:15:00+24:00", "2026-10-01T09:15:00+02:60", "2026-10-01T09:15:00Z ", "2026-10-01T09:15:00ZZ",
            "2026-13-01T09:15:00Z", "2026-00-01T09:15:00Z", "2026-10-00T09:15:00Z", "2026-10-32T09:15:00Z",
            "2026-04-31T09:15:00Z", "2026-10-01T24:00:00Z", "2026-10-01T09:60:00Z", "2026-10-01T09:15:61Z",
            "２０２６-10-01T09:15:00Z", "2026-10-01T09:15:00+02:00[Europe/Paris]",
        ]
        for text in invalid {
            XCTAssertThrowsError(try Timestamp(rfc3339: text), text.debugDescription)
        }
    }

    func testErrorExplainsTheProblem() {
        XCTAssertThrowsError(try Timestamp(rfc3339: "2026-10-01T09:15:00")) { error in
            XCTAssertEqual("\(error)", #"not an RFC 3339 timestamp with offset (missing offset (Z or ±HH:MM)): "2026-10-01T09:15:00""#)
        }
    }

    func testLeapYears() {
        for text in ["2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2028-02-29T12:00:00+01:00"] {
            XCTAssertNoThrow(try Timestamp(rfc3339: text), text)
        }
        for text in ["2026-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2024-02-30T00:00:00Z"] {
            XCTAssertThrowsError(try Timestamp(rfc3339: text), text)
        }
        XCTAssertEqual(try Timestamp(rfc3339: "2024-03-01T00:00:00Z").since(try Timestamp(rfc3339: "2024-02-28T00:00:00Z")), .days(2))
        XCTAssertEqual(try Timestamp(rfc3339: "2026-03-01T00:00:00Z").since(try Timestamp(rfc3339: "2026-02-28T00:00:00Z")), .days(1))
    }

    func testLeapSecondIsReadAsTheLastSecondOfTheMinute() throws {
        XCTAssertEqual(try Timestamp(rfc3339: "2016-12-31T23:59:60Z"), try Timestamp(rfc3339: "2016-12-31T23:59:59Z"))
    }

    func testWritesUTCWithMillisecondsOrMicrosecondsOnlyWhenNeeded() throws {
        let cases: [(input: String, output: String)] = [
            ("2026-10-01T11:15:00+02:00", "2026-10-01T09:15:00Z"),
            ("2026-10-01T11:15:00.250+02:00", "2026-10-01T09:15:00.250Z"),
            ("2026-10-01T09:15:00.000001Z", "2026-10-01T09:15:00.000001Z"),
            ("2026-10-01T09:15:00.120300Z", "2026-10-01T09:15:00.120300Z"),
            ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"),
            ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.500Z"),
            ("2024-02-29T23:00:00-02:00", "2024-03-01T01:00:00Z"),
        ]
        for (input, output) in cases {
            let parsed = try Timestamp(rfc3339: input)
            XCTAssertEqual(parsed.rfc3339, output, input)
            XCTAssertEqual(try Timestamp(rfc3339: output), parsed, "round trip of \(input)")
        }
        XCTAssertEqual(try Timestamp(rfc3339: "1969-12-31T23:59:59.5Z").microseconds, -500_000)
    }

    func testArithmetic() throws {
        let t = try Timestamp(rfc3339: "2026-10-31T00:00:00Z")
        XCTAssertEqual(t.subtracting(.days(7)), try Timestamp(rfc3339: "2026-10-24T00:00:00Z"))
        XCTAssertEqual(t.adding(.seconds(90)), try Timestamp(rfc3339: "2026-10-31T00:01:30Z"))
        XCTAssertEqual(try Timestamp(rfc3339: "2026-10-24T00:00:00Z").since(t), .days(-7))
        XCTAssertEqual(t.civilDate, CivilDate(year: 2026, month: 10, day: 31))
    }
}
