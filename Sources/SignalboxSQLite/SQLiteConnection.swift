import CSQLite
import SignalboxStore

/// A thin, owning wrapper over one `sqlite3*` connection with a prepared-statement cache.
///
/// Not thread-safe: ``SQLiteStore`` confines each connection to its actor.
final class SQLiteConnection {
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// The same cache keyed by a constant SQL text's address, for hot paths (no hashing of the text).
    private var constantStatements: [UnsafeRawPointer: SQLiteStatement] = [:]
    let path: String

    /// Opens `path`; read-only connections never create or write the file.
    init(path: String, readOnly: Bool) throws(StoreError) {
        _ = Self.libraryConfigured
        var pointer: OpaquePointer?
        let flags = readOnly
            ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard code == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(pointer)
            throw .unavailable("cannot open SQLite store \(path): \(message)")
        }
        handle = pointer
        self.path = path
        sqlite3_busy_timeout(handle, 5_000)
    }

    /// Process-wide settings made once, before the first connection initialises the library.
    private static let libraryConfigured: Bool = csqlite_disable_memory_statistics() == SQLITE_OK

    deinit {
        statements.removeAll()
        constantStatements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws(StoreError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(errorMessage)
            throw error(code: code, message: message, sql: sql)
        }
    }

    /// A cached prepared statement, reset and with bindings cleared.
    func statement(_ sql: String) throws(StoreError) -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var pointer: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard code == SQLITE_OK, let pointer else {
            throw error(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        let statement = SQLiteStatement(pointer: pointer, connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// A cached prepared statement for constant SQL, found by the text's address; reset and with bindings cleared.
    func statement(constant sql: StaticString) throws(StoreError) -> SQLiteStatement {
        let key = UnsafeRawPointer(sql.utf8Start)
        if let cached = constantStatements[key] {
            cached.reset()
            return cached
        }
        let prepared = try statement(sql.description)
        constantStatements[key] = prepared
        return prepared
    }

    /// How long a transaction waits for another writer before it gives up (``SQLiteWriterTurns``).
    var writerWaitLimit: Duration = SQLiteStore.defaultWriterWaitLimit

    /// Called once when a transaction has to wait for another writer (a bulk ingest), so the user can be told.
    var waitingForAnotherWriter: (@Sendable () -> Void)?

    /// Runs `body` in an IMMEDIATE transaction, committing on success and rolling back on error. When another
    /// writer holds the store, waits its turn (``SQLiteWriterTurns``): a bulk ingest commits and lets it in.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let turns = SQLiteWriterTurns(storePath: path)
        let waited = try beginImmediateTakingTurns(turns)
        defer { if waited { turns.withdraw() } }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// `BEGIN IMMEDIATE`, announcing through `turns` while another writer holds the store, for at most
    /// ``writerWaitLimit``; returns whether it had to wait.
    private func beginImmediateTakingTurns(_ turns: SQLiteWriterTurns) throws(StoreError) -> Bool {
        sqlite3_busy_timeout(handle, 100)
        defer { sqlite3_busy_timeout(handle, 5_000) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: writerWaitLimit)
        var waited = false
        while true {
            do {
                try execute("BEGIN IMMEDIATE")
                return waited
            } catch {
                guard lastErrorWasBusy, clock.now < deadline else {
                    if waited { turns.withdraw() }
                    throw error
                }
                turns.announceWaiting()
                if !waited { waitingForAnotherWriter?() }
                waited = true
            }
        }
    }

    /// The rowid of the last inserted row (an event's `seq`).
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// A single integer from a query such as `PRAGMA user_version`.
    func scalar(_ sql: String) throws(StoreError) -> Int64 {
        let statement = try statement(sql)
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return statement.int64(0)
    }

    func error(code: Int32, message: String, sql: String?) -> StoreError {
        switch code & 0xFF {
        case SQLITE_READONLY: .readOnly
        case SQLITE_PERM, SQLITE_AUTH: .permissionDenied(message)
        case SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_CORRUPT: .unavailable("\(path): \(message)")
        // Another writer (an ingest's transaction, say) held the store past the busy timeout.
        case SQLITE_BUSY: .unavailable("\(path) is busy with another writer (such as an ingest); nothing was written, try again")
        default: .database(message: message, sql: sql)
        }
    }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Whether the last failed call waited for another writer past the busy timeout.
    var lastErrorWasBusy: Bool { sqlite3_errcode(handle) & 0xFF == SQLITE_BUSY }
}

/// A prepared statement; bind with 1-based indexes, read columns with 0-based indexes.
final class SQLiteStatement {
    private let pointer: OpaquePointer
    private unowned let connection: SQLiteConnection
    let sql: String
    /// The bytes of the text values bound last, which SQLite reads in place (`SQLITE_STATIC`) until the statement is
    /// bound again, reset or finalised: one copy per bind into memory the statement keeps, instead of an allocation
    /// and a copy inside SQLite per text value.
    private var boundText = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    init(pointer: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.pointer = pointer
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(pointer)
        boundText.deallocate()
    }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    @discardableResult
    func bind(_ values: SQLiteValue...) -> SQLiteStatement { bind(values) }

    @discardableResult
    func bind(_ values: [SQLiteValue]) -> SQLiteStatement {
        reserveBoundText(values.reduce(1) { total, value in
            if case .text(let text) = value { total + text.utf8.count } else { total }
        })
        var offset = 0
        for (position, value) in values.enumerated() {
            let index = Int32(position + 1)
            switch value {
            case .null: sqlite3_bind_null(pointer, index)
            case .integer(let number): sqlite3_bind_int64(pointer, index, number)
            case .text(var text):
                let start = boundText.baseAddress! + offset
                let count = text.withUTF8 { bytes in
                    if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
                    return bytes.count
                }
                sqlite3_bind_text(pointer, index, start.assumingMemoryBound(to: CChar.self), Int32(count), nil)
                offset += count
            }
        }
        return self
    }

    /// Makes room for `byteCount` bytes of bound text. Growing releases the old memory, so the bindings that point
    /// into it are cleared first.
    private func reserveBoundText(_ byteCount: Int) {
        guard byteCount > boundText.count else { return }
        sqlite3_clear_bindings(pointer)
        boundText.deallocate()
        boundText = .allocate(byteCount: max(byteCount, 2 * boundText.count, 256), alignment: 1)
    }

    /// Advances; true when a row is available.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(pointer)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(code: code, message: connection.lastErrorMessage, sql: sql)
        }
    }

    /// Runs to completion, ignoring rows.
    func run() throws(StoreError) {
        while try step() {}
    }

    /// Collects every row through `read`.
    func rows<T>(_ read: (SQLiteStatement) throws(StoreError) -> T) throws(StoreError) -> [T] {
        var result: [T] = []
        try forEachRow { row throws(StoreError) in result.append(try read(row)) }
        return result
    }

    /// Calls `body` with each row in turn, holding none of them.
    func forEachRow(_ body: (SQLiteStatement) throws(StoreError) -> Void) throws(StoreError) {
        while try step() { try body(self) }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(pointer, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(pointer, column) }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    /// A text or blob column's bytes, without building a `String`.
    func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(pointer, column))
        guard count > 0, let base = sqlite3_column_blob(pointer, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: count))
    }
    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(pointer, column) else { return "" }
        return String(cString: bytes)
    }
}

/// A value bound to a statement parameter.
enum SQLiteValue {
    case null
    case integer(Int64)
    case text(String)

    static func optional(_ value: Int64?) -> SQLiteValue { value.map(SQLiteValue.integer) ?? .null }
    static func optional(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }
}
