/// `exception.raised`: the middleware could not complete a hand-off.
public struct ExceptionRaised: Hashable, Sendable {
    public var exceptionID: String
    public var kind: ExceptionKind
    public var severity: Severity
    public var summary: String
    public var amountAtRisk: ExactDecimal?
    public var currency: String?
    public var failedEventID: String?
    public var candidates: [MappingCandidate]?
    public var subject: SystemRecord?

    public init(exceptionID: String, kind: ExceptionKind, severity: Severity, summary: String,
                amountAtRisk: ExactDecimal? = nil, currency: String? = nil, failedEventID: String? = nil,
                candidates: [MappingCandidate]? = nil, subject: SystemRecord? = nil) {
        self.exceptionID = exceptionID
        self.kind = kind
        self.severity = severity
        self.summary = summary
        self.amountAtRisk = amountAtRisk
        self.currency = currency
        self.failedEventID = failedEventID
        self.candidates = candidates
        self.subject = subject
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        var candidates: [MappingCandidate]?
        if let readers = try r.optionalObjects("candidates") {
            candidates = []
            for reader in readers { candidates?.append(try MappingCandidate(reader)) }
        }
        self.init(
            exceptionID: try r.identifier("exception_id", maxLength: 128), kind: try r.oneOf("kind", ExceptionKind.self),
            severity: try r.oneOf("severity", Severity.self), summary: try r.string("summary", maxLength: 4096),
            amountAtRisk: try r.optionalMoney("amount_at_risk"), currency: try r.optionalCurrency("currency"),
            failedEventID: try r.optionalIdentifier("failed_event_id", maxLength: 128), candidates: candidates,
            subject: try r.optionalObject("subject").map { reader throws(EventFieldError) in try SystemRecord(reader) }
        )
        if amountAtRisk != nil, currency == nil {
            throw r.fail("currency", "missing: required when amount_at_risk is given")
        }
    }

    var json: JSONObject {
        var object: JSONObject = [
            "exception_id": .string(exceptionID), "kind": .string(kind.rawValue),
            "severity": .string(severity.rawValue), "summary": .string(summary),
        ]
        if let amountAtRisk { object["amount_at_risk"] = .decimal(amountAtRisk) }
        if let currency { object["currency"] = .string(currency) }
        if let failedEventID { object["failed_event_id"] = .string(failedEventID) }
        if let candidates { object["candidates"] = .array(candidates.map(\.json)) }
        if let subject { object["subject"] = subject.json }
        return object
    }
}

/// `exception.claimed` and `exception.released`: who took or let go of an exception.
public struct ExceptionActor: Hashable, Sendable {
    public var exceptionID: String
    public var by: String

    public init(exceptionID: String, by: String) {
        self.exceptionID = exceptionID
        self.by = by
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(exceptionID: try r.identifier("exception_id", maxLength: 128), by: try r.identifier("by", maxLength: 128))
    }

    var json: JSONObject { ["exception_id": .string(exceptionID), "by": .string(by)] }
}

/// `exception.resolved`
public struct ExceptionResolved: Hashable, Sendable {
    public var exceptionID: String
    public var by: String
    public var mapping: RecordMapping?
    public var note: String?

    public init(exceptionID: String, by: String, mapping: RecordMapping? = nil, note: String? = nil) {
        self.exceptionID = exceptionID
        self.by = by
        self.mapping = mapping
        self.note = note
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        let resolution = try r.object("resolution")
        self.init(
            exceptionID: try r.identifier("exception_id", maxLength: 128), by: try r.identifier("by", maxLength: 128),
            mapping: try resolution.optionalObject("mapping").map { reader throws(EventFieldError) in try RecordMapping(reader) },
            note: try resolution.optionalString("note")
        )
    }

    var json: JSONObject {
        var resolution = JSONObject()
        if let mapping { resolution["mapping"] = mapping.json }
        if let note { resolution["note"] = .string(note) }
        return ["exception_id": .string(exceptionID), "by": .string(by), "resolution": .object(resolution)]
    }
}

/// `exception.dismissed`: closed without action, with a reason.
public struct ExceptionDismissed: Hashable, Sendable {
    public var exceptionID: String
    public var by: String
    public var reason: String

    public init(exceptionID: String, by: String, reason: String) {
        self.exceptionID = exceptionID
        self.by = by
        self.reason = reason
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(exceptionID: try r.identifier("exception_id", maxLength: 128), by: try r.identifier("by", maxLength: 128),
                  reason: try r.string("reason", maxLength: 4096))
    }

    var json: JSONObject { ["exception_id": .string(exceptionID), "by": .string(by), "reason": .string(reason)] }
}

/// `exception.noted` (extension): a comment on an exception.
public struct ExceptionNoted: Hashable, Sendable {
    public var exceptionID: String
    public var by: String
    public var note: String

    public init(exceptionID: String, by: String, note: String) {
        self.exceptionID = exceptionID
        self.by = by
        self.note = note
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(exceptionID: try r.identifier("exception_id", maxLength: 128), by: try r.identifier("by", maxLength: 128),
                  note: try r.string("note", maxLength: 4096))
    }

    var json: JSONObject { ["exception_id": .string(exceptionID), "by": .string(by), "note": .string(note)] }
}

/// `reprocess.requested`
public struct ReprocessRequested: Hashable, Sendable {
    public var exceptionID: String
    public var requestID: String
    public var by: String
    public var failedEventID: String?

    public init(exceptionID: String, requestID: String, by: String, failedEventID: String? = nil) {
        self.exceptionID = exceptionID
        self.requestID = requestID
        self.by = by
        self.failedEventID = failedEventID
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(
            exceptionID: try r.identifier("exception_id", maxLength: 128), requestID: try r.identifier("request_id", maxLength: 128),
            by: try r.identifier("by", maxLength: 128), failedEventID: try r.optionalIdentifier("failed_event_id", maxLength: 128)
        )
    }

    var json: JSONObject {
        var object: JSONObject = ["exception_id": .string(exceptionID), "request_id": .string(requestID), "by": .string(by)]
        if let failedEventID { object["failed_event_id"] = .string(failedEventID) }
        return object
    }
}

/// `reprocess.approved`
public struct ReprocessApproved: Hashable, Sendable {
    public var requestID: String
    public var by: String

    public init(requestID: String, by: String) {
        self.requestID = requestID
        self.by = by
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(requestID: try r.identifier("request_id", maxLength: 128), by: try r.identifier("by", maxLength: 128))
    }

    var json: JSONObject { ["request_id": .string(requestID), "by": .string(by)] }
}

/// `reprocess.completed`
public struct ReprocessCompleted: Hashable, Sendable {
    public var requestID: String
    public var outcome: ReprocessOutcome
    public var message: String?

    public init(requestID: String, outcome: ReprocessOutcome, message: String? = nil) {
        self.requestID = requestID
        self.outcome = outcome
        self.message = message
    }

    init(_ r: FieldReader) throws(EventFieldError) {
        self.init(requestID: try r.identifier("request_id", maxLength: 128), outcome: try r.oneOf("outcome", ReprocessOutcome.self),
                  message: try r.optionalString("message"))
    }

    var json: JSONObject {
        var object: JSONObject = ["request_id": .string(requestID), "outcome": .string(outcome.rawValue)]
        if let message { object["message"] = .string(message) }
        return object
    }
}
