import PostgresNIO
import SignalboxCore
import SignalboxStore

/// Applies the projection updates of newly stored events (``ProjectionUpdate``, shared with SQLite) set-wise:
/// one statement per kind of update per batch instead of one per event.
///
/// Every projection column is an earliest or latest value with ties broken by arrival, so the result is the one
/// applying the updates one by one in arrival order gives (the SQLite store's way): within a batch, `DISTINCT ON`
/// with the line's position picks the row that arrival order would keep; against stored rows, the same
/// comparisons as SQLite's (`<` keeps the earlier arrival, `>=` lets the later one win) decide.
struct PostgresProjectionWriter {
    let connection: PostgresConnection
    let logger: Logger

    /// The updates of one batch, column by column, in arrival order.
    private struct Columns {
        var approvedContract: [String] = [], approvedAt: [Int64] = [], customerName: [String] = []
        var billing = EarliestTimes()
        var provisioned = EarliestTimes()
        var attemptContract: [String] = [], attemptAt: [Int64] = [], attemptSucceeded: [Bool] = []
        var timeEntry: [String] = [], timeAt: [Int64] = [], hours: [Int64] = [], amount: [Int64] = [], currency: [String] = []
        var timeContract: [String] = [], resource: [String] = []
        var invoiced = EarliestTimes()
        var exception: [String] = [], raisedAt: [Int64] = [], kind: [String] = [], severity: [String] = []
        var correlation: [String] = [], summary: [String] = []
        var closed = EarliestTimes()
    }

    /// Ids with the time of an event about them; the earliest per id is what counts.
    private struct EarliestTimes {
        var ids: [String] = []
        var times: [Int64] = []
        mutating func append(_ id: String, _ at: Timestamp) {
            ids.append(id)
            times.append(at.microseconds)
        }
    }

    func apply(_ events: [CanonicalEvent]) async throws {
        var columns = Columns()
        for event in events {
            for update in ProjectionUpdate.updates(for: event) { collect(update, into: &columns) }
        }
        try await approvedContracts(columns)
        try await earliestContractTime("billing_at", columns.billing)
        try await earliestContractTime("provisioned_at", columns.provisioned)
        try await firstProvisioningAttempts(columns)
        try await invoicedTimeEntries(columns.invoiced)
        try await approvedTimeEntries(columns)
        try await raisedExceptions(columns)
        try await closedExceptions(columns.closed)
        try await PostgresInvoiceProjection(connection: connection, logger: logger).refresh(Set(events.compactMap(\.invoiceID)))
    }

    private func collect(_ update: ProjectionUpdate, into columns: inout Columns) {
        switch update {
        case .contractApproved(let contract, let at):
            columns.approvedContract.append(contract.contractID)
            columns.approvedAt.append(at.microseconds)
            columns.customerName.append(contract.customer.name)
        case .billingScheduleCreated(let contractID, let at):
            columns.billing.append(contractID, at)
        case .provisioningAttempt(let contractID, let at, let succeeded):
            if succeeded { columns.provisioned.append(contractID, at) }
            columns.attemptContract.append(contractID)
            columns.attemptAt.append(at.microseconds)
            columns.attemptSucceeded.append(succeeded)
        case .timeApproved(let entry, let at):
            columns.timeEntry.append(entry.timeEntryID)
            columns.timeAt.append(at.microseconds)
            columns.hours.append(entry.hours.units)
            columns.amount.append(entry.amount.units)
            columns.currency.append(entry.currency)
            columns.timeContract.append(entry.contractID)
            columns.resource.append(entry.resource)
        case .timeInvoiced(let entryIDs, let at):
            for entryID in entryIDs { columns.invoiced.append(entryID, at) }
        case .exceptionRaised(let raised, let correlationID, let at):
            columns.correlation.append(correlationID)
            columns.summary.append(raised.summary)
            columns.exception.append(raised.exceptionID)
            columns.raisedAt.append(at.microseconds)
            columns.kind.append(raised.kind.rawValue)
            columns.severity.append(raised.severity.rawValue)
        case .exceptionClosed(let exceptionID, let at, _):
            columns.closed.append(exceptionID, at)
        }
    }

