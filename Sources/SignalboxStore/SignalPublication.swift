import SignalboxCore

/// Figures computed once for every reader of a store: `signalbox publish` computes the golden signals and their
/// trends over one window as the log changes and stores them as one document, and read-only consoles show that
/// document instead of each computing the same figures again (``SignalPublicationSource``).
///
/// The store keeps the document as text and does not read it; the console encodes and decodes it
/// (`PublishedFigures`).
public struct SignalPublication: Equatable, Sendable {
    /// The window the figures are computed over; a store holds one publication per window.
    public var window: SignalDuration
    /// The figures, encoded.
    public var document: String

    public init(window: SignalDuration, document: String) {
        self.window = window
        self.document = document
    }
}

/// Where a console finds published figures.
public protocol SignalPublicationSource: Sendable {
    /// The publication for `window`, or nil when none was published (no publisher has run over that window, or the
    /// store keeps none).
    func signalPublication(window: SignalDuration) async throws(StoreError) -> SignalPublication?
}

/// A store a publisher writes figures into: only its owner may (a viewer, analyst or approver login is refused by
/// the server), and a reader's ``EventLogReader/changeToken()`` moves when a publication is written, so consoles
/// read it again.
public protocol SignalPublishing: SignalSource, SignalPublicationSource, EventLogReader {
    /// Stores `publication`, replacing the one for its window.
    func publish(_ publication: SignalPublication) async throws(StoreError)

    /// Like ``EventLogReader/changeToken()`` but blind to publications: it moves only when what the figures are
    /// computed from changed, so a publisher is not woken by its own writes.
    func logChangeToken() async throws(StoreError) -> Int64
}
