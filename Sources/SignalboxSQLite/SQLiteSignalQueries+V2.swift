import SignalboxCore
import SignalboxStore

/// Signals 6–9 (golden-signals.md) from the projections, exact as of any T: where a projected latest value lies
/// after T, the log gives the value as of T.
extension SQLiteSignalQueries {
    /// §6: entries first billed in the window, from the approval each was billed on.
    func timeToInvoice() throws(StoreError) -> DurationSummary {
        // The projected approval is the entry's latest; at or before the first invoice, it is the one billed. One
        // pass over the index: a negative difference is an entry approved again after its invoice, read apart.
        let differences = try connection.statement("""
            SELECT billed_at - approved_at FROM time_entries WHERE billed_at > ?1 AND billed_at <= ?2 AND approved_at IS NOT NULL
            """)
            .bind(windowStart, t)
            .rows { $0.int64(0) }
        let latencies = differences.filter { $0 >= 0 }.map(SignalDuration.init(microseconds:))
        let reapproved = latencies.count < differences.count ? try reapprovedAfterInvoice() : []
        return DurationSummary(durations: latencies + reapproved.map(\.latency))
    }

    /// §6's population that `request` keeps, longest wait first unless it sorts by a column, and how many it keeps.
    func invoicedTimeEntries(_ request: DetailRequest) throws(StoreError) -> DetailPage<[InvoicedTimeEntry]> {
        let list = DetailListSQL.invoicedTimeEntries(asOf: asOf, window: window, request: request, dialect: SQLiteExceptionQueries.dialect)
        let entries = try rows(list.page()) { row in
            InvoicedTimeEntry(timeEntryID: row.text(0), contractID: row.text(1), approvedAt: Timestamp(microseconds: row.int64(2)),
                              invoicedAt: Timestamp(microseconds: row.int64(3)))
        }
        let reapproved = try reapprovedAfterInvoice().filter { request.filter.matches($0.searchableText) }
        return DetailPage(rows: DetailListSQL.firstRows(entries + reapproved, request: request, keys: \.sortKeys,
                                                        inListOrder: InvoicedTimeEntry.inListOrder),
                          matching: try request.countsMatching ? count(list.count()) + reapproved.count : nil)
    }

    /// Entries first billed in the window and approved again after: the latest approval at or before the invoice, as
    /// the time-entry projection sees it (``latestAppliedApproval(of:through:)``), in one statement.
    private func reapprovedAfterInvoice() throws(StoreError) -> [InvoicedTimeEntry] {
        // The entries are found in the index alone (it holds both times and the key): filtering on the table would
        // seek every entry billed in the window (77,065 at 1M) to return the few approved again (none there).
        try connection.statement(Self.reapprovedAfterInvoice)
            .bind(windowStart, t)
            .rows { row in
                InvoicedTimeEntry(timeEntryID: row.text(0), contractID: row.text(1), approvedAt: Timestamp(microseconds: row.int64(3)),
                                  invoicedAt: Timestamp(microseconds: row.int64(2)))
            }
    }

    /// §6's entries re-approved after their invoice (`?1` window start, `?2` T), each with its billed-on approval's time.
    static let reapprovedAfterInvoice = """
        SELECT e.time_entry_id, e.contract_id, e.billed_at, a.occurred_at
        FROM time_entries e CROSS JOIN time_approvals a ON a.seq = \(latestAppliedApproval(of: "e.time_entry_id", through: "e.billed_at"))
        WHERE e.time_entry_id IN (SELECT time_entry_id FROM time_entries INDEXED BY time_entries_unbilled
                                  WHERE billed_at > ?1 AND billed_at <= ?2 AND approved_at > billed_at)
        """

    /// §7: exceptions first closed in the window and raised by T.
    func resolution() throws(StoreError) -> ResolutionTime {
        ResolutionTime(closings: try closedExceptions().map(\.closing))
    }

