import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Signals 6–9 (golden-signals.md) from the projections, exact as of any T; the same reading as the SQLite
/// store's (where a projected latest value lies after T, the log gives the value as of T).
extension PostgresSignalQueries {
    /// §6: entries first billed in the window, from the approval each was billed on.
    func timeToInvoice() async throws -> DurationSummary {
        // The projected approval is the entry's latest; at or before the first invoice, it is the one billed. A
        // negative difference is an entry approved again after its invoice, read apart (only when there is one).
        var latencies: [SignalDuration] = []
        var approvedAgain = false
        for try await difference in try await rows("""
            SELECT billed_at - approved_at FROM time_entries WHERE billed_at > \(windowStart) AND billed_at <= \(t)
            """).decode(Int64.self) {
            if difference >= 0 { latencies.append(SignalDuration(microseconds: difference)) } else { approvedAgain = true }
        }
        let reapproved = approvedAgain ? try await reapprovedAfterInvoice() : []
        return DurationSummary(durations: latencies + reapproved.map(\.latency))
    }

    /// §6's population that `request` keeps, longest wait first unless it sorts by a column, and how many it keeps.
    func invoicedTimeEntries(_ request: DetailRequest) async throws -> DetailPage<[InvoicedTimeEntry]> {
        let list = DetailListSQL.invoicedTimeEntries(asOf: asOf, window: window, request: request, dialect: PostgresExceptionQueries.dialect)
        var entries: [InvoicedTimeEntry] = []
        for try await (id, contractID, approvedAt, billedAt) in try await rows(query(list.page())).decode((String, String, Int64, Int64).self) {
            entries.append(InvoicedTimeEntry(timeEntryID: id, contractID: contractID, approvedAt: Timestamp(microseconds: approvedAt),
                                             invoicedAt: Timestamp(microseconds: billedAt)))
        }
        let reapproved = try await reapprovedAfterInvoice().filter { request.filter.matches($0.searchableText) }
        return DetailPage(rows: DetailListSQL.firstRows(entries + reapproved, request: request, keys: \.sortKeys,
                                                        inListOrder: InvoicedTimeEntry.inListOrder),
                          matching: try await request.countsMatching ? count(query(list.count())) + reapproved.count : nil)
    }

    /// Entries first billed in the window and approved again after: the latest approval at or before the invoice
    /// comes from the log.
    private func reapprovedAfterInvoice() async throws -> [InvoicedTimeEntry] {
        var entries: [InvoicedTimeEntry] = []
        for try await (id, contractID, approvedAt, billedAt) in try await rows("""
            SELECT DISTINCT ON (e.entity_key) x.time_entry_id, x.contract_id, e.occurred_at, x.billed_at
            FROM time_entries x JOIN events e
              ON e.type = 'time.approved' AND e.entity_key = x.time_entry_id AND e.occurred_at <= x.billed_at
            WHERE x.billed_at > \(windowStart) AND x.billed_at <= \(t) AND x.approved_at > x.billed_at
            ORDER BY e.entity_key, e.occurred_at DESC, e.seq DESC
            """).decode((String, String, Int64, Int64).self) {
            entries.append(InvoicedTimeEntry(timeEntryID: id, contractID: contractID, approvedAt: Timestamp(microseconds: approvedAt),
                                             invoicedAt: Timestamp(microseconds: billedAt)))
        }
        return entries
    }

    /// §7: exceptions first closed in the window and raised by T.
    func resolution() async throws -> ResolutionTime {
        ResolutionTime(closings: try await closedExceptions().map(\.closing))
    }

    /// §7's population.
    func closedExceptions() async throws -> [ClosedException] {
        var closed: [(exception: ClosedException, kindAt: Int64)] = []
        for try await (id, correlationID, raisedAt, closedAt, kind, kindAt, firstClose) in try await rows("""
            SELECT x.exception_id, x.correlation_id, x.raised_at, x.closed_at, x.kind, x.kind_at,
                   (SELECT type FROM events
                    WHERE type IN ('exception.resolved', 'exception.dismissed') AND entity_key = x.exception_id
                    ORDER BY occurred_at, seq LIMIT 1)
            FROM exceptions x WHERE x.closed_at > \(windowStart) AND x.closed_at <= \(t) AND x.raised_at <= \(t)
            """).decode((String, String, Int64, Int64, String, Int64, String).self) {
            closed.append((ClosedException(
                exceptionID: id, kind: kind, correlationID: correlationID, raisedAt: Timestamp(microseconds: raisedAt),
                closedAt: Timestamp(microseconds: closedAt), dismissed: firstClose == EventType.exceptionDismissed.rawValue), kindAt))
        }
        // Raised again after T: the kind as of T is that of the latest raise at or before T.
        var kindAsOfT: [String: String] = [:]
        for stored in try await latestAsOfT(type: "exception.raised", ids: closed.filter { $0.kindAt > t }.map(\.exception.exceptionID)) {
            if case .exceptionRaised(let raised) = stored.event.payload { kindAsOfT[raised.exceptionID] = raised.kind.rawValue }
        }
        return closed.map { item in
            var exception = item.exception
            exception.kind = kindAsOfT[exception.exceptionID] ?? exception.kind
            return exception
        }
    }

