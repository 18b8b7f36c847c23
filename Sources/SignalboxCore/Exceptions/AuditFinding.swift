/// Something wrong with the audit chain, naming the console events involved.
public enum AuditFinding: Hashable, Sendable, CustomStringConvertible {
    /// A console event's place in the log.
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
    /// The event's previous hash is not the hash of the console event before it (`nil`: the chain's
    /// start): a console event was deleted, inserted or moved between the two.
    case brokenLink(Link, after: Link?)
    /// A console event without a (well-formed) seal: written around the chain, or its seal was removed.
    case unsealed(Link)
    /// The newest console event is not the one whose hash the store keeps as the chain's head (the event at
    /// `expectedSequence`): the newest links were deleted or the tail rewritten.
    case headMismatch(expectedSequence: Int64, found: Link?)

    /// The event the finding is about, when there is one.
    public var link: Link? {
        switch self {
        case .edited(let link), .brokenLink(let link, _), .unsealed(let link): link
        case .headMismatch(_, let found): found
        }
    }

    public var description: String {
        switch self {
        case .edited(let link):
            "console event \(link) was edited: its content does not match its audit hash"
        case .brokenLink(let link, let previous):
            "chain broken at console event \(link): its previous hash does not match "
                + (previous.map { "console event \($0)" } ?? "the start of the chain")
                + "; a console event was deleted, inserted or reordered"
                + (previous == nil ? " before it" : " between them")
        case .unsealed(let link):
            "console event \(link) carries no audit seal"
        case .headMismatch(let expected, let found):
            "the chain's head was console event #\(expected), but the newest console event is "
                + (found.map(\.description) ?? "missing") + "; console events at the end of the log were deleted or rewritten"
        }
    }
}
