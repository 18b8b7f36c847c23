import SignalboxCore

/// One line of an ingest input, decoded or rejected.
public enum IngestLine: Sendable {
    /// A valid event; `json` is its serialization, stored as the payload; `origin` is where it was read, named
    /// if the store refuses it (an event that breaks the exception rules is kept as a rejected line there).
    case event(CanonicalEvent, json: String, origin: LineOrigin? = nil)
    case rejected(RejectedLine)
}
