import SignalboxCore
import SignalboxStore

/// Signals 6–9 (golden-signals.md) from the projections, exact as of any T: where a projected latest value lies
/// after T, the log gives the value as of T.
extension SQLiteSignalQueries {
    /// §6: entries first billed in the window, from the approval each was billed on.
    func timeToInvoice() throws(StoreError) -> DurationSummary {
        // The projected approval is the entry's latest; at or before the first invoice, it is the one billed.
        var latencies = try connection.statement("""
            SELECT billed_at - approved_at FROM time_entries WHERE billed_at > ?1 AND billed_at <= ?2 AND approved_at <= billed_at
            """)
            .bind(windowStart, t)
            .rows { SignalDuration(microseconds: $0.int64(0)) }
        // Approved again after the invoice: the latest approval at or before it comes from the log.
        let reapproved = try connection.statement("""
            SELECT billed_at, approval_seqs FROM time_entries WHERE billed_at > ?1 AND billed_at <= ?2 AND approved_at > billed_at
            """)
            .bind(windowStart, t)
            .rows { row in (billedAt: row.int64(0), sequences: row.text(1)) }
        for entry in reapproved {
            let approvals = try timeApprovals(sequences: entry.sequences, through: .integer(entry.billedAt))
            guard let billedOn = approvals.max(by: { $1.isLater(than: $0) }) else { continue }
            latencies.append(Timestamp(microseconds: entry.billedAt).since(billedOn.event.occurredAt))
        }
        return DurationSummary(durations: latencies)
    }

    /// §7: exceptions first closed in the window and raised by T.
    func resolution() throws(StoreError) -> ResolutionTime {
        let closed = try connection.statement("""
            SELECT x.exception_id, x.raised_at, x.closed_at, x.kind, x.kind_at,
                   (SELECT type FROM events
                    WHERE entity_key = x.exception_id AND \(SQLiteSchema.entityIndexed)
                      AND type IN ('exception.resolved', 'exception.dismissed')
                    ORDER BY occurred_at, seq LIMIT 1)
            FROM exceptions x WHERE x.closed_at > ?1 AND x.closed_at <= ?2 AND x.raised_at <= ?2
            """)
            .bind(windowStart, t)
            .rows { row in
                (id: row.text(0), raisedAt: row.int64(1), closedAt: row.int64(2), kind: row.text(3), kindAt: row.int64(4),
                 firstClose: row.text(5))
            }
        var closings: [ExceptionClosing] = []
        for exception in closed {
            var kind = exception.kind
            // Raised again after T: its kind as of T is that of its latest raise at or before T.
            if exception.kindAt > asOf.microseconds {
                let raises = try storedEvents(type: .exceptionRaised, entityKey: exception.id, through: t)
                if let latest = raises.max(by: { $1.isLater(than: $0) }), case .exceptionRaised(let raised) = latest.event.payload {
                    kind = raised.kind.rawValue
                }
            }
            closings.append(ExceptionClosing(
                kind: kind, raisedAt: Timestamp(microseconds: exception.raisedAt), closedAt: Timestamp(microseconds: exception.closedAt),
                dismissed: exception.firstClose == EventType.exceptionDismissed.rawValue
            ))
        }
        return ResolutionTime(closings: closings)
    }

    /// §8: invoices paid in the window, and what the invoices posted by T and unpaid still owe.
    func invoiceToCash() throws(StoreError) -> InvoiceToCash {
        // Posted by T, not re-posted after T: the projected settlement holds; a payment after T cannot have paid it by T.
        var latencies = try connection.statement("""
            SELECT max(paid_at - posted_at, 0) FROM invoices
            WHERE paid_at > ?1 AND paid_at <= ?2 AND posted_at <= ?2 AND latest_posting_at <= ?2
            """)
            .bind(windowStart, t)
            .rows { SignalDuration(microseconds: $0.int64(0)) }
        var outstanding: [String: OutstandingReceivables] = [:]
        let owed = try connection.statement("""
            SELECT currency, count(*), sum(total_units - paid_units) FROM invoices
            WHERE paid_at IS NULL AND posted_at <= ?1 AND latest_posting_at <= ?1
              AND (last_payment_at IS NULL OR last_payment_at <= ?1)
            GROUP BY currency
            """)
            .bind(t)
            .rows { row in (currency: row.text(0), invoices: Int(row.int64(1)), amount: row.int64(2)) }
        for group in owed {
            outstanding[group.currency] = OutstandingReceivables(invoices: group.invoices, amount: ExactDecimal(units: group.amount))
        }
        // Re-posted after T (total and currency as of T differ), or unpaid at T with payments after it (paid so far
        // differs): folded as of T from the log.
        let asOfLog = try connection.statement("""
            SELECT invoice_id FROM invoices WHERE latest_posting_at > ?1 AND posted_at <= ?1
            UNION
            SELECT invoice_id FROM invoices
            WHERE last_payment_at > ?1 AND posted_at <= ?1 AND latest_posting_at <= ?1 AND (paid_at IS NULL OR paid_at > ?1)
            """)
            .bind(t)
            .rows { $0.text(0) }
        let projection = SQLiteInvoiceProjection(connection: connection)
        for invoiceID in asOfLog {
            guard let settlement = try projection.settlement(invoiceID, through: asOf.microseconds) else { continue }
            if let paidAt = settlement.paidAt {
                if paidAt > asOf.subtracting(window) {
                    latencies.append(max(paidAt.since(settlement.postedAt), SignalDuration(microseconds: 0)))
                }
            } else {
                outstanding[settlement.currency, default: OutstandingReceivables()].add(owed: settlement.owed)
            }
        }
        return InvoiceToCash(latency: DurationSummary(durations: latencies), outstanding: outstanding)
    }

    /// §9: stored events in the window per source: whole hours from their counts, the two cut hours time by time.
    func throughput() throws(StoreError) -> Throughput {
        let start = asOf.subtracting(window).microseconds
        let firstHour = SQLiteSchema.hour(of: start)
        let lastHour = SQLiteSchema.hour(of: asOf.microseconds)
        var bySource: [String: Int] = [:]
        let whole = try connection.statement("""
            SELECT source, sum(events) FROM event_hours WHERE hour > ?1 AND hour < ?2 GROUP BY source
            """)
            .bind(.integer(firstHour), .integer(lastHour))
            .rows { row in (source: row.text(0), events: Int(row.int64(1))) }
        for group in whole { bySource[group.source, default: 0] += group.events }
        let cut = try connection.statement("SELECT source, times FROM event_hours WHERE hour IN (?1, ?2)")
            .bind(.integer(firstHour), .integer(lastHour))
            .rows { row in (source: row.text(0), times: row.text(1)) }
        for hour in cut {
            bySource[hour.source, default: 0] += SQLiteEventHours.count(in: hour.times, after: start, through: asOf.microseconds)
        }
        return Throughput(bySource: bySource)
    }
}
