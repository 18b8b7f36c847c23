/// Something wrong with the audit chain, naming the events involved.
public enum AuditFinding: Hashable, Sendable, CustomStringConvertible {
    /// An audited event's place in the log.
    public struct Link: Hashable, Sendable, CustomStringConvertible {
        public var sequence: Int64
        public var eventID: String

        public init(sequence: Int64, eventID: String) {
            self.sequence = sequence
            self.eventID = eventID
        }

        /// `#12 (evt-9)`
        public var description: String { "#\(sequence) (\(eventID.debugDescription))" }
    }

    /// The event's content no longer matches its own hash: the row was edited.
    case edited(Link)
    /// The event's previous hash is not the hash of the audited event before it (`nil`: the chain's
    /// start): an audited event was deleted, inserted or moved between the two.
    case brokenLink(Link, after: Link?)
    /// An audited event without a (well-formed) seal: written around the chain, or its seal was removed.
    case unsealed(Link)
    /// The newest audited event is not the one whose hash the store keeps as the chain's head (the event at
    /// `expectedSequence`): the newest links were deleted or the tail rewritten.
    case headMismatch(expectedSequence: Int64, found: Link?)
    /// A column the store finds or folds the event by (`column`) no longer matches the event's content.
    case columnEdited(Link, column: String)
    /// The log has fewer links than a checkpoint counted: links were deleted.
    case checkpointTruncated(AuditCheckpoint, linkCount: Int)
    /// The log's link at a checkpoint's count hashes differently: something at `firstSuspect` or after it, up to
    /// `link`, was edited, deleted, inserted or reordered, even if the stored hashes were all recomputed.
    case checkpointRewritten(AuditCheckpoint, link: Link, firstSuspect: Link)

    /// The event the finding is about, when there is one.
    public var link: Link? {
        switch self {
        case .edited(let link), .brokenLink(let link, _), .unsealed(let link), .columnEdited(let link, _): link
        case .headMismatch(_, let found): found
        case .checkpointTruncated: nil
        case .checkpointRewritten(_, _, let firstSuspect): firstSuspect
        }
    }

    public var description: String {
        switch self {
        case .edited(let link):
            "audited event \(link) was edited: its content does not match its audit hash"
        case .brokenLink(let link, let previous):
            "chain broken at audited event \(link): its previous hash does not match "
                + (previous.map { "audited event \($0)" } ?? "the start of the chain")
                + "; an audited event was deleted, inserted or reordered"
                + (previous == nil ? " before it" : " between them")
        case .unsealed(let link):
            "audited event \(link) carries no audit seal"
        case .columnEdited(let link, let column):
            "audited event \(link) was edited: its \(column) column no longer matches its content"
        case .checkpointTruncated(let checkpoint, let count):
            "the log no longer extends the checkpoint of \(checkpoint.at.rfc3339) (\(checkpoint.count) links): "
                + "it has \(count); audited events were deleted"
        case .checkpointRewritten(let checkpoint, let link, let firstSuspect):
            "the log no longer extends the checkpoint of \(checkpoint.at.rfc3339) (\(checkpoint.count) links): "
                + "link \(link) hashes differently; the first event that can have been changed is \(firstSuspect) "
                + "(edited, deleted, inserted or reordered there or after it, and the chain recomputed)"
        case .headMismatch(let expected, let found):
            "the chain's head was audited event #\(expected), but the newest audited event is "
                + (found.map(\.description) ?? "missing") + "; audited events at the end of the log were deleted or rewritten"
        }
    }
}
