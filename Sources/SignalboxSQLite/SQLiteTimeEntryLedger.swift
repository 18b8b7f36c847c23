import SignalboxCore
import SignalboxStore

/// One change to the time-entry projection, with the log `seq` of the event that causes it.
struct TimeEntryOperation: Sendable {
    enum Change: Sendable {
        case approve(TimeApproved, at: Timestamp)
        case bill(timeEntryID: String, at: Timestamp)
    }

    let sequence: Int64
    let change: Change

    /// The operations a stored event causes, in order (none for events other than approvals and invoices).
    static func operations(for update: ProjectionUpdate, sequence: Int64) -> [TimeEntryOperation] {
        switch update {
        case .timeApproved(let entry, let at): [TimeEntryOperation(sequence: sequence, change: .approve(entry, at: at))]
        case .timeInvoiced(let entryIDs, let at):
            entryIDs.map { TimeEntryOperation(sequence: sequence, change: .bill(timeEntryID: $0, at: at)) }
        case .contractApproved, .provisioningAttempt, .billingScheduleCreated, .exceptionRaised, .exceptionClosed: []
        }
    }
}

/// Moves the time-entry projection and the typed approvals (in ``SQLiteTimeEntryFile``) forward along the event log,
/// in transactions of the companion file only.
///
/// The companion always equals the projection of every log event with `seq <= applied_seq`. A transaction
/// extends that: it replays from the log what it was not handed (events committed by other writers, or
/// everything after a crash), applies the operations it is handed that are not yet applied, and records how far
/// it got, all in one commit. The log is always committed first, so the companion can trail it but never lead.
struct SQLiteTimeEntryLedger {
    /// Writes the companion (attached to it).
    let connection: SQLiteConnection
    /// Reads the log: the writing connection itself, or a connection of its own for a writer that runs beside a
    /// bulk ingest, so that the companion's transactions hold no snapshot of the log (a checkpoint copies nothing
    /// that a reader's snapshot may still need).
    let log: SQLiteConnection
    private var projection: SQLiteTimeEntryProjection
    /// The highest `seq` applied in the open transaction; nil when none is open.
    private(set) var appliedThrough: Int64?
    /// The `seq` of the last operation applied by the open transaction.
    private var lastOperation: Int64?

    /// Events replayed from the log per read.
    private static let replayPage = 16_384

    init(connection: SQLiteConnection, log: SQLiteConnection? = nil) {
        self.connection = connection
        self.log = log ?? connection
        projection = SQLiteTimeEntryProjection(connection: connection)
    }

    /// Opens a transaction of the companion file and replays the log events before `sequence` that are not yet
    /// applied. An empty companion, one of another store, or one ahead of the log, is first emptied.
    mutating func begin(replayingBefore sequence: Int64) throws(StoreError) {
        // A deferred transaction whose first statement writes the companion: it locks the companion only, so it
        // never waits for (or blocks) a writer of the log.
        try connection.execute("BEGIN")
        do {
            try connection.execute("UPDATE \(SQLiteTimeEntryFile.schemaName).ledger_state SET applied_seq = applied_seq WHERE id = 1")
            var applied = try connection.scalar("SELECT applied_seq FROM \(SQLiteTimeEntryFile.schemaName).ledger_state WHERE id = 1")
            let ids = try SQLiteTimeEntryFile.storeIDs(log: log, companion: connection)
            let logEnd = try log.scalar("SELECT coalesce(max(seq), 0) FROM events")
            if ids.companion != ids.log || applied > logEnd {
                try connection.execute("""
                    DELETE FROM \(SQLiteTimeEntryFile.schemaName).time_entries;
                    DELETE FROM \(SQLiteTimeEntryFile.schemaName).unbilled_hours;
                    DELETE FROM \(SQLiteTimeEntryFile.schemaName).time_approvals;
                    """)
                try connection.statement("UPDATE \(SQLiteTimeEntryFile.schemaName).ledger_state SET store_id = ?, applied_seq = 0 WHERE id = 1")
                    .bind(.text(ids.log)).run()
                applied = 0
            }
            appliedThrough = applied
            try replay(before: sequence)
        } catch {
            rollback()
            throw error
        }
    }

    /// Applies one operation of the open transaction, unless an earlier transaction already applied its event.
    mutating func apply(_ operation: TimeEntryOperation) throws(StoreError) {
        // An invoice billing several entries is several operations with one `seq`: all of them are applied.
        guard let applied = appliedThrough, operation.sequence > applied || operation.sequence == lastOperation else { return }
        lastOperation = operation.sequence
        switch operation.change {
        case .approve(let entry, let at):
            let first = try projection.approve(entry, at: at, sequence: operation.sequence)
            try SQLiteReconciliationProjection.recordApproval(entry, at: at, sequence: operation.sequence, on: connection,
                                                              firstOfItsEntry: first)
        case .bill(let timeEntryID, let at): try projection.bill(timeEntryID, at: at)
        }
        appliedThrough = operation.sequence
    }

    /// Records that every event through `sequence` is applied, and commits.
    mutating func commit(through sequence: Int64) throws(StoreError) {
        guard let applied = appliedThrough else { return }
        do {
            try projection.flush()
            try connection.statement("UPDATE \(SQLiteTimeEntryFile.schemaName).ledger_state SET applied_seq = ? WHERE id = 1")
                .bind(.integer(max(applied, sequence))).run()
            try connection.execute("COMMIT")
            appliedThrough = nil
            lastOperation = nil
        } catch {
            rollback()
            throw error
        }
    }

    /// Abandons the open transaction, if any.
    mutating func rollback() {
        try? connection.execute("ROLLBACK")
        projection.discardPending()
        appliedThrough = nil
        lastOperation = nil
    }

    /// Replays whatever the log holds past the companion, in one transaction; none when it is up to date (and
    /// this store's).
    mutating func catchUp() throws(StoreError) {
        let ids = try SQLiteTimeEntryFile.storeIDs(log: log, companion: connection)
        let logEnd = try log.scalar("SELECT coalesce(max(seq), 0) FROM events")
        let applied = try connection.scalar("SELECT applied_seq FROM \(SQLiteTimeEntryFile.schemaName).ledger_state")
        guard logEnd != applied || ids.companion != ids.log else { return }
        try begin(replayingBefore: logEnd + 1)
        try commit(through: logEnd)
    }

    // MARK: - Replay

    /// Applies the approvals and invoices logged after `appliedThrough` and before `sequence`, in log order.
    private mutating func replay(before sequence: Int64) throws(StoreError) {
        while let applied = appliedThrough {
            let rows = try log.statement("""
                SELECT seq, payload FROM events
                WHERE seq > ?1 AND seq < ?2 AND type IN ('time.approved', 'invoice.posted')
                ORDER BY seq LIMIT ?3
                """)
                .bind(.integer(applied), .integer(sequence), .integer(Int64(Self.replayPage)))
                .storedEventRows()
            for event in try StoredEvent.decodeConcurrently(rows) {
                for update in ProjectionUpdate.updates(for: event.event) {
                    for operation in TimeEntryOperation.operations(for: update, sequence: event.sequence) { try apply(operation) }
                }
            }
            guard rows.count == Self.replayPage, let last = rows.last else { return }
            appliedThrough = last.sequence
        }
    }
}
