import SignalboxCore
import SignalboxStore

/// The drill-down lists behind each signal, with the same as-of rules as ``SQLiteSignalQueries``.
extension SQLiteSignalQueries {
    func activationDetails(_ request: DetailRequest) throws(StoreError) -> DetailPage<ActivationDetails> {
        let dialect = SQLiteExceptionQueries.dialect
        let activated = DetailListSQL.activatedContracts(asOf: asOf, window: window, request: request, dialect: dialect)
        let pending = DetailListSQL.pendingActivations(asOf: asOf, request: request, dialect: dialect)
        let details = ActivationDetails(
            activated: try rows(activated.page()) { row in
                ActivatedContract(contractID: row.text(0), customerName: row.text(1),
                                  approvedAt: Timestamp(microseconds: row.int64(2)), activatedAt: Timestamp(microseconds: row.int64(3)))
            },
            pending: try rows(pending.page()) { row in
                PendingActivation(contractID: row.text(0), customerName: row.text(1),
                                  approvedAt: Timestamp(microseconds: row.int64(2)),
                                  provisionedAt: row.optionalInt64(3).map(Timestamp.init(microseconds:)),
                                  billingScheduledAt: row.optionalInt64(4).map(Timestamp.init(microseconds:)))
            })
        return DetailPage(rows: details, matching: try request.countsMatching ? count(pending.count()) + count(activated.count()) : nil)
    }

    /// The rows of a drill-down query.
    func rows<T>(_ query: (sql: String, parameters: [DetailListSQL.Parameter]),
                 _ read: (SQLiteStatement) throws(StoreError) -> T) throws(StoreError) -> [T] {
        try connection.statement(query.sql).bind(SQLiteExceptionQueries.values(query.parameters)).rows(read)
    }

    /// How many rows a drill-down list's filter keeps.
    func count(_ query: (sql: String, parameters: [DetailListSQL.Parameter])) throws(StoreError) -> Int {
        Int(try rows(query) { $0.int64(0) }.first ?? 0)
    }

    /// The failed attempts in the window that `request` keeps, latest first unless it sorts by a column (their text
    /// lies in the stored events: the store filters them as it reads them).
    func provisioningFailures(_ request: DetailRequest) throws(StoreError) -> DetailPage<[ProvisioningFailure]> {
        let failures = try storedEvents(type: .projectProvisioningFailed, from: windowStart, through: t)
            .sorted { ($1.event.occurredAt, $1.sequence) < ($0.event.occurredAt, $0.sequence) }
            .compactMap { stored -> ProvisioningFailure? in
                guard case .projectProvisioningFailed(let failure) = stored.event.payload else { return nil }
                return ProvisioningFailure(contractID: failure.contractID, occurredAt: stored.event.occurredAt,
                                           attempt: failure.attempt, reasonCode: failure.reasonCode, message: failure.message)
            }
        return request.page(of: failures, text: \.searchableText, keys: \.sortKeys)
    }

    func unbilledEntries(_ request: DetailRequest) throws(StoreError) -> DetailPage<[UnbilledEntry]> {
        let dialect = SQLiteExceptionQueries.dialect
        let entries = try rows(DetailListSQL.unbilledPage(asOf: asOf, request: request, dialect: dialect)) { row in
            UnbilledEntry(timeEntryID: row.text(0), contractID: row.text(1), customerName: row.text(2), resource: row.text(3),
                          currency: row.text(4), hours: ExactDecimal(units: row.int64(5)),
                          amount: ExactDecimal(units: row.int64(6)), approvedAt: Timestamp(microseconds: row.int64(7)))
        }
        let reapproved = try approvedAgainAfterT().filter { request.filter.matches($0.searchableText) }
        return DetailPage(rows: DetailListSQL.firstRows(entries + reapproved, request: request, keys: { $0.sortKeys(asOf: asOf) },
                                                        inListOrder: UnbilledEntry.inListOrder),
                          matching: try request.countsMatching
                              ? count(DetailListSQL.unbilledCount(asOf: asOf, request: request, dialect: dialect)) + reapproved.count : nil)
    }

    /// Unbilled entries approved again after T, with their approval as of T from the log.
    private func approvedAgainAfterT() throws(StoreError) -> [UnbilledEntry] {
        var entries: [UnbilledEntry] = []
        for (entryID, customer, sequences) in try connection.statement("""
            SELECT e.time_entry_id, coalesce(c.customer_name, ''), e.approval_seqs FROM time_entries e
            LEFT JOIN contracts c ON c.contract_id = e.contract_id
            WHERE (e.billed_at IS NULL OR e.billed_at > ?1) AND e.approved_at > ?1
            """).bind(t).rows({ ($0.text(0), $0.text(1), $0.text(2)) }) {
            let approvals = try timeApprovals(sequences: sequences, through: t)
            guard let latest = approvals.max(by: { $1.isLater(than: $0) }),
                  case .timeApproved(let entry) = latest.event.payload else { continue }
            entries.append(UnbilledEntry(timeEntryID: entryID, contractID: entry.contractID, customerName: customer,
                                         resource: entry.resource, currency: entry.currency, hours: entry.hours,
                                         amount: entry.amount, approvedAt: latest.event.occurredAt))
        }
        return entries
    }

    func openExceptions(limit: Int) throws(StoreError) -> [OpenException] {
        try connection.statement("""
            SELECT exception_id, kind, severity, raised_at, correlation_id, summary FROM exceptions
            WHERE raised_at <= ?1 AND (closed_at IS NULL OR closed_at > ?1)
            ORDER BY raised_at, exception_id LIMIT ?2
            """)
            .bind(t, .integer(Int64(limit)))
            .rows { row in
                OpenException(exceptionID: row.text(0), kind: row.text(1), severity: row.text(2),
                              raisedAt: Timestamp(microseconds: row.int64(3)), correlationID: row.text(4), summary: row.text(5))
            }
    }
}
