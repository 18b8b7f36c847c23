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

    /// The event the finding is about.
    public var link: Link {
        switch self {
        case .edited(let link), .brokenLink(let link, _), .unsealed(let link): link
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
        }
    }
}
