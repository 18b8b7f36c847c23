import SignalboxCore
import XCTest

/// Deterministic identifiers for exception-rule tests: `id-1`, `id-2`, …
struct SequentialIdentifiers: IdentifierSource {
    var prefix = "id-"
    private(set) var issued = 0

    mutating func next() -> String {
        issued += 1
        return "\(prefix)\(issued)"
    }
}

/// Builders for exception events; names are prefixed so they do not clash with other test helpers.
enum ExceptionFixture {
    static let start = try! Timestamp(rfc3339: "2026-10-01T09:00:00Z")
    static let correlationID = "CT-1"
    static let subject = SystemRecord(system: "CRM", key: "C-17", name: "Acme GmbH")
    static let candidates = [
        MappingCandidate(record: SystemRecord(system: "ERP", key: "100234", name: "ACME GmbH"), score: decimal("0.91")),
        MappingCandidate(record: SystemRecord(system: "ERP", key: "100777", name: "Acme Holding"), score: decimal("0.74")),
    ]

    static func at(_ seconds: Int64) -> Timestamp { start.adding(.seconds(seconds)) }

    static func decimal(_ text: String) -> ExactDecimal { try! ExactDecimal(parsing: text) }

    static func raised(
        _ id: String = "EX-1", amount: String? = "1200.00", currency: String = "EUR",
        failedEventID: String? = "evt-failed-1", candidates: [MappingCandidate]? = candidates,
        subject: SystemRecord? = subject
    ) -> EventPayload {
        .exceptionRaised(ExceptionRaised(
            exceptionID: id, kind: .ambiguousCustomerMapping, severity: .high, summary: "customer C-17 matches 2 ERP records",
            amountAtRisk: amount.map(decimal), currency: amount == nil ? nil : currency, failedEventID: failedEventID,
            candidates: candidates, subject: subject
        ))
    }

    static func event(_ payload: EventPayload, id: String, at seconds: Int64, source: SourceSystem = .console,
                      correlationID: String = correlationID) -> CanonicalEvent {
        CanonicalEvent(eventID: id, occurredAt: at(seconds), source: source, correlationID: correlationID, payload: payload)
    }
}

/// An in-memory log that numbers events in append order and replays the exception rules on it.
struct ExceptionTestLog {
    private(set) var events: [LoggedEvent] = []
    var ids = SequentialIdentifiers()

    var nextSequence: Int64 { (events.last?.sequence ?? 0) + 1 }

    mutating func append(_ event: CanonicalEvent) {
        events.append(LoggedEvent(sequence: nextSequence, event: event))
    }

    mutating func append(_ payload: EventPayload, at seconds: Int64, source: SourceSystem = .console) {
        append(ExceptionFixture.event(payload, id: "log-\(nextSequence)", at: seconds, source: source))
    }

    /// A log holding one raised exception (sequence 1, from the middleware at second 0).
    static func raised(_ payload: EventPayload = ExceptionFixture.raised()) -> ExceptionTestLog {
        var log = ExceptionTestLog()
        log.append(payload, at: 0, source: .middleware)
        return log
    }

    /// The current record of `id`; a test that asks for an exception it never raised is broken.
    func record(_ id: String = "EX-1") -> ExceptionRecord {
        guard let record = ExceptionLedger(events: events)[id] else { fatalError("no exception \(id) in the test log") }
        return record
    }

    /// Decides `command` for `actor` at `seconds` against the current version, and appends what it returns.
    @discardableResult
    mutating func act(_ command: ExceptionCommand, by actor: String, at seconds: Int64, on id: String = "EX-1",
                      policy: ReprocessPolicy = .strict, seenVersion: Int64? = nil) throws(ExceptionActionError) -> [CanonicalEvent] {
        let current = record(id)
        let decided = try ExceptionRules.decide(command, on: current, by: actor, seenVersion: seenVersion ?? current.version,
                                                policy: policy, now: ExceptionFixture.at(seconds), ids: &ids)
        for event in decided { append(event) }
        return decided
    }

    /// The error `command` is refused with, failing the test when it is accepted.
    mutating func refusal(_ command: ExceptionCommand, by actor: String, at seconds: Int64, on id: String = "EX-1",
                          policy: ReprocessPolicy = .strict, seenVersion: Int64? = nil,
                          file: StaticString = #filePath, line: UInt = #line) -> ExceptionActionError? {
        do throws(ExceptionActionError) {
            let events = try act(command, by: actor, at: seconds, on: id, policy: policy, seenVersion: seenVersion)
            XCTFail("expected \(command) by \(actor) to be refused, got \(events.map(\.type))", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }
}
