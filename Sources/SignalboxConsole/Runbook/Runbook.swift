import SignalboxCore

/// What to do about one kind of exception: numbered steps, the team that owns it, and links (as text).
///
/// Shipped for every ``ExceptionKind`` in `Runbooks/`, overridable per installation (see ``RunbookCatalog``).
public struct Runbook: Equatable, Sendable {
    /// The exception kind the runbook is for (its file name without `.yaml`).
    public var kind: ExceptionKind
    /// A one-line heading; may be empty.
    public var title: String
    /// The team that owns this kind of exception.
    public var owner: String
    /// What to do, in order; at least one.
    public var steps: [String]
    /// References as plain text (`Rate card procedure: https://…`); never opened by Signalbox.
    public var links: [String]
    /// Where the runbook was read from (a path, or `(built-in) kind.yaml`).
    public var file: String

    public init(kind: ExceptionKind, title: String, owner: String, steps: [String], links: [String], file: String) {
        self.kind = kind
        self.title = title
        self.owner = owner
        self.steps = steps
        self.links = links
        self.file = file
    }
}
