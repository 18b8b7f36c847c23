import SignalboxCore
import SignalboxStore

/// Keeps `time_entries` (each entry's latest approval, first billing and every approval's `seq`) and the hourly
/// totals of never-billed time in `unbilled_hours` up to date as approvals and invoices are stored.
///
/// Hour totals are gathered per (currency, hour) and written by ``flush()``, once per hour touched, before the
/// transaction commits.
struct SQLiteTimeEntryProjection {
    let connection: SQLiteConnection
    private var pendingHours: [HourKey: HourChange] = [:]

    init(connection: SQLiteConnection) { self.connection = connection }

    /// A time approval: the latest approval of an entry wins (a tie goes to the later arrival, this one). Returns true
    /// when the entry had no row yet, so no approval of it is stored either (the companion writes both together).
    mutating func approve(_ entry: TimeApproved, at: Timestamp, sequence: Int64) throws(StoreError) -> Bool {
        // Most approvals are an entry's first: one insert, no read.
        try connection.statement(constant: """
            INSERT INTO time_entries (time_entry_id, contract_id, resource, approved_at, hours_units, amount_units, currency,
                                      approval_seqs)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (time_entry_id) DO NOTHING
            """)
            .bind(.text(entry.timeEntryID), .text(entry.contractID), .text(entry.resource), .integer(at.microseconds),
                  .integer(entry.hours.units), .integer(entry.amount.units), .text(entry.currency), .text(String(sequence)))
            .run()
        if connection.changes == 1 {
            count(entry, at: at)
            return true
        }
        guard let stored = try storedEntry(entry.timeEntryID) else { return false }
        // Both updates append the approval's sequence (?2) to `approval_seqs`.
        guard stored.approvedAt.map({ at.microseconds >= $0 }) ?? true else {
            try connection.statement(constant: """
                UPDATE time_entries SET approval_seqs = CASE approval_seqs WHEN '' THEN ?2 ELSE approval_seqs || ',' || ?2 END
                WHERE time_entry_id = ?1
                """)
                .bind(.text(entry.timeEntryID), .integer(sequence))
                .run()
            return false
        }
        try connection.statement(constant: """
            UPDATE time_entries SET contract_id = ?3, resource = ?4, approved_at = ?5, hours_units = ?6, amount_units = ?7,
                currency = ?8, approval_seqs = CASE approval_seqs WHEN '' THEN ?2 ELSE approval_seqs || ',' || ?2 END
            WHERE time_entry_id = ?1
            """)
            .bind(.text(entry.timeEntryID), .integer(sequence), .text(entry.contractID), .text(entry.resource),
                  .integer(at.microseconds), .integer(entry.hours.units), .integer(entry.amount.units), .text(entry.currency))
            .run()
        guard stored.billedAt == nil else { return false }
        uncount(stored)
        count(entry, at: at)
        return false
    }

    /// An invoice billing the entry: the earliest billing is kept, also for an entry not yet approved.
    mutating func bill(_ timeEntryID: String, at: Timestamp) throws(StoreError) {
        // Most invoices bill an approved, unbilled entry: its row is read (what leaves the hour totals), then
        // updated while its page is still in the CPU's cache. (`UPDATE … RETURNING` does it in one statement, but
        // builds a temporary table for each.)
        if let stored = try storedEntry(timeEntryID), stored.billedAt == nil {
            try connection.statement(constant: "UPDATE time_entries SET billed_at = ?2 WHERE time_entry_id = ?1")
                .bind(.text(timeEntryID), .integer(at.microseconds))
                .run()
            uncount(stored)
            return
        }
        try connection.statement(constant: """
            INSERT INTO time_entries (time_entry_id, billed_at) VALUES (?1, ?2)
            ON CONFLICT (time_entry_id) DO UPDATE SET billed_at = ?2 WHERE ?2 < billed_at
            """)
            .bind(.text(timeEntryID), .integer(at.microseconds))
            .run()
    }

    /// Writes the gathered hour totals.
    mutating func flush() throws(StoreError) {
        for (key, change) in pendingHours where change != HourChange() {
            try connection.statement(constant: """
                INSERT INTO unbilled_hours (currency, hour, hours_units, amount_units, entries) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (currency, hour) DO UPDATE SET hours_units = hours_units + excluded.hours_units,
                    amount_units = amount_units + excluded.amount_units, entries = entries + excluded.entries
                """)
                .bind(.text(key.currency), .integer(key.hour), .integer(change.hours), .integer(change.amount), .integer(change.entries))
                .run()
        }
        pendingHours.removeAll(keepingCapacity: true)
    }

    /// Forgets the gathered hour totals of a transaction that is rolled back.
    mutating func discardPending() { pendingHours.removeAll(keepingCapacity: true) }

    // MARK: - Stored state

    /// An entry's row as read by `SELECT approved_at, billed_at, currency, hours_units, amount_units`.
    private struct StoredEntry {
        var approvedAt: Int64?
        var billedAt: Int64?
        var currency: String?
        var hours: Int64
        var amount: Int64

        init(_ row: SQLiteStatement) {
            approvedAt = row.optionalInt64(0)
            billedAt = row.optionalInt64(1)
            currency = row.isNull(2) ? nil : row.text(2)
            hours = row.int64(3)
            amount = row.int64(4)
        }
    }

    private func storedEntry(_ timeEntryID: String) throws(StoreError) -> StoredEntry? {
        let statement = try connection.statement(constant: """
            SELECT approved_at, billed_at, currency, hours_units, amount_units FROM time_entries WHERE time_entry_id = ?1
            """)
            .bind(.text(timeEntryID))
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return StoredEntry(statement)
    }

    // MARK: - Hour totals

    private struct HourKey: Hashable {
        var currency: String
        var hour: Int64
    }

    private struct HourChange: Equatable {
        var hours: Int64 = 0
        var amount: Int64 = 0
        var entries: Int64 = 0

        mutating func add(hours: Int64, amount: Int64, sign: Int64) {
            self.hours += sign * hours
            self.amount += sign * amount
            entries += sign
        }
    }

    /// Adds an approval that is now the entry's current one, never billed, to its hour's totals.
    private mutating func count(_ entry: TimeApproved, at: Timestamp) {
        count(entry.currency, approvedAt: at.microseconds, hours: entry.hours.units, amount: entry.amount.units, sign: 1)
    }

    /// Takes an approved, never-billed entry's current approval out of its hour's totals.
    private mutating func uncount(_ stored: StoredEntry) {
        guard let approvedAt = stored.approvedAt, let currency = stored.currency else { return }
        count(currency, approvedAt: approvedAt, hours: stored.hours, amount: stored.amount, sign: -1)
    }

    private mutating func count(_ currency: String, approvedAt: Int64, hours: Int64, amount: Int64, sign: Int64) {
        let key = HourKey(currency: currency, hour: SQLiteSchema.hour(of: approvedAt))
        pendingHours[key, default: HourChange()].add(hours: hours, amount: amount, sign: sign)
    }
}
