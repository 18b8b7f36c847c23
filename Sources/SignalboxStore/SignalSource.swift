import SignalboxCore

/// The golden signals of a store: what the dashboard and `signalbox signals` read.
public protocol SignalSource: Sendable {
    /// The golden signals as of `asOf` over `window`, running only the reads of `sections`; the answer holds
    /// those sections only (``GoldenSignals/sections``).
    func signals(asOf: Timestamp, window: SignalDuration, sections: SignalSections) async throws(StoreError) -> GoldenSignals

    /// Logged events the signals do not reflect yet: a projection that commits after the log (SQLite's time
    /// entries) trails it for a moment during an ingest, or until the store is opened for writing after an
    /// ingest died between its commits. Zero where projections commit with the log.
    func eventsNotYetInSignals() async throws(StoreError) -> Int

    /// Where the log stands for the signals, and the earliest instant written since `position` (a value an
    /// earlier answer gave; `nil` the first time). The position counts only what the signals reflect, so a
    /// projection that trails the log is caught up on later. ``SignalChanges/unknown`` where the store cannot tell.
    func signalChanges(since position: Int64?) async throws(StoreError) -> SignalChanges
}

extension SignalSource {
    /// Every section of the golden signals as of `asOf` over `window`.
    public func signals(asOf: Timestamp, window: SignalDuration) async throws(StoreError) -> GoldenSignals {
        try await signals(asOf: asOf, window: window, sections: .all)
    }
}