    /// Earliest approval; the customer's name from it (on a tie in time, from the later arrival).
    private func approvedContracts(_ c: Columns) async throws {
        guard !c.approvedContract.isEmpty else { return }
        try await connection.query("""
            INSERT INTO contracts (contract_id, approved_at, customer_name)
            SELECT DISTINCT ON (id) id, at, name
            FROM unnest(\(c.approvedContract)::text[], \(c.approvedAt)::bigint[], \(c.customerName)::text[])
                 WITH ORDINALITY AS u(id, at, name, position)
            ORDER BY id, at, position DESC
            ON CONFLICT (contract_id) DO UPDATE
                SET approved_at = EXCLUDED.approved_at, customer_name = EXCLUDED.customer_name
            WHERE contracts.approved_at IS NULL OR EXCLUDED.approved_at <= contracts.approved_at
            """, logger: logger)
    }

    private func earliestContractTime(_ column: String, _ times: EarliestTimes) async throws {
        guard !times.ids.isEmpty else { return }
        var query = PostgresQuery(unsafeSQL: """
            INSERT INTO contracts (contract_id, \(column))
            SELECT id, min(at) FROM unnest($1::text[], $2::bigint[]) AS u(id, at) GROUP BY id
            ON CONFLICT (contract_id) DO UPDATE SET \(column) = EXCLUDED.\(column)
            WHERE contracts.\(column) IS NULL OR EXCLUDED.\(column) < contracts.\(column)
            """)
        query.binds.append(times.ids, context: .default)
        query.binds.append(times.times, context: .default)
        try await connection.query(query, logger: logger)
    }

    /// The first attempt: strictly earlier replaces; a tie keeps the earlier arrival.
    private func firstProvisioningAttempts(_ c: Columns) async throws {
        guard !c.attemptContract.isEmpty else { return }
        try await connection.query("""
            INSERT INTO contracts (contract_id, first_provisioning_at, first_provisioning_ok)
            SELECT DISTINCT ON (id) id, at, ok
            FROM unnest(\(c.attemptContract)::text[], \(c.attemptAt)::bigint[], \(c.attemptSucceeded)::boolean[])
                 WITH ORDINALITY AS u(id, at, ok, position)
            ORDER BY id, at, position
            ON CONFLICT (contract_id) DO UPDATE
                SET first_provisioning_at = EXCLUDED.first_provisioning_at,
                    first_provisioning_ok = EXCLUDED.first_provisioning_ok
            WHERE contracts.first_provisioning_at IS NULL OR EXCLUDED.first_provisioning_at < contracts.first_provisioning_at
            """, logger: logger)
    }

    /// The first invoice naming a time entry bills it, whether or not the entry is approved yet.
    private func invoicedTimeEntries(_ invoiced: EarliestTimes) async throws {
        guard !invoiced.ids.isEmpty else { return }
        try await connection.query("""
            INSERT INTO invoiced_time_entries (time_entry_id, first_billed_at)
            SELECT id, min(at) FROM unnest(\(invoiced.ids)::text[], \(invoiced.times)::bigint[]) AS u(id, at) GROUP BY id
            ON CONFLICT (time_entry_id) DO UPDATE SET first_billed_at = EXCLUDED.first_billed_at
            WHERE EXCLUDED.first_billed_at < invoiced_time_entries.first_billed_at
            """, logger: logger)
        try await connection.query("""
            UPDATE time_entries SET billed_at = u.at
            FROM (SELECT id, min(at) AS at FROM unnest(\(invoiced.ids)::text[], \(invoiced.times)::bigint[]) AS v(id, at)
                  GROUP BY id) AS u
            WHERE time_entries.time_entry_id = u.id AND (time_entries.billed_at IS NULL OR u.at < time_entries.billed_at)
            """, logger: logger)
    }

