import SignalboxCore
import XCTest

final class CanonicalEventDecodingTests: XCTestCase {
    private func decode(_ value: JSONValue) throws(EventDecodingError) -> CanonicalEvent {
        try CanonicalEvent(jsonLine: Array(value.serialized.utf8))
    }

    private func exampleJSON(_ example: EventExample) throws -> JSONValue {
        try JSONParser.parse(Array(example.line.utf8))
    }

    /// The field named by a decoding error, or a description of the unexpected outcome.
    private func rejectedField(_ value: JSONValue) -> String {
        do {
            _ = try decode(value)
            return "(accepted)"
        } catch .field(let error) {
            return error.field
        } catch {
            return "(syntax error: \(error))"
        }
    }

    private func allRequiredPaths(_ example: EventExample) -> [String] {
        EventExample.envelopeFields + example.required.map { "data." + $0 }
    }

    func testTheTableCoversEveryEventType() {
        XCTAssertEqual(EventExample.all.map(\.type), EventType.allCases)
    }

    func testTheTableCoversEveryFieldOfEachExample() throws {
        for example in EventExample.all {
            let declared = Set(allRequiredPaths(example) + example.optional.map { "data." + $0 })
            XCTAssertEqual(Set(try exampleJSON(example).memberPaths()), declared, example.type.rawValue)
        }
    }

    func testEveryExampleDecodes() throws {
        for example in EventExample.all {
            let event = try decode(try exampleJSON(example))
            XCTAssertEqual(event.type, example.type)
            XCTAssertEqual(event.eventID, "evt-" + example.type.rawValue)
            XCTAssertEqual(event.occurredAt, try Timestamp(rfc3339: "2026-10-01T09:15:00.250Z"))
            XCTAssertEqual(event.source, example.source)
            XCTAssertEqual(event.correlationID, "C-1001")
            XCTAssertEqual(event.extensions, JSONObject())
        }
    }

    func testMissingRequiredFieldIsNamedByItsPath() throws {
        for example in EventExample.all {
            let json = try exampleJSON(example)
            for path in allRequiredPaths(example) {
                XCTAssertEqual(rejectedField(json.replacing(path, with: nil)), path, "\(example.type.rawValue) without \(path)")
                XCTAssertEqual(rejectedField(json.replacing(path, with: .null)), path, "\(example.type.rawValue) with \(path) null")
            }
        }
    }

    func testWrongTypedFieldIsNamedByItsPath() throws {
        for example in EventExample.all {
            let json = try exampleJSON(example)
            for path in allRequiredPaths(example) + example.optional.map({ "data." + $0 }) {
                XCTAssertEqual(rejectedField(json.replacing(path, with: .bool(true))), path, "\(example.type.rawValue): \(path) = true")
            }
        }
    }

    func testOptionalFieldsMayBeAbsent() throws {
        for example in EventExample.all {
            let json = try exampleJSON(example)
            for path in example.optional.map({ "data." + $0 }) {
                XCTAssertEqual(rejectedField(json.replacing(path, with: nil)), "(accepted)", "\(example.type.rawValue) without \(path)")
            }
        }
    }

    func testRoundTripThroughJSONLineIsLossless() throws {
        for example in EventExample.all {
            let event = try decode(try exampleJSON(example))
            let again = try CanonicalEvent(jsonLine: Array(event.jsonLine.utf8))
            XCTAssertEqual(again, event, example.type.rawValue)
            XCTAssertEqual(again.jsonLine, event.jsonLine, example.type.rawValue)
        }
    }

