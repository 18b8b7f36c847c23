import SignalboxCore
import SignalboxStore

/// Writes lines inside an open transaction: events (skipping duplicates), their projection updates, and rejected
/// lines. Time-entry updates are gathered rather than written: their projection lives in the companion file and
/// follows the log's commits. Call ``finish()`` once, before the transaction commits.
struct SQLiteIngestWriter {
    let connection: SQLiteConnection
    let ingestedAt: Timestamp
    /// True for ingested lines: an event that would change an exception must pass ``ExceptionRules/admit(_:on:)``
    /// or is kept as a rejected line. False for console actions, which the rules decided.
    let admitting: Bool
    private(set) var summary = IngestSummary()
    /// The `seq` of the last event stored.
    private(set) var lastSequence: Int64?
    /// What the stored approvals and invoices change in the time-entry projection, which lives in a file of its
    /// own (``SQLiteTimeEntryFile``) and is written after the log commits.
    private(set) var timeEntryOperations: [TimeEntryOperation] = []

    init(connection: SQLiteConnection, ingestedAt: Timestamp, admitting: Bool = true) {
        self.connection = connection
        self.ingestedAt = ingestedAt
        self.admitting = admitting
    }

    /// The time-entry operations gathered since the last call.
    mutating func takeTimeEntryOperations() -> [TimeEntryOperation] {
        defer { timeEntryOperations.removeAll() }
        return timeEntryOperations
    }

    /// The console events written by this batch, sealed into the audit chain.
    private(set) var sealedConsoleEvents: [CanonicalEvent] = []
    private var auditHead: String?

    /// The `seq` of the events stored, by correlation id: ``finish()`` writes one `event_correlations` row per
    /// correlation and transaction.
    private var sequencesByCorrelation: [String: [Int64]] = [:]

    /// Exceptions touched by this transaction, in first-touch order: ``finish()`` re-folds their queue columns
    /// once.
    private var touchedExceptions: [String] = []
    private var touchedExceptionSet: Set<String> = []
    /// The logged events of each exception this transaction has read, in log order, as
    /// ``SQLiteConnection/loggedEvents(forException:)`` would read them now: admitting an exception's events and
    /// re-folding its queue columns at ``finish()`` read and parse them from the log once per transaction.
    private var exceptionEvents: [String: [LoggedEvent]] = [:]
    /// Whether this transaction holds raises in a temporary table, which ``finish()`` inserts into `exceptions` with
    /// one statement. Inserted one by one, each raise's statement first copied every page it changed (the row, twelve
    /// indexes, the group counts, the text-index notes) into a statement journal of its own: 87 µs a raise, against
    /// 26 µs for the same rows inserted together. Nothing reads `exceptions` before ``finish()``: the rules fold the log.
    private var holdsRaises = false
    /// Invoices whose postings or payments this transaction stored: ``finish()`` re-folds each once.
    private var touchedInvoices: Set<String> = []
    /// The events stored, counted by hour and by second per source: ``finish()`` adds them to `event_hours` and `event_seconds`.
    private var eventCounts = SQLiteEventCounts()

    /// Reprocess requests raised in this transaction, by request, so its later events find their exception.
    private var requestOwners: [String: String] = [:]

    /// Writes every line; an ingested outcome may be dated up to `clockSkewTolerance` before the decision it answers.
    mutating func write(contentsOf lines: [IngestLine], clockSkewTolerance: SignalDuration = .zero) throws(StoreError) {
        // By index: each line is read in place, not copied out (a copy retains every string of the event).
        for index in lines.indices { try write(lines[index], position: index, clockSkewTolerance: clockSkewTolerance) }
    }

    /// Writes what is gathered across calls (the touched exceptions' queue columns and their text in the queue's
    /// index, the correlation index); the last call before the transaction commits.
    mutating func finish() throws(StoreError) {
        if holdsRaises { try connection.execute(Self.insertHeldRaises) }
        try connection.refreshExceptionQueues(touchedExceptions, logged: exceptionEvents)
        exceptionEvents.removeAll()
        try SQLiteQueueText.indexPending(in: connection)
        touchedExceptions.removeAll()
        touchedExceptionSet.removeAll()
        // In key order: each insert lands next to the previous one in the index.
        for (correlationID, sequences) in sequencesByCorrelation.sorted(by: { $0.key < $1.key }) {
            try connection.statement(constant: "INSERT INTO event_correlations (correlation_id, first_seq, seqs) VALUES (?, ?, ?)")
                .bind(.text(correlationID), .integer(sequences[0]), .text(SQLiteIntegerList.text(sequences)))
                .run()
        }
        sequencesByCorrelation.removeAll()
        try SQLiteInvoiceProjection(connection: connection).refresh(touchedInvoices.sorted())
        touchedInvoices.removeAll()
        try eventCounts.flush(to: connection)
    }

