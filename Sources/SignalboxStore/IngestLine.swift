import SignalboxCore

/// One line of an ingest input, decoded or rejected.
public enum IngestLine: Sendable {
    /// A valid event; `json` is its compact serialization, stored as the payload.
    case event(CanonicalEvent, json: String)
    case rejected(RejectedLine)
}