    /// Latest approval wins; a tie goes to the later arrival.
    private func approvedTimeEntries(_ c: Columns) async throws {
        guard !c.timeEntry.isEmpty else { return }
        try await connection.query("""
            INSERT INTO time_entries (time_entry_id, approved_at, hours_units, amount_units, currency, contract_id,
                                      resource, billed_at)
            SELECT latest.*, (SELECT first_billed_at FROM invoiced_time_entries i WHERE i.time_entry_id = latest.id)
            FROM (SELECT DISTINCT ON (id) id, at, hours, amount, currency, contract, resource
                  FROM unnest(\(c.timeEntry)::text[], \(c.timeAt)::bigint[], \(c.hours)::bigint[], \(c.amount)::bigint[],
                              \(c.currency)::text[], \(c.timeContract)::text[], \(c.resource)::text[])
                       WITH ORDINALITY AS u(id, at, hours, amount, currency, contract, resource, position)
                  ORDER BY id, at DESC, position DESC) AS latest
            ON CONFLICT (time_entry_id) DO UPDATE SET
                approved_at = EXCLUDED.approved_at, hours_units = EXCLUDED.hours_units,
                amount_units = EXCLUDED.amount_units, currency = EXCLUDED.currency,
                contract_id = EXCLUDED.contract_id, resource = EXCLUDED.resource
            WHERE EXCLUDED.approved_at >= time_entries.approved_at
            """, logger: logger)
    }

    /// Earliest raise; the latest raise's kind, severity, correlation and summary (a tie goes to the later arrival). A close stored
    /// before its raise is picked up from the log.
    private func raisedExceptions(_ c: Columns) async throws {
        guard !c.exception.isEmpty else { return }
        try await connection.query("""
            INSERT INTO exceptions (exception_id, raised_at, kind, severity, correlation_id, summary, kind_at, closed_at)
            SELECT latest.id, latest.raised_at, latest.kind, latest.severity, latest.correlation, latest.summary, latest.at,
                   (SELECT min(occurred_at) FROM events
                    WHERE type IN ('exception.resolved', 'exception.dismissed') AND entity_key = latest.id)
            FROM (SELECT DISTINCT ON (id) id, min(at) OVER (PARTITION BY id) AS raised_at, kind, severity, correlation,
                         summary, at
                  FROM unnest(\(c.exception)::text[], \(c.raisedAt)::bigint[], \(c.kind)::text[], \(c.severity)::text[],
                              \(c.correlation)::text[], \(c.summary)::text[])
                       WITH ORDINALITY AS u(id, at, kind, severity, correlation, summary, position)
                  ORDER BY id, at DESC, position DESC) AS latest
            ON CONFLICT (exception_id) DO UPDATE SET
                raised_at = least(exceptions.raised_at, EXCLUDED.raised_at),
                kind      = CASE WHEN EXCLUDED.kind_at >= exceptions.kind_at THEN EXCLUDED.kind ELSE exceptions.kind END,
                severity  = CASE WHEN EXCLUDED.kind_at >= exceptions.kind_at THEN EXCLUDED.severity ELSE exceptions.severity END,
                correlation_id = CASE WHEN EXCLUDED.kind_at >= exceptions.kind_at
                                      THEN EXCLUDED.correlation_id ELSE exceptions.correlation_id END,
                summary   = CASE WHEN EXCLUDED.kind_at >= exceptions.kind_at THEN EXCLUDED.summary ELSE exceptions.summary END,
                kind_at   = greatest(exceptions.kind_at, EXCLUDED.kind_at)
            """, logger: logger)
    }

    /// The earliest resolve or dismiss closes an exception.
    private func closedExceptions(_ closed: EarliestTimes) async throws {
        guard !closed.ids.isEmpty else { return }
        try await connection.query("""
            UPDATE exceptions SET closed_at = u.at
            FROM (SELECT id, min(at) AS at FROM unnest(\(closed.ids)::text[], \(closed.times)::bigint[]) AS v(id, at)
                  GROUP BY id) AS u
            WHERE exceptions.exception_id = u.id AND (exceptions.closed_at IS NULL OR u.at < exceptions.closed_at)
            """, logger: logger)
    }
}