    private mutating func write(_ line: IngestLine, position: Int, clockSkewTolerance: SignalDuration) throws(StoreError) {
        switch line {
        case .event(let event, let json, let origin):
            if admitting, event.source == .console || ExceptionRules.changesException(event),
               let reason = try refusal(of: event, clockSkewTolerance: clockSkewTolerance) {
                let refused = RejectedLine(refused: json, from: origin ?? .unnamed(position: position), reason: reason)
                try keep(refused)
                summary.refuse(refused)
                return
            }
            // Console events, and every event that changes an exception, join the audit chain as they are stored.
            if AuditChain.isChained(event) {
                let head: String
                if let cached = auditHead { head = cached } else { head = try connection.auditHead() }
                let sealed = AuditChain.sealedLine(event, previousHash: head)
                try store(sealed.event, json: sealed.jsonLine)
            } else {
                try store(event, json: json)
            }
        case .rejected(let rejected):
            try reject(rejected)
        }
    }

    private mutating func reject(_ rejected: RejectedLine) throws(StoreError) {
        try keep(rejected)
        summary.rejected += 1
    }

    /// Stores a rejected line (once per source, line number and text).
    private func keep(_ rejected: RejectedLine) throws(StoreError) {
        try connection.statement(constant: """
            INSERT OR IGNORE INTO rejected_lines (source_name, line_number, raw_text, reason, rejected_at)
            VALUES (?, ?, ?, ?, ?)
            """)
            .bind(.text(rejected.sourceName), .integer(Int64(rejected.lineNumber)), .text(rejected.rawText),
                  .text(rejected.reason), .integer(ingestedAt.microseconds))
            .run()
    }

    /// Why the exception rules refuse an ingested event, or nil when they admit it (or it is a duplicate, which is
    /// counted as such however the exception has changed since).
    private mutating func refusal(of event: CanonicalEvent, clockSkewTolerance: SignalDuration) throws(StoreError) -> String? {
        let stored = try connection.statement(constant: "SELECT 1 FROM events WHERE event_id = ?")
            .bind(.text(event.eventID)).rows { _ in true }
        guard stored.isEmpty else { return nil }
        var exceptionID = event.payload.reprocessRequestID.flatMap { requestOwners[$0] }
        if exceptionID == nil { exceptionID = try connection.exceptionID(concernedBy: event) }
        var record: ExceptionRecord?
        if let exceptionID { record = ExceptionRecord(events: try loggedEvents(forException: exceptionID)) }
        do throws(ExceptionActionError) {
            try ExceptionRules.admit(event, on: record, clockSkew: clockSkewTolerance)
            return nil
        } catch {
            return error.description
        }
    }

    /// Stores one event (skipping a duplicate) and its projection updates.
    private mutating func store(_ event: CanonicalEvent, json: String) throws(StoreError) {
        guard try insert(event, json: json) else {
            summary.duplicates += 1
            return
        }
        let sequence = connection.lastInsertRowID
        lastSequence = sequence
        sequencesByCorrelation[event.correlationID, default: []].append(sequence)
        eventCounts.add(event)
        if let invoiceID = event.invoiceID { touchedInvoices.insert(invoiceID) }
        if let seal = event.auditSeal {
            try connection.setAuditHead(seal.hash, sequence: sequence)
            auditHead = seal.hash
            sealedConsoleEvents.append(event)
        }
        for update in ProjectionUpdate.updates(for: event) { try apply(update, of: LoggedEvent(sequence: sequence, event: event)) }
        try SQLiteReconciliationProjection(connection: connection).record(event, sequence: sequence)
        try SQLiteAmendmentProjection(connection: connection).record(event, sequence: sequence)
        if case .exceptionResolved(let resolution) = event.payload {
            try connection.rememberMapping(resolution, at: event.occurredAt, sequence: sequence)
        }
        if let exceptionID = try exceptionID(concernedBy: event) {
            remember(LoggedEvent(sequence: sequence, event: event), aboutException: exceptionID)
            if touchedExceptionSet.insert(exceptionID).inserted { touchedExceptions.append(exceptionID) }
        }
        summary.accepted += 1
    }