    /// §7's population.
    func closedExceptions() throws(StoreError) -> [ClosedException] {
        let closed = try connection.statement("""
            SELECT x.exception_id, x.correlation_id, x.raised_at, x.closed_at, x.kind, x.kind_at, x.closed_by
            FROM exceptions x WHERE x.closed_at > ?1 AND x.closed_at <= ?2 AND x.raised_at <= ?2
            """)
            .bind(windowStart, t)
            .rows { row in
                (exception: ClosedException(
                    exceptionID: row.text(0), kind: row.text(4), correlationID: row.text(1), raisedAt: Timestamp(microseconds: row.int64(2)),
                    closedAt: Timestamp(microseconds: row.int64(3)), dismissed: row.text(6) == EventType.exceptionDismissed.rawValue),
                 kindAt: row.int64(5))
            }
        var result: [ClosedException] = []
        for var item in closed {
            // Raised again after T: its kind as of T is that of its latest raise at or before T.
            if item.kindAt > asOf.microseconds {
                let raises = try storedEvents(type: .exceptionRaised, entityKey: item.exception.exceptionID, through: t)
                if let latest = raises.max(by: { $1.isLater(than: $0) }), case .exceptionRaised(let raised) = latest.event.payload {
                    item.exception.kind = raised.kind.rawValue
                }
            }
            result.append(item.exception)
        }
        return result
    }

