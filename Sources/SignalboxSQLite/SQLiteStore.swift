import SignalboxCore
import SignalboxStore

/// The embedded store: a SQLite file (WAL) and its time-entry companion (``SQLiteTimeEntryFile``), through the
/// system libsqlite3.
///
/// ```swift
/// let store = try await SQLiteStore(path: "store.sqlite")
/// let summary = try await store.ingest(batch)
/// let signals = try await store.signals(asOf: now, window: .days(7))
/// ```
public actor SQLiteStore: EventStore {
    public nonisolated let displayName: String
    public nonisolated let isReadOnly: Bool
    let connection: SQLiteConnection
    private var ownWrites: Int64 = 0
    private var timeEntryLedger: SQLiteTimeEntryLedger
    let clock: @Sendable () -> Timestamp

    /// Opens (and, unless read-only, creates and migrates) the store at `path`.
    /// - Parameters:
    ///   - pageCacheKibibytes: the page cache of each file once opened (default: 128 MiB for a writer, 64 MiB
    ///     read-only). A process that stays open, such as the console, gives its working set (``consolePageCacheKibibytes``).
    ///   - memoryMapped: reads both files through a memory map, for a command that reads once and exits: pages the
    ///     operating system already caches are not copied again by `read(2)`. Not for a process that stays open
    ///     (the console, serve): mapped pages count in its memory like cached ones.
    ///   - writerWaitLimit: how long a write waits for another writer (such as an ingest) to commit before it
    ///     gives up as busy, having written nothing.
    ///   - clock: the arrival time stamped on ingested rows.
    public init(path: String, readOnly: Bool = false, pageCacheKibibytes: Int? = nil, memoryMapped: Bool = false,
                writerWaitLimit: Duration = SQLiteStore.defaultWriterWaitLimit,
                clock: @escaping @Sendable () -> Timestamp = SystemClock.now) throws(StoreError) {
        displayName = path
        isReadOnly = readOnly
        self.clock = clock
        connection = try SQLiteConnection(path: path, readOnly: readOnly)
        connection.writerWaitLimit = writerWaitLimit
        timeEntryLedger = SQLiteTimeEntryLedger(connection: connection)
        let version = Int(try connection.scalar("PRAGMA user_version"))
        if version > SQLiteSchema.currentVersion {
            throw .newerSchema(found: version, supported: SQLiteSchema.currentVersion)
        }
        if readOnly {
            guard version == SQLiteSchema.currentVersion else {
                throw .notMigrated("\(path) is at schema version \(version), this build needs \(SQLiteSchema.currentVersion)")
            }
            try connection.execute("PRAGMA query_only = ON; PRAGMA cache_size = -65536;")
            try SQLiteTimeEntryFile.attach(to: connection, readOnly: true)
            // Both files have been read, so SQLite has opened (or created) their -wal and -shm.
            SQLiteReaderFiles.share(besideDatabaseAt: path)
            SQLiteReaderFiles.share(besideDatabaseAt: SQLiteTimeEntryFile.path(forStore: path))
        } else {
            try connection.execute("PRAGMA page_size = \(Self.newFilePageSize); PRAGMA journal_mode = WAL;" + Self.writerSettings)
            try Self.applyMigrations(connection, from: version)
            try SQLiteTimeEntryFile.attach(to: connection, readOnly: false)
            try Self.catchUp(&timeEntryLedger, tolerateBusy: true)
        }
        let time = SQLiteTimeEntryFile.schemaName
        if let pageCacheKibibytes {
            // No memory map either: mapped pages would count in the process's memory like cached ones.
            // A process that stays open also caps SQLite's whole heap (page caches, sorters, temporary tables of
            // every connection in the process): near the cap SQLite recycles cached pages instead of growing.
            try connection.execute("PRAGMA main.cache_size = -\(pageCacheKibibytes); PRAGMA \(time).cache_size = -\(pageCacheKibibytes);"
                + "PRAGMA main.mmap_size = 0; PRAGMA \(time).mmap_size = 0;"
                + "PRAGMA soft_heap_limit = \(Int64(pageCacheKibibytes) * 1024 * Self.heapLimitPerPageCache);")
        }
        if memoryMapped {
            try connection.execute("PRAGMA main.mmap_size = \(Self.memoryMapBytes); PRAGMA \(time).mmap_size = \(Self.memoryMapBytes);")
        }
    }

    /// The memory map asked for each file of a store opened `memoryMapped` (SQLite caps it at its compiled-in limit,
    /// just under 2 GiB by default; pages beyond are read as usual).
    static let memoryMapBytes: Int64 = 1 << 31

    /// How long a write waits for another writer's transaction (a bulk ingest yields between its batches) before
    /// it gives up as busy.
    public static let defaultWriterWaitLimit: Duration = .seconds(120)

    /// The page cache per file of a console: what one signals run and the newest trend buckets read (the 7-day window's
    /// index ranges and the open sets) fits; closed buckets are reused, not read again, and the rest comes from
    /// the operating system's file cache.
    public static let consolePageCacheKibibytes = 4096

    /// A long-lived process's cap on SQLite's heap, in page caches: both files' caches, with as much again for
    /// the sorters and temporary tables of a signals read.
    static let heapLimitPerPageCache: Int64 = 4

    public func onWaitingForAnotherWriter(_ notice: @escaping @Sendable () -> Void) {
        connection.waitingForAnotherWriter = notice
    }

    /// The page size of a file this build creates (an existing file keeps its own). Against 4 KiB, a bulk ingest
    /// writes, checkpoints and allocates a quarter as many pages: a third less time in the SQLite floor
    /// (`Benchmarks/ingest-floor.sh`) and about 15% less in `signalbox ingest`.
    static let newFilePageSize = 16_384

    /// WAL + NORMAL: a commit survives a killed process; a 128 MiB page cache keeps ingest off pread().
    static let writerSettings = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072;"

    /// The paths of every file a store at `path` may have (the log, its time-entry companion, and the WAL and
    /// shared memory of each), to copy or delete a store as a whole.
    public static func files(at path: String) -> [String] { SQLiteTimeEntryFile.files(ofStore: path) }

    /// The schema versions a writer's open of the store at `path` would upgrade it between; nil when it would not
    /// (no such file, a new one, or one already current or newer). A caller can say so before an open that may take
    /// a while: some upgrades read the whole log.
    public static func pendingUpgrade(at path: String) -> (from: Int, to: Int)? {
        guard let version = try? Int(SQLiteConnection(path: path, readOnly: true).scalar("PRAGMA user_version")),
              version > 0, version < SQLiteSchema.currentVersion else { return nil }
        return (version, SQLiteSchema.currentVersion)
    }

    public func migrate() throws(StoreError) {
        guard !isReadOnly else { throw .readOnly }
        try Self.applyMigrations(connection, from: Int(try connection.scalar("PRAGMA user_version")))
    }

    private static func applyMigrations(_ connection: SQLiteConnection, from version: Int) throws(StoreError) {
        guard version < SQLiteSchema.currentVersion else { return }
        try connection.transaction { () throws(StoreError) in
            for step in version..<SQLiteSchema.currentVersion {
                try connection.execute(SQLiteSchema.migrations[step])
            }
            // §10's typed postings and the typed payments first: the invoices are folded from them.
            let typed = SQLiteReconciliationProjection(connection: connection)
            if version < SQLiteReconciliationProjection.version {
                try typed.rebuild()
            } else {
                var untyped: [EventType] = []
                if version < SQLiteReconciliationProjection.invoicePaymentsVersion { untyped.append(.paymentReceived) }
                if version < SQLiteReconciliationProjection.exceptionRaisesVersion { untyped.append(.exceptionRaised) }
                try typed.rebuild(ofTypes: untyped)
            }
            if version < SQLiteSchema.invoicesVersion { try SQLiteInvoiceProjection(connection: connection).rebuild() }
            if version < SQLiteAmendmentProjection.version { try SQLiteAmendmentProjection(connection: connection).rebuild() }
            try SQLiteQueueText.indexPending(in: connection)
            try connection.execute("PRAGMA user_version = \(SQLiteSchema.currentVersion)")
        }
    }

    public func ingest(_ batch: IngestBatch) throws(StoreError) -> IngestSummary {
        guard !isReadOnly else { throw .readOnly }
        let now = clock()
        let summary = try connection.transaction { () throws(StoreError) in
            var writer = SQLiteIngestWriter(connection: connection, ingestedAt: now)
            try writer.write(contentsOf: batch.lines, clockSkewTolerance: batch.clockSkewTolerance)
            try writer.finish()
            return writer.summary
        }
        ownWrites += 1
        try Self.catchUp(&timeEntryLedger, tolerateBusy: false)
        return summary
    }

    /// Brings the companion file's time entries up to the log.
    /// - Parameter tolerateBusy: when another writer holds the companion past the busy timeout, go on without
    ///   (that writer replays the log itself before it commits).
    private static func catchUp(_ ledger: inout SQLiteTimeEntryLedger, tolerateBusy: Bool) throws(StoreError) {
        do {
            try ledger.catchUp()
        } catch {
            guard tolerateBusy, ledger.connection.lastErrorWasBusy else { throw error }
        }
    }

    public func signals(asOf: Timestamp, window: SignalDuration,
                        sections: SignalSections) throws(StoreError) -> GoldenSignals {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: window).compute(sections)
        }
    }

    public func reconciliationRows(of controls: Set<ReconciliationControl>, asOf: Timestamp,
                                   window: SignalDuration) throws(StoreError) -> ReconciliationRows {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: window).reconciliationRows(of: controls)
        }
    }

    public func activationDetails(asOf: Timestamp, window: SignalDuration,
                                  request: DetailRequest) throws(StoreError) -> DetailPage<ActivationDetails> {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: window).activationDetails(request)
        }
    }

    public func provisioningFailures(asOf: Timestamp, window: SignalDuration,
                                     request: DetailRequest) throws(StoreError) -> DetailPage<[ProvisioningFailure]> {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: window).provisioningFailures(request)
        }
    }

    public func amendmentStatuses(asOf: Timestamp, window: SignalDuration) throws(StoreError) -> [AmendmentStatus] {
        try readSnapshot { () throws(StoreError) in try SQLiteSignalQueries(connection: connection, asOf: asOf, window: window).amendmentStatuses() }
    }

    public func amendmentStatuses(ofContracts contracts: Set<String>, asOf: Timestamp) throws(StoreError) -> [AmendmentStatus] {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: .seconds(0)).amendmentStatuses(ofContracts: contracts)
        }
    }

    public func unbilledEntries(asOf: Timestamp, request: DetailRequest) throws(StoreError) -> DetailPage<[UnbilledEntry]> {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: .seconds(0)).unbilledEntries(request)
        }
    }

    public func unbilledApprovedBefore(_ cutoff: Timestamp, asOf: Timestamp) throws(StoreError) -> [String: UnbilledTotals] {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: .seconds(0)).unbilledApprovedBefore(cutoff)
        }
    }

    public func openExceptions(asOf: Timestamp, limit: Int) throws(StoreError) -> [OpenException] {
        try readSnapshot { () throws(StoreError) in try SQLiteSignalQueries(connection: connection, asOf: asOf, window: .seconds(0)).openExceptions(limit: limit) }
    }

    public func invoicedTimeEntries(asOf: Timestamp, window: SignalDuration,
                                    request: DetailRequest) throws(StoreError) -> DetailPage<[InvoicedTimeEntry]> {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: window).invoicedTimeEntries(request)
        }
    }

    public func closedExceptions(asOf: Timestamp, window: SignalDuration, limit: Int) throws(StoreError) -> [ClosedException] {
        try readSnapshot { () throws(StoreError) in
            Array(try SQLiteSignalQueries(connection: connection, asOf: asOf, window: window).closedExceptions()
                .sorted { $0.closing.duration > $1.closing.duration }.prefix(limit))
        }
    }

    public func invoiceStandings(asOf: Timestamp, window: SignalDuration,
                                 request: DetailRequest) throws(StoreError) -> DetailPage<[InvoiceStanding]> {
        try readSnapshot { () throws(StoreError) in
            try SQLiteSignalQueries(connection: connection, asOf: asOf, window: window).invoiceStandings(request)
        }
    }

    /// Runs several reads in one transaction so they see one consistent state of the file.
    func readSnapshot<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.execute("BEGIN")
        defer { try? connection.execute("COMMIT") }
        return try body()
    }

    /// The time approvals and invoices in the log that the time-entry companion has not applied: unbilled time
    /// is short of them while this is not zero.
    public func eventsNotYetInSignals() throws(StoreError) -> Int {
        Int(try connection.scalar("""
            SELECT count(*) FROM events WHERE seq > (SELECT applied_seq FROM \(SQLiteTimeEntryFile.schemaName).ledger_state)
                AND type IN ('time.approved', 'invoice.posted')
            """))
    }

    /// The position is the last sequence both files reflect (the time-entry companion may trail the log); the
    /// earliest change is read from the log's rows after `position` by sequence, so it costs what was written.
    public func signalChanges(since position: Int64?) throws(StoreError) -> SignalChanges {
        try readSnapshot { () throws(StoreError) in
            let now = min(try connection.scalar("SELECT coalesce(max(seq), 0) FROM events"),
                          try connection.scalar("SELECT applied_seq FROM \(SQLiteTimeEntryFile.schemaName).ledger_state"))
            guard let position else { return SignalChanges(position: now, earliestChanged: nil) }
            let earliest = try connection.statement("SELECT min(occurred_at) FROM events WHERE seq > ?1")
                .bind(.integer(position)).rows { $0.optionalInt64(0) }.first ?? nil
            return SignalChanges(position: now, earliestChanged: earliest.map { Timestamp(microseconds: $0) })
        }
    }

    public func rejectedLines(limit: Int) throws(StoreError) -> [RejectedLine] {
        try connection.statement("SELECT source_name, line_number, raw_text, reason FROM rejected_lines ORDER BY id LIMIT ?")
            .bind(.integer(Int64(limit)))
            .rows { row in
                RejectedLine(sourceName: row.text(0), lineNumber: Int(row.int64(1)), rawText: row.text(2), reason: row.text(3))
            }
    }

    public func events(correlationID: String) throws(StoreError) -> [StoredEvent] {
        try connection.statement("""
            SELECT seq, payload FROM events WHERE seq IN (
                SELECT sequence.value FROM event_correlations, json_each('[' || seqs || ']') AS sequence
                WHERE correlation_id = ?)
            ORDER BY occurred_at, seq
            """)
            .bind(.text(correlationID))
            .rows { row throws(StoreError) in try StoredEvent(sequence: row.int64(0), payload: row.text(1)) }
    }

    public func hasEvents() throws(StoreError) -> Bool {
        try connection.scalar("SELECT EXISTS (SELECT 1 FROM events)") != 0
    }

    public func changeToken() throws(StoreError) -> Int64 {
        (try connection.scalar("PRAGMA data_version") &+ connection.scalar("PRAGMA \(SQLiteTimeEntryFile.schemaName).data_version")) &<< 32
            | ownWrites
    }

    public func close() {}
}

extension StoredEvent {
    /// Decodes a stored payload; a payload that no longer validates means the store was edited by hand.
    init(sequence: Int64, payload: String) throws(StoreError) {
        try self.init(StoredEventRow(sequence: sequence, payload: Array(payload.utf8)))
    }
}