    /// The logged events about an exception: read from the log the first time in this transaction, then kept.
    private mutating func loggedEvents(forException exceptionID: String) throws(StoreError) -> [LoggedEvent] {
        if let known = exceptionEvents[exceptionID] { return known }
        let logged = try connection.loggedEvents(forException: exceptionID)
        exceptionEvents[exceptionID] = logged
        return logged
    }

    /// Keeps the events of an exception already read in step with the log: an event naming the exception as its
    /// entity joins them; a reprocess event (rare) makes them be read again, since the log finds a request's approvals
    /// and completions by request.
    private mutating func remember(_ logged: LoggedEvent, aboutException exceptionID: String) {
        guard exceptionEvents[exceptionID] != nil else { return }
        if logged.event.entityKey == exceptionID, logged.event.type != .reprocessRequested,
           SQLiteConnection.exceptionEntityTypes.contains(logged.event.type) {
            exceptionEvents[exceptionID]?.append(logged)
        } else {
            exceptionEvents[exceptionID] = nil
        }
    }

    /// The exception an event is about, including requests raised earlier in this (not yet folded) batch.
    private mutating func exceptionID(concernedBy event: CanonicalEvent) throws(StoreError) -> String? {
        if case .reprocessRequested(let request) = event.payload { requestOwners[request.requestID] = request.exceptionID }
        if let requestID = event.payload.reprocessRequestID, let owner = requestOwners[requestID] { return owner }
        return try connection.exceptionID(concernedBy: event)
    }

