import PostgresNIO
import SignalboxCore
import SignalboxStore

/// The drill-down lists behind each signal, with the same as-of rules as ``PostgresSignalQueries``.
/// Ties in the sort order are broken by id so that a `limit` always cuts at the same rows.
extension PostgresSignalQueries {
    func activationDetails(_ request: DetailRequest) async throws -> DetailPage<ActivationDetails> {
        let dialect = PostgresExceptionQueries.dialect
        let activatedList = DetailListSQL.activatedContracts(asOf: asOf, window: window, request: request, dialect: dialect)
        let pendingList = DetailListSQL.pendingActivations(asOf: asOf, request: request, dialect: dialect)
        var activated: [ActivatedContract] = []
        for try await (id, customer, approved, activatedAt) in try await rows(query(activatedList.page()))
            .decode((String, String, Int64, Int64).self) {
            activated.append(ActivatedContract(contractID: id, customerName: customer, approvedAt: Timestamp(microseconds: approved),
                                               activatedAt: Timestamp(microseconds: activatedAt)))
        }
        var pending: [PendingActivation] = []
        for try await (id, customer, approved, provisioned, billing) in try await rows(query(pendingList.page()))
            .decode((String, String, Int64, Int64?, Int64?).self) {
            pending.append(PendingActivation(contractID: id, customerName: customer, approvedAt: Timestamp(microseconds: approved),
                                             provisionedAt: provisioned.map(Timestamp.init(microseconds:)),
                                             billingScheduledAt: billing.map(Timestamp.init(microseconds:))))
        }
        let matching = try await request.countsMatching ? count(query(pendingList.count())) + count(query(activatedList.count())) : nil
        return DetailPage(rows: ActivationDetails(activated: activated, pending: pending), matching: matching)
    }

    /// A drill-down query with its parameters bound.
    func query(_ query: (sql: String, parameters: [DetailListSQL.Parameter])) -> PostgresQuery {
        PostgresExceptionQueries.query(query.sql, query.parameters)
    }

    /// The failed attempts in the window that `request` keeps, latest first unless it sorts by a column (their text
    /// lies in the stored events: the store filters them as it reads them).
    func provisioningFailures(_ request: DetailRequest) async throws -> DetailPage<[ProvisioningFailure]> {
        let failures = try await storedEvents("""
            SELECT seq, payload FROM events
            WHERE type = 'project.provisioning_failed' AND occurred_at > \(windowStart) AND occurred_at <= \(t)
            ORDER BY occurred_at DESC, seq DESC
            """).compactMap { stored -> ProvisioningFailure? in
            guard case .projectProvisioningFailed(let failure) = stored.event.payload else { return nil }
            return ProvisioningFailure(contractID: failure.contractID, occurredAt: stored.event.occurredAt,
                                       attempt: failure.attempt, reasonCode: failure.reasonCode, message: failure.message)
        }
        return request.page(of: failures, text: \.searchableText, keys: \.sortKeys)
    }

    func unbilledEntries(_ request: DetailRequest) async throws -> DetailPage<[UnbilledEntry]> {
        let dialect = PostgresExceptionQueries.dialect
        var entries: [UnbilledEntry] = []
        let page = DetailListSQL.unbilledPage(asOf: asOf, request: request, dialect: dialect)
        for try await (id, contract, customer, resource, currency, hours, amount, approved) in try await rows(query(page))
            .decode((String, String, String, String, String, Int64, Int64, Int64).self) {
            entries.append(UnbilledEntry(timeEntryID: id, contractID: contract, customerName: customer, resource: resource,
                                         currency: currency, hours: ExactDecimal(units: hours),
                                         amount: ExactDecimal(units: amount), approvedAt: Timestamp(microseconds: approved)))
        }
        let reapproved = try await approvedAgainAfterT().filter { request.filter.matches($0.searchableText) }
        return DetailPage(rows: DetailListSQL.firstRows(entries + reapproved, request: request, keys: { $0.sortKeys(asOf: asOf) },
                                                        inListOrder: UnbilledEntry.inListOrder),
                          matching: try await request.countsMatching
                              ? count(query(DetailListSQL.unbilledCount(asOf: asOf, request: request, dialect: dialect))) + reapproved.count
                              : nil)
    }

    /// Unbilled entries approved again after T, with their approval as of T from the log.
    private func approvedAgainAfterT() async throws -> [UnbilledEntry] {
        var customers: [String: String] = [:]
        for try await (id, customer) in try await rows("""
            SELECT e.time_entry_id, coalesce(c.customer_name, '') FROM time_entries e
            LEFT JOIN contracts c ON c.contract_id = e.contract_id
            WHERE (e.billed_at IS NULL OR e.billed_at > \(t)) AND e.approved_at > \(t)
            """).decode((String, String).self) {
            customers[id] = customer
        }
        var entries: [UnbilledEntry] = []
        for stored in try await latestAsOfT(type: "time.approved", ids: Array(customers.keys)) {
            guard case .timeApproved(let entry) = stored.event.payload else { continue }
            entries.append(UnbilledEntry(timeEntryID: entry.timeEntryID, contractID: entry.contractID,
                                         customerName: customers[entry.timeEntryID] ?? "", resource: entry.resource,
                                         currency: entry.currency, hours: entry.hours, amount: entry.amount,
                                         approvedAt: stored.event.occurredAt))
        }
        return entries
    }

    func openExceptions(limit: Int) async throws -> [OpenException] {
        var exceptions: [OpenException] = []
        for try await (id, kind, severity, raised, correlation, summary) in try await rows("""
            SELECT exception_id, kind, severity, raised_at, correlation_id, summary FROM exceptions
            WHERE raised_at <= \(t) AND (closed_at IS NULL OR closed_at > \(t))
            ORDER BY raised_at, exception_id LIMIT \(limit)
            """).decode((String, String, String, Int64, String, String).self) {
            exceptions.append(OpenException(exceptionID: id, kind: kind, severity: severity,
                                            raisedAt: Timestamp(microseconds: raised), correlationID: correlation,
                                            summary: summary))
        }
        return exceptions
    }
}