    /// §8: invoices paid in the window, and what the invoices posted by T and unpaid still owe.
    func invoiceToCash() throws(StoreError) -> InvoiceToCash {
        // Posted by T, not re-posted after T: the projected settlement holds; a payment after T cannot have paid it by T.
        var latencies = try connection.statement(Self.paidInWindowWaits)
            .bind(windowStart, t)
            .rows { SignalDuration(microseconds: $0.int64(0)) }
        var outstanding = try outstandingWhereProjectionHolds()
        for standing in try invoicesAsOfLog() {
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
    func invoiceStandings(_ request: DetailRequest) throws(StoreError) -> DetailPage<[InvoiceStanding]> {
        let dialect = SQLiteExceptionQueries.dialect
        let unpaidList = DetailListSQL.unpaidInvoices(asOf: asOf, request: request, dialect: dialect)
        let paidList = DetailListSQL.paidInvoices(asOf: asOf, window: window, request: request, dialect: dialect)
        let unpaid = try rows(unpaidList.page()) { row in
            InvoiceStanding(invoiceID: row.text(0), currency: row.text(1), total: ExactDecimal(units: row.int64(2)),
                            owed: ExactDecimal(units: row.int64(2) - row.int64(3)), postedAt: Timestamp(microseconds: row.int64(4)), paidAt: nil)
        }
        let paid = try rows(paidList.page()) { row in
            InvoiceStanding(invoiceID: row.text(0), currency: row.text(1), total: ExactDecimal(units: row.int64(2)), owed: .zero,
                            postedAt: Timestamp(microseconds: row.int64(3)), paidAt: Timestamp(microseconds: row.int64(4)))
        }
        let fromLog = try invoicesAsOfLog().filter { request.filter.matches($0.searchableText) }
        return DetailPage(rows: InvoiceStanding.parts(unpaid: unpaid, paid: paid, fromLog: fromLog, request: request, asOf: asOf),
                          matching: try request.countsMatching ? count(unpaidList.count()) + count(paidList.count()) + fromLog.count : nil)
    }

    /// The wait of each invoice paid in the window whose projected settlement holds at T (`?1` window start, `?2` T),
    /// from the payment index alone.
    static let paidInWindowWaits = """
        SELECT max(paid_at - posted_at, 0) FROM invoices
        WHERE paid_at > ?1 AND paid_at <= ?2 AND posted_at <= ?2 AND latest_posting_at <= ?2
        """

    /// What the invoices unpaid at T whose projected settlement holds at T owe, per currency: the sums kept for the
    /// invoices unpaid today, less those whose latest posting or payment lies after T (``invoicesAsOfLog()`` folds
    /// those). Most invoices are unpaid (188,787 of 419,578 at 10M events): this reads a row per currency and what
    /// moved after T, where a sum over the unpaid invoices' index grew with them.
    private func outstandingWhereProjectionHolds() throws(StoreError) -> [String: OutstandingReceivables] {
        func sums(_ sql: StaticString, _ values: SQLiteValue...) throws(StoreError) -> [OutstandingSum] {
            try connection.statement(constant: sql).bind(values)
                .rows { row in OutstandingSum(currency: row.text(0), invoices: Int(row.int64(1)), owedUnits: row.int64(2)) }
        }
        return OutstandingReceivables.heldAtT(today: try sums(SQLiteOpenWork.outstandingToday),
                                              movedAfterT: try sums(SQLiteOpenWork.outstandingMovedAfterT, t))
    }

    /// Invoices re-posted after T (total and currency as of T differ), or unpaid at T with payments after it (paid so
    /// far differs), folded as of T from the log: those paid in the window and those unpaid. Each half is found by
    /// the index of what happened after T (`+column` keeps the planner off `posted_at`, whose range at T "now" is
    /// every invoice: 50 ms at 1M events against under 1 ms).
    private func invoicesAsOfLog() throws(StoreError) -> [InvoiceStanding] {
        let invoiceIDs = try connection.statement("""
            SELECT invoice_id FROM invoices WHERE latest_posting_at > ?1 AND +posted_at <= ?1
            UNION
            SELECT invoice_id FROM invoices
            WHERE last_payment_at > ?1 AND +posted_at <= ?1 AND +latest_posting_at <= ?1 AND (paid_at IS NULL OR paid_at > ?1)
            """)
            .bind(t)
            .rows { $0.text(0) }
        let projection = SQLiteInvoiceProjection(connection: connection)
        var standings: [InvoiceStanding] = []
        for invoiceID in invoiceIDs {
            guard let settlement = try projection.settlement(invoiceID, through: asOf.microseconds) else { continue }
            if let paidAt = settlement.paidAt, paidAt <= asOf.subtracting(window) { continue }
            standings.append(InvoiceStanding(invoiceID: invoiceID, settlement: settlement))
        }
        return standings
    }

    /// §9: stored events in the window `(start, T]` per source: whole hours from their counts, the whole seconds of
    /// the two hours the edges cut from theirs, and the two seconds they cut time by time (``SQLiteEventCounts``).
    func throughput() throws(StoreError) -> Throughput {
        let (start, end) = (asOf.subtracting(window).microseconds, asOf.microseconds)
        let (firstHour, lastHour) = (SQLiteSchema.hour(of: start), SQLiteSchema.hour(of: end))
        let (firstSecond, lastSecond) = (SQLiteSchema.second(of: start), SQLiteSchema.second(of: end))
        let secondsPerHour = SQLiteSchema.hourMicroseconds / SQLiteSchema.secondMicroseconds
        var bySource: [String: Int] = [:]
        func add(_ sql: StaticString, _ lower: Int64, _ upper: Int64) throws(StoreError) {
            let counts = try connection.statement(constant: sql).bind(.integer(lower), .integer(upper))
                .rows { row in (source: row.text(0), events: Int(row.int64(1))) }
            for count in counts { bySource[count.source, default: 0] += count.events }
        }
        // Hours, then seconds, each in [lower, upper).
        try add("SELECT source, sum(events) FROM event_hours WHERE hour >= ?1 AND hour < ?2 GROUP BY source", firstHour + 1, lastHour)
        let seconds: StaticString = "SELECT source, sum(events) FROM event_seconds WHERE second >= ?1 AND second < ?2 GROUP BY source"
        try add(seconds, firstSecond + 1, min(lastSecond, (firstHour + 1) * secondsPerHour))
        if lastHour > firstHour { try add(seconds, lastHour * secondsPerHour, lastSecond) }
        let cut = try connection.statement(constant: "SELECT source, times FROM event_seconds WHERE second IN (?1, ?2)")
            .bind(.integer(firstSecond), .integer(lastSecond))
            .rows { row in (source: row.text(0), times: row.text(1)) }
        for second in cut {
            bySource[second.source, default: 0] += SQLiteEventCounts.count(in: second.times, after: start, through: end)
        }
        return Throughput(bySource: bySource)
    }
}
