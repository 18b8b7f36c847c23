import PostgresNIO
import SignalboxCore
import SignalboxStore

extension PostgresStore {
    public func rejectedLines(limit: Int) async throws(StoreError) -> [RejectedLine] {
        return try await withConnection { connection, logger in
            let rows = try await connection.query("""
                SELECT source_name, line_number, raw_text, reason FROM rejected_lines ORDER BY id LIMIT \(max(limit, 0))
                """, logger: logger)
            var lines: [RejectedLine] = []
            for try await (source, number, raw, reason) in rows.decode((String, Int, String, String).self) {
                lines.append(RejectedLine(sourceName: source, lineNumber: number, rawText: raw, reason: reason))
            }
            return lines
        }
    }

    public func hasEvents() async throws(StoreError) -> Bool {
        try await withConnection { connection, logger in
            let rows = try await connection.query("SELECT EXISTS (SELECT 1 FROM events)", logger: logger)
            for try await exists in rows.decode(Bool.self) { return exists }
            return false
        }
    }

    public func events(correlationID: String) async throws(StoreError) -> [StoredEvent] {
        let payloads = try await withConnection { connection, logger in
            let rows = try await connection.query("""
                SELECT seq, payload FROM events WHERE correlation_id = \(correlationID) ORDER BY occurred_at, seq
                """, logger: logger)
            var payloads: [(Int64, String)] = []
            for try await row in rows.decode((Int64, String).self) { payloads.append(row) }
            return payloads
        }
        var events: [StoredEvent] = []
        for (sequence, payload) in payloads { events.append(try StoredEvent(sequence: sequence, storedPayload: payload)) }
        return events
    }

    public func signals(asOf: Timestamp, window: SignalDuration,
                        sections: SignalSections) async throws(StoreError) -> GoldenSignals {
        // Only §10 is worth a second connection; the other sections' reads together take about a third of it.
        guard sections.contains(.reconciliation) else {
            return try await readSnapshot(asOf: asOf, window: window) { try await $0.compute(sections) }
        }
        return try await readSharedSnapshot(asOf: asOf, window: window) { try await $0.compute(sections, sharing: $1) }
    }

    public func reconciliationRows(of controls: Set<ReconciliationControl>, asOf: Timestamp,
                                   window: SignalDuration) async throws(StoreError) -> ReconciliationRows {
        try await readSnapshot(asOf: asOf, window: window) { try await $0.reconciliationRows(of: controls) }
    }

    public func activationDetails(asOf: Timestamp, window: SignalDuration,
                                  request: DetailRequest) async throws(StoreError) -> DetailPage<ActivationDetails> {
        try await readSnapshot(asOf: asOf, window: window) { try await $0.activationDetails(request) }
    }

    public func provisioningFailures(asOf: Timestamp, window: SignalDuration,
                                     request: DetailRequest) async throws(StoreError) -> DetailPage<[ProvisioningFailure]> {
        try await readSnapshot(asOf: asOf, window: window) { try await $0.provisioningFailures(request) }
    }

    public func amendmentStatuses(asOf: Timestamp, window: SignalDuration) async throws(StoreError) -> [AmendmentStatus] {
        try await readSnapshot(asOf: asOf, window: window) { try await $0.amendmentStatuses() }
    }

    public func amendmentStatuses(ofContracts contracts: Set<String>, asOf: Timestamp) async throws(StoreError) -> [AmendmentStatus] {
        try await readSnapshot(asOf: asOf, window: .seconds(0)) { try await $0.amendmentStatuses(ofContracts: contracts) }
    }

    public func unbilledEntries(asOf: Timestamp, request: DetailRequest) async throws(StoreError) -> DetailPage<[UnbilledEntry]> {
        try await readSnapshot(asOf: asOf, window: .seconds(0)) { try await $0.unbilledEntries(request) }
    }

    public func openExceptions(asOf: Timestamp, limit: Int) async throws(StoreError) -> [OpenException] {
        try await readSnapshot(asOf: asOf, window: .seconds(0)) { try await $0.openExceptions(limit: limit) }
    }

    public func unbilledApprovedBefore(_ cutoff: Timestamp, asOf: Timestamp) async throws(StoreError) -> [String: UnbilledTotals] {
        try await readSnapshot(asOf: asOf, window: .seconds(0)) { try await $0.unbilledApprovedBefore(cutoff) }
    }

    public func invoicedTimeEntries(asOf: Timestamp, window: SignalDuration,
                                    request: DetailRequest) async throws(StoreError) -> DetailPage<[InvoicedTimeEntry]> {
        try await readSnapshot(asOf: asOf, window: window) { try await $0.invoicedTimeEntries(request) }
    }

    public func closedExceptions(asOf: Timestamp, window: SignalDuration, limit: Int) async throws(StoreError) -> [ClosedException] {
        try await readSnapshot(asOf: asOf, window: window) {
            Array(try await $0.closedExceptions().sorted { $0.closing.duration > $1.closing.duration }.prefix(limit))
        }
    }

    public func invoiceStandings(asOf: Timestamp, window: SignalDuration,
                                 request: DetailRequest) async throws(StoreError) -> DetailPage<[InvoiceStanding]> {
        try await readSnapshot(asOf: asOf, window: window) { try await $0.invoiceStandings(request) }
    }

    /// Runs several reads in one read-only, repeatable-read transaction, so they see one state of the store.
    func readSnapshot<Result: Sendable>(
        asOf: Timestamp, window: SignalDuration,
        _ body: @escaping @Sendable (PostgresSignalQueries) async throws -> Result
    ) async throws(StoreError) -> Result {
        try await withTransaction { connection, logger in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            return try await body(PostgresSignalQueries(connection: connection, logger: logger, asOf: asOf, window: window))
        }
    }
}

extension StoredEvent {
    /// Decodes a stored payload; one that no longer validates means the store was edited by hand.
    init(sequence: Int64, storedPayload payload: String) throws(StoreError) {
        do {
            self.init(sequence: sequence, event: try CanonicalEvent(jsonLine: Array(payload.utf8), moneyToTheCent: false))
        } catch {
            throw .database(message: "stored event #\(sequence) does not decode: \(error)", sql: nil)
        }
    }
}