    /// §8: invoices paid in the window, and what the invoices posted by T and unpaid still owe.
    func invoiceToCash() async throws -> InvoiceToCash {
        var latencies: [SignalDuration] = []
        // Posted by T, not re-posted after T: the projected settlement holds; a payment after T cannot have paid it by T.
        for try await latency in try await rows("""
            SELECT greatest(paid_at - posted_at, 0) FROM invoices
            WHERE paid_at > \(windowStart) AND paid_at <= \(t) AND posted_at <= \(t) AND latest_posting_at <= \(t)
            """).decode(Int64.self) {
            latencies.append(SignalDuration(microseconds: latency))
        }
        // Unpaid today, less those whose latest posting or payment lies after T: the projected amounts hold as of T
        // (``PostgresOpenWork``); the others are folded from the log below.
        func sums(_ query: PostgresQuery) async throws -> [OutstandingSum] {
            var sums: [OutstandingSum] = []
            for try await (currency, invoices, units) in try await rows(query).decode((String, Int, Int64).self) {
                sums.append(OutstandingSum(currency: currency, invoices: invoices, owedUnits: units))
            }
            return sums
        }
        var outstanding = OutstandingReceivables.heldAtT(today: try await sums(PostgresOpenWork.outstandingToday),
                                                         movedAfterT: try await sums(PostgresOpenWork.outstandingMovedAfter(t)))
        for standing in try await invoicesAsOfLog() {
            if let latency = standing.latency {
                latencies.append(latency)
            } else {
                outstanding[standing.currency, default: OutstandingReceivables()].add(owed: standing.owed)
            }
        }
        return InvoiceToCash(latency: DurationSummary(durations: latencies), outstanding: outstanding)
    }

    /// §8's population that `request` keeps: unpaid at T (oldest first), then paid in the window (longest wait
    /// first), each part's first `request.limit` in the request's order, and how many it keeps in all.
    func invoiceStandings(_ request: DetailRequest) async throws -> DetailPage<[InvoiceStanding]> {
        let dialect = PostgresExceptionQueries.dialect
        let unpaidList = DetailListSQL.unpaidInvoices(asOf: asOf, request: request, dialect: dialect)
        let paidList = DetailListSQL.paidInvoices(asOf: asOf, window: window, request: request, dialect: dialect)
        var unpaid: [InvoiceStanding] = []
        for try await (id, currency, total, paid, postedAt) in try await rows(query(unpaidList.page()))
            .decode((String, String, Int64, Int64, Int64).self) {
            unpaid.append(InvoiceStanding(invoiceID: id, currency: currency, total: ExactDecimal(units: total),
                                          owed: ExactDecimal(units: total - paid), postedAt: Timestamp(microseconds: postedAt), paidAt: nil))
        }
        var paid: [InvoiceStanding] = []
        for try await (id, currency, total, postedAt, paidAt) in try await rows(query(paidList.page()))
            .decode((String, String, Int64, Int64, Int64).self) {
            paid.append(InvoiceStanding(invoiceID: id, currency: currency, total: ExactDecimal(units: total), owed: .zero,
                                        postedAt: Timestamp(microseconds: postedAt), paidAt: Timestamp(microseconds: paidAt)))
        }
        let fromLog = try await invoicesAsOfLog().filter { request.filter.matches($0.searchableText) }
        let matching = try await request.countsMatching
            ? count(query(unpaidList.count())) + count(query(paidList.count())) + fromLog.count : nil
        return DetailPage(rows: InvoiceStanding.parts(unpaid: unpaid, paid: paid, fromLog: fromLog, request: request, asOf: asOf),
                          matching: matching)
    }

    /// Invoices re-posted after T, or unpaid at T with payments after it, folded as of T from the log: those paid
    /// in the window and those unpaid.
    private func invoicesAsOfLog() async throws -> [InvoiceStanding] {
        var asOfLog: [String] = []
        for try await id in try await rows("""
            SELECT invoice_id FROM invoices WHERE latest_posting_at > \(t) AND posted_at <= \(t)
            UNION
            SELECT invoice_id FROM invoices
            WHERE last_payment_at > \(t) AND posted_at <= \(t) AND latest_posting_at <= \(t) AND (paid_at IS NULL OR paid_at > \(t))
            """).decode(String.self) {
            asOfLog.append(id)
        }
        let settlements = try await PostgresInvoiceProjection(connection: connection, logger: logger).settlements(asOfLog, through: t)
        return settlements.compactMap { id, settlement in
            if let paidAt = settlement.paidAt, paidAt.microseconds <= windowStart { return nil }
            return InvoiceStanding(invoiceID: id, settlement: settlement)
        }
    }

    /// §9: stored events in the window per source.
    func throughput() async throws -> Throughput {
        var bySource: [String: Int] = [:]
        for try await (source, count) in try await rows("""
            SELECT source, count(*) FROM events WHERE occurred_at > \(windowStart) AND occurred_at <= \(t) GROUP BY source
            """).decode((String, Int).self) {
            bySource[source] = count
        }
        return Throughput(bySource: bySource)
    }
}
