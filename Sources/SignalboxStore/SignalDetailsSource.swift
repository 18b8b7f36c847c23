import SignalboxCore

/// Drill-down queries: the items that make up each golden signal. Same as-of and window rules as
/// ``SignalSource/signals(asOf:window:)``; lists are capped at `limit` rows.
public protocol SignalDetailsSource: Sendable {
    func activationDetails(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> ActivationDetails
    func provisioningFailures(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [ProvisioningFailure]
    func amendmentStatuses(asOf: Timestamp, window: SignalDuration) async throws(StoreError) -> [AmendmentStatus]
    /// Unbilled entries by currency, largest amount first within each.
    func unbilledEntries(asOf: Timestamp, limit: Int) async throws(StoreError) -> [UnbilledEntry]
    /// Open exceptions, oldest first.
    func openExceptions(asOf: Timestamp, limit: Int) async throws(StoreError) -> [OpenException]
    /// Time entries first invoiced in the window, longest wait first.
    func invoicedTimeEntries(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [InvoicedTimeEntry]
    /// Exceptions first closed in the window, longest open first.
    func closedExceptions(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [ClosedException]
    /// Invoices still unpaid at T (oldest first), then those paid in the window (longest wait first).
    func invoiceStandings(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [InvoiceStanding]
}