    /// Inserts the event; false when its `event_id` is already stored.
    private func insert(_ event: CanonicalEvent, json: String) throws(StoreError) -> Bool {
        try connection.statement(constant: """
            INSERT OR IGNORE INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
            .bind(.text(event.eventID), .text(event.type.rawValue), .integer(event.occurredAt.microseconds),
                  .text(event.source.rawValue), .text(event.correlationID), .text(event.entityKey), .text(json),
                  .integer(ingestedAt.microseconds))
            .run()
        return connection.changes == 1
    }

    private mutating func apply(_ update: ProjectionUpdate, of logged: LoggedEvent) throws(StoreError) {
        let sequence = logged.sequence
        switch update {
        case .contractApproved(let contract, let at):
            // The earliest approval's time and customer name, in one statement: a tie takes the later arrival's name.
            try connection.statement(constant: """
                INSERT INTO contracts (contract_id, approved_at, customer_name) VALUES (?1, ?2, ?3)
                ON CONFLICT (contract_id) DO UPDATE SET approved_at = ?2, customer_name = ?3
                WHERE approved_at IS NULL OR ?2 <= approved_at
                """)
                .bind(.text(contract.contractID), .integer(at.microseconds), .text(contract.customer.name))
                .run()
        case .billingScheduleCreated(let contractID, let at):
            try connection.statement(constant: """
                INSERT INTO contracts (contract_id, billing_at) VALUES (?1, ?2)
                ON CONFLICT (contract_id) DO UPDATE SET billing_at = ?2 WHERE billing_at IS NULL OR ?2 < billing_at
                """)
                .bind(.text(contractID), .integer(at.microseconds))
                .run()
        case .provisioningAttempt(let contractID, let at, let succeeded):
            try connection.statement(Self.recordProvisioningAttempt)
                .bind(.text(contractID), .integer(at.microseconds), .integer(succeeded ? 1 : 0))
                .run()
        case .timeApproved, .timeInvoiced:
            timeEntryOperations += TimeEntryOperation.operations(for: update, sequence: sequence)
        case .exceptionRaised(let raised, let correlationID, let at):
            // A new row gets the queue columns of its raise alone: `finish()` folds every logged event about the
            // exception and updates them only when others change them. A repeated raise leaves them to `finish()`.
            var record = ExceptionRecord(raised: raised, correlationID: correlationID, at: at)
            record.apply(logged)
            if !holdsRaises {
                try connection.execute(Self.createHeldRaises)
                holdsRaises = true
            }
            try connection.statement(Self.holdRaise)
                .bind([.text(raised.exceptionID), .integer(at.microseconds), .text(raised.kind.rawValue),
                       .text(raised.severity.rawValue), .text(correlationID), .text(raised.summary)]
                      + SQLiteExceptionQueueColumns(record).values)
                .run()
        case .exceptionClosed(let exceptionID, let at, let dismissed):
            // A close of an exception whose raise is still held is picked up from the log when the raise is inserted.
            // A tie keeps the earlier arrival, as "the earliest closing" does (golden-signals.md §7).
            try connection.statement(constant: """
                UPDATE exceptions SET closed_at = ?2, closed_by = ?3
                WHERE exception_id = ?1 AND (closed_at IS NULL OR ?2 < closed_at)
                """)
                .bind(.text(exceptionID), .integer(at.microseconds),
                      .text((dismissed ? EventType.exceptionDismissed : .exceptionResolved).rawValue))
                .run()
        }
    }

    /// The held raises' table: id, time, kind, severity, correlation, summary, then the queue columns.
    private static let createHeldRaises = """
        CREATE TEMP TABLE IF NOT EXISTS held_raises (exception_id, raised_at, kind, severity, correlation_id, summary,
            \(SQLiteExceptionQueueColumns.names))
        """

    /// Holds a raise (`?1` id, `?2` time, `?3` kind, `?4` severity, `?5` correlation, `?6` summary, then the queue
    /// columns).
    private static let holdRaise = """
        INSERT INTO temp.held_raises (exception_id, raised_at, kind, severity, correlation_id, summary,
            \(SQLiteExceptionQueueColumns.names))
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, \(SQLiteExceptionQueueColumns.placeholders(from: 7)))
        """

    /// Inserts the held raises in the order they were stored, each closed when the log holds its resolution or
    /// dismissal (the earliest, and its type); a repeated raise updates what the latest raise decides.
    private static let insertHeldRaises = """
        INSERT INTO exceptions (exception_id, correlation_id, summary, raised_at, kind, severity, kind_at, closed_at, closed_by,
            \(SQLiteExceptionQueueColumns.names))
        SELECT held.exception_id, held.correlation_id, held.summary, held.raised_at, held.kind, held.severity, held.raised_at,
            \(SQLiteSchema.firstClosing("occurred_at", of: "held.exception_id")),
            \(SQLiteSchema.firstClosing("type", of: "held.exception_id")),
            \(SQLiteExceptionQueueColumns.names)
        FROM temp.held_raises AS held WHERE true ORDER BY held.rowid
        ON CONFLICT (exception_id) DO UPDATE SET
            raised_at = min(raised_at, excluded.raised_at),
            kind     = CASE WHEN excluded.raised_at >= kind_at THEN excluded.kind ELSE kind END,
            severity = CASE WHEN excluded.raised_at >= kind_at THEN excluded.severity ELSE severity END,
            correlation_id = CASE WHEN excluded.raised_at >= kind_at THEN excluded.correlation_id ELSE correlation_id END,
            summary  = CASE WHEN excluded.raised_at >= kind_at THEN excluded.summary ELSE summary END,
            kind_at  = max(kind_at, excluded.raised_at);
        DELETE FROM temp.held_raises;
        """

    /// An attempt earlier than the first one recorded (`?2` its time): a tie keeps the earlier arrival.
    private static let earlierThanFirstAttempt = "(first_provisioning_at IS NULL OR ?2 < first_provisioning_at)"
    /// A success (`?3`) earlier than the earliest one recorded.
    private static let earlierThanFirstSuccess = "(?3 AND (provisioned_at IS NULL OR ?2 < provisioned_at))"

    /// Records a provisioning attempt (`?1` contract, `?2` time, `?3` 1 when it succeeded) in one statement: the
    /// earliest success's time, and the first attempt's time and outcome.
    private static let recordProvisioningAttempt = """
        INSERT INTO contracts (contract_id, provisioned_at, first_provisioning_at, first_provisioning_ok)
        VALUES (?1, CASE WHEN ?3 THEN ?2 END, ?2, ?3)
        ON CONFLICT (contract_id) DO UPDATE SET
            provisioned_at = CASE WHEN \(earlierThanFirstSuccess) THEN ?2 ELSE provisioned_at END,
            first_provisioning_at = CASE WHEN \(earlierThanFirstAttempt) THEN ?2 ELSE first_provisioning_at END,
            first_provisioning_ok = CASE WHEN \(earlierThanFirstAttempt) THEN ?3 ELSE first_provisioning_ok END
        WHERE \(earlierThanFirstSuccess) OR \(earlierThanFirstAttempt)
        """
}
