import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Signals 6–9 (golden-signals.md) from the projections, exact as of any T; the same reading as the SQLite
/// store's (where a projected latest value lies after T, the log gives the value as of T).
extension PostgresSignalQueries {
    /// §6: entries first billed in the window, from the approval each was billed on.
    func timeToInvoice() async throws -> DurationSummary {
        var latencies: [SignalDuration] = []
        for try await latency in try await rows("""
            SELECT billed_at - approved_at FROM time_entries
            WHERE billed_at > \(windowStart) AND billed_at <= \(t) AND approved_at <= billed_at
            """).decode(Int64.self) {
            latencies.append(SignalDuration(microseconds: latency))
        }
        // Approved again after the invoice: the latest approval at or before it comes from the log.
        for try await latency in try await rows("""
            SELECT DISTINCT ON (e.entity_key) x.billed_at - e.occurred_at
            FROM time_entries x JOIN events e
              ON e.type = 'time.approved' AND e.entity_key = x.time_entry_id AND e.occurred_at <= x.billed_at
            WHERE x.billed_at > \(windowStart) AND x.billed_at <= \(t) AND x.approved_at > x.billed_at
            ORDER BY e.entity_key, e.occurred_at DESC, e.seq DESC
            """).decode(Int64.self) {
            latencies.append(SignalDuration(microseconds: latency))
        }
        return DurationSummary(durations: latencies)
    }

    /// §7: exceptions first closed in the window and raised by T.
    func resolution() async throws -> ResolutionTime {
        var closed: [(id: String, raisedAt: Int64, closedAt: Int64, kind: String, kindAt: Int64, firstClose: String)] = []
        for try await row in try await rows("""
            SELECT x.exception_id, x.raised_at, x.closed_at, x.kind, x.kind_at,
                   (SELECT type FROM events
                    WHERE type IN ('exception.resolved', 'exception.dismissed') AND entity_key = x.exception_id
                    ORDER BY occurred_at, seq LIMIT 1)
            FROM exceptions x WHERE x.closed_at > \(windowStart) AND x.closed_at <= \(t) AND x.raised_at <= \(t)
            """).decode((String, Int64, Int64, String, Int64, String).self) {
            closed.append(row)
        }
        // Raised again after T: the kind as of T is that of the latest raise at or before T.
        var kindAsOfT: [String: String] = [:]
        for stored in try await latestAsOfT(type: "exception.raised", ids: closed.filter { $0.kindAt > t }.map(\.id)) {
            if case .exceptionRaised(let raised) = stored.event.payload { kindAsOfT[raised.exceptionID] = raised.kind.rawValue }
        }
        return ResolutionTime(closings: closed.map { exception in
            ExceptionClosing(
                kind: kindAsOfT[exception.id] ?? exception.kind, raisedAt: Timestamp(microseconds: exception.raisedAt),
                closedAt: Timestamp(microseconds: exception.closedAt),
                dismissed: exception.firstClose == EventType.exceptionDismissed.rawValue
            )
        })
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
        var outstanding: [String: OutstandingReceivables] = [:]
        for try await (currency, invoices, amount) in try await rows("""
            SELECT currency, count(*), sum(total_units - paid_units)::bigint FROM invoices
            WHERE paid_at IS NULL AND posted_at <= \(t) AND latest_posting_at <= \(t)
              AND (last_payment_at IS NULL OR last_payment_at <= \(t))
            GROUP BY currency
            """).decode((String, Int, Int64).self) {
            outstanding[currency] = OutstandingReceivables(invoices: invoices, amount: ExactDecimal(units: amount))
        }
        // Re-posted after T, or unpaid at T with payments after it: folded as of T from the log.
        var asOfLog: [String] = []
        for try await id in try await rows("""
            SELECT invoice_id FROM invoices WHERE latest_posting_at > \(t) AND posted_at <= \(t)
            UNION
            SELECT invoice_id FROM invoices
            WHERE last_payment_at > \(t) AND posted_at <= \(t) AND latest_posting_at <= \(t) AND (paid_at IS NULL OR paid_at > \(t))
            """).decode(String.self) {
            asOfLog.append(id)
        }
        let projection = PostgresInvoiceProjection(connection: connection, logger: logger)
        for settlement in try await projection.settlements(asOfLog, through: t).values {
            if let paidAt = settlement.paidAt {
                if paidAt.microseconds > windowStart {
                    latencies.append(max(paidAt.since(settlement.postedAt), SignalDuration(microseconds: 0)))
                }
            } else {
                outstanding[settlement.currency, default: OutstandingReceivables()].add(owed: settlement.owed)
            }
        }
        return InvoiceToCash(latency: DurationSummary(durations: latencies), outstanding: outstanding)
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
