/// A chained event as the store holds it: the columns that decide state (the store finds and folds events by
/// them) beside the decoded payload, so the chain covers what the store reads, not only the JSON.
public struct AuditRow: Hashable, Sendable {
    /// The columns the store keeps beside the payload.
    public struct Columns: Hashable, Sendable {
        public var eventID: String
        public var type: String
        public var source: String
        public var entityKey: String
        public var correlationID: String
        /// `occurred_at` in microseconds since the epoch, as stored.
        public var occurredAt: Int64

        public init(eventID: String, type: String, source: String, entityKey: String, correlationID: String,
                    occurredAt: Int64) {
            self.eventID = eventID
            self.type = type
            self.source = source
            self.entityKey = entityKey
            self.correlationID = correlationID
            self.occurredAt = occurredAt
        }

        /// The columns a store writes for `event`.
        public init(of event: CanonicalEvent) {
            self.init(eventID: event.eventID, type: event.type.rawValue, source: event.source.rawValue,
                      entityKey: event.entityKey, correlationID: event.correlationID,
                      occurredAt: event.occurredAt.microseconds)
        }

        /// The name of the first column that differs from `other`, or nil.
        func firstDifference(from other: Columns) -> String? {
            if eventID != other.eventID { return "event_id" }
            if type != other.type { return "type" }
            if source != other.source { return "source" }
            if entityKey != other.entityKey { return "entity_key" }
            if correlationID != other.correlationID { return "correlation_id" }
            if occurredAt != other.occurredAt { return "occurred_at" }
            return nil
        }

        /// The columns as hashed by a version-2 link, one per line.
        var hashedText: String {
            [eventID, type, source, entityKey, correlationID, String(occurredAt)].joined(separator: "\n")
        }
    }

    /// The row's `seq`.
    public var sequence: Int64
    public var columns: Columns
    public var event: CanonicalEvent

    public init(sequence: Int64, columns: Columns, event: CanonicalEvent) {
        self.sequence = sequence
        self.columns = columns
        self.event = event
    }

    /// A row whose columns are the ones its event implies (as written by a store).
    public init(_ logged: LoggedEvent) {
        self.init(sequence: logged.sequence, columns: Columns(of: logged.event), event: logged.event)
    }

    var link: AuditFinding.Link { AuditFinding.Link(sequence: sequence, eventID: columns.eventID) }
}

/// The chain's head as the store keeps it beside the log.
public struct AuditHead: Hashable, Sendable {
    public var hash: String
    public var sequence: Int64

    public init(hash: String, sequence: Int64) {
        self.hash = hash
        self.sequence = sequence
    }
}
