import SignalboxCore

/// Drill-down queries: the items that make up each golden signal. Same as-of and window rules as
/// ``SignalSource/signals(asOf:window:)``; lists are capped at `limit` rows.
public protocol SignalDetailsSource: Sendable {
    /// The pending contracts (oldest first) and those activated in the window (slowest first) that `request` keeps
    /// (its filter over their `searchableText`), each part's first `request.limit` in its order, and how many
    /// contracts it keeps in all.
    func activationDetails(asOf: Timestamp, window: SignalDuration,
                           request: DetailRequest) async throws(StoreError) -> DetailPage<ActivationDetails>
    /// The failed provisioning attempts in the window that `request` keeps (its filter over
    /// ``ProvisioningFailure/searchableText``), the first `request.limit` in its order (latest first unless it sorts
    /// by a column), and how many it keeps in all.
    func provisioningFailures(asOf: Timestamp, window: SignalDuration,
                              request: DetailRequest) async throws(StoreError) -> DetailPage<[ProvisioningFailure]>
    func amendmentStatuses(asOf: Timestamp, window: SignalDuration) async throws(StoreError) -> [AmendmentStatus]
    /// Every amendment of `contracts` up to `asOf` (the latest statement of each version) with how it propagated:
    /// what ``amendmentStatuses(asOf:window:)`` lists for them over a window back to the epoch, read per contract.
    func amendmentStatuses(ofContracts contracts: Set<String>, asOf: Timestamp) async throws(StoreError) -> [AmendmentStatus]
    /// The unbilled entries `request` keeps (its filter over ``UnbilledEntry/searchableText``), the first
    /// `request.limit` in its order (by currency, largest amount first, unless it sorts by a column), and how many it
    /// keeps in all.
    func unbilledEntries(asOf: Timestamp, request: DetailRequest) async throws(StoreError) -> DetailPage<[UnbilledEntry]>
    /// Open exceptions, oldest first.
    func openExceptions(asOf: Timestamp, limit: Int) async throws(StoreError) -> [OpenException]
    /// The time entries first invoiced in the window that `request` keeps (its filter over
    /// ``InvoicedTimeEntry/searchableText``), the first `request.limit` in its order (longest wait first unless it
    /// sorts by a column), and how many it keeps in all.
    func invoicedTimeEntries(asOf: Timestamp, window: SignalDuration,
                             request: DetailRequest) async throws(StoreError) -> DetailPage<[InvoicedTimeEntry]>
    /// Exceptions first closed in the window, longest open first.
    func closedExceptions(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [ClosedException]
    /// The invoices still unpaid at T (oldest first), then those paid in the window (longest wait first), that
    /// `request` keeps (its filter over ``InvoiceStanding/searchableText``): each part's first `request.limit` in its
    /// order, and how many it keeps in all.
    func invoiceStandings(asOf: Timestamp, window: SignalDuration,
                          request: DetailRequest) async throws(StoreError) -> DetailPage<[InvoiceStanding]>
}

extension SignalDetailsSource {
    /// The first `limit` pending and the first `limit` activated contracts, each in its own order.
    public func activationDetails(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> ActivationDetails {
        try await activationDetails(asOf: asOf, window: window, request: DetailRequest(limit: limit, countsMatching: false)).rows
    }

    /// The first `limit` time entries first invoiced in the window, longest wait first.
    public func invoicedTimeEntries(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [InvoicedTimeEntry] {
        try await invoicedTimeEntries(asOf: asOf, window: window, request: DetailRequest(limit: limit, countsMatching: false)).rows
    }

    /// The first `limit` invoices: unpaid at T (oldest first), then paid in the window (longest wait first).
    public func invoiceStandings(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [InvoiceStanding] {
        Array(try await invoiceStandings(asOf: asOf, window: window, request: DetailRequest(limit: limit, countsMatching: false)).rows.prefix(limit))
    }

    /// The first `limit` failed provisioning attempts in the window, latest first.
    public func provisioningFailures(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [ProvisioningFailure] {
        try await provisioningFailures(asOf: asOf, window: window, request: DetailRequest(limit: limit, countsMatching: false)).rows
    }

    /// The first `limit` unbilled entries by currency, largest amount first within each.
    public func unbilledEntries(asOf: Timestamp, limit: Int) async throws(StoreError) -> [UnbilledEntry] {
        try await unbilledEntries(asOf: asOf, request: DetailRequest(limit: limit, countsMatching: false)).rows
    }
}