    func testExtraTopLevelFieldsAreKeptAsExtensionsAndRoundTrip() throws {
        let json = try exampleJSON(EventExample.all[0])
            .replacing("x_tenant", with: .string("acme"))
            .replacing("x_trace", with: .object(["span": .string("abc"), "hops": .array([1, 2])]))
        let event = try decode(json)
        XCTAssertEqual(event.extensions, ["x_tenant": .string("acme"), "x_trace": .object(["span": .string("abc"), "hops": .array([1, 2])])])
        let again = try CanonicalEvent(jsonLine: Array(event.jsonLine.utf8))
        XCTAssertEqual(again, event)
        XCTAssertTrue(event.jsonLine.hasSuffix(#","x_tenant":"acme","x_trace":{"span":"abc","hops":[1,2]}}"#), event.jsonLine)
    }

    func testUnknownTypeIsRejected() throws {
        let json = try exampleJSON(EventExample.all[0]).replacing("type", with: .string("contract.cancelled"))
        XCTAssertThrowsError(try decode(json)) { error in
            guard case .field(let fieldError) = error as? EventDecodingError else { return XCTFail("\(error)") }
            XCTAssertEqual(fieldError.field, "type")
            XCTAssertTrue(fieldError.reason.hasPrefix(#""contract.cancelled" is not one of: contract.approved"#), fieldError.reason)
        }
    }

    func testNonObjectAndInvalidJSONLinesAreRejected() {
        XCTAssertThrowsError(try CanonicalEvent(jsonLine: Array("[1]".utf8))) { error in
            XCTAssertEqual(error as? EventDecodingError, .field(EventFieldError(field: "(event)", reason: "expected a JSON object, got array")))
        }
        XCTAssertThrowsError(try CanonicalEvent(jsonLine: Array(#"{"event_id": }"#.utf8))) { error in
            guard case .syntax = error as? EventDecodingError else { return XCTFail("\(error)") }
        }
    }

    func testOutOfRangeValuesAreNamedByTheirPath() throws {
        func rejected(_ type: EventType, _ path: String, _ value: JSONValue) throws -> String {
            let example = try XCTUnwrap(EventExample.all.first { $0.type == type })
            return rejectedField(try exampleJSON(example).replacing(path, with: value))
        }
        let cases: [(type: EventType, path: String, value: JSONValue)] = [
            (.contractApproved, "event_id", .string(String(repeating: "e", count: 129))),
            (.contractApproved, "event_id", .string("")),
            (.contractApproved, "occurred_at", .string("2026-10-01T09:15:00")),
            (.contractApproved, "source", .string("SAP")),
            (.contractApproved, "data.currency", .string("usd")),
            (.contractApproved, "data.billing_model", .string("hourly")),
            (.contractApproved, "data.total_value", .string("-1")),
            (.contractApproved, "data.rate_card[1].rate", .string("12.34567")),
            (.contractApproved, "data.end_date", .string("2026-09-30")),
            (.contractApproved, "data.start_date", .string("2026-02-30")),
            (.contractAmended, "data.version", 1),
            (.contractAmended, "data.version", .number("2.5")),
            (.contractAmended, "data.changes", .object([:])),
            (.projectProvisioningFailed, "data.attempt", 0),
            (.amendmentApplied, "data.target", .string("CRM")),
            (.timeApproved, "data.hours", .string("abc")),
            (.timeApproved, "data.amount", .number("-5")),
            (.exceptionRaised, "data.kind", .string("unknown_kind")),
            (.exceptionRaised, "data.severity", .string("urgent")),
            (.exceptionRaised, "data.candidates[0].score", .string("high")),
            (.reprocessCompleted, "data.outcome", .string("partial")),
            (.invoicePosted, "data.lines[1]", .string("not a line")),
        ]
        for (type, path, value) in cases {
            XCTAssertEqual(try rejected(type, path, value), path, "\(type.rawValue): \(path) = \(value.serialized)")
        }
    }

    func testNegativeInvoiceAmountsAreAllowedForCreditNotes() throws {
        let example = try XCTUnwrap(EventExample.all.first { $0.type == .invoicePosted })
        let json = try exampleJSON(example).replacing("data.total", with: .number("-1125")).replacing("data.lines[0].amount", with: .number("-1125"))
        guard case .invoicePosted(let invoice) = try decode(json).payload else { return XCTFail("not an invoice") }
        XCTAssertEqual(invoice.total, ExactDecimal(-1125))
    }
}
