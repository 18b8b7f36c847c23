import SignalboxCore
import SignalboxStore

/// The queue's columns of one `exceptions` row: what the queue sorts, groups, filters and shows, folded from the
/// exception's events by ``ExceptionRecord``.
///
/// The ingest writer inserts a raised exception with the columns its raise alone gives, then compares them with the
/// fold of every logged event at ``SQLiteConnection/refreshExceptionQueues(_:logged:)``, which updates the row
/// only when they differ: the update touches twelve indexes and the queue's group counts, so an exception raised
/// and left alone in a transaction is written once.
struct SQLiteExceptionQueueColumns: Equatable {
    var severityRank: Int64
    var subjectSystem: String?
    var subjectKey: String?
    var subjectName: String?
    var amountUnits: Int64?
    var currency: String?
    var state: String
    var stateLabel: String
    var assignee: String?
    var version: Int64
    var lastBy: String?
    var lastAt: Int64?

    /// The columns in the order of ``values``.
    private static let columns = [
        "severity_rank", "subject_system", "subject_key", "subject_name", "amount_units", "currency", "state",
        "state_label", "assignee", "version", "last_by", "last_at",
    ]

    /// The columns' names, comma-separated, in the order of ``values``.
    static let names = columns.joined(separator: ", ")

    /// One numbered parameter per column, the first `?first`, in the order of ``values``.
    static func placeholders(from first: Int) -> String {
        columns.indices.map { "?\(first + $0)" }.joined(separator: ", ")
    }

    init(_ record: ExceptionRecord) {
        severityRank = Int64(record.severity.rank)
        subjectSystem = record.subject?.system
        subjectKey = record.subject?.key
        subjectName = record.subject?.name
        amountUnits = record.amountAtRisk?.units
        currency = record.currency
        state = QueueState(record.state).rawValue
        stateLabel = record.state.description
        assignee = record.assignee
        version = record.version
        lastBy = record.lastChange?.actor
        lastAt = record.lastChange?.at.microseconds
    }

    /// The stored columns of the exception bound to `?1`.
    static let select = "SELECT \(names) FROM exceptions WHERE exception_id = ?1"

    /// The table where a transaction holds the changed columns of its exceptions until ``updateFromHeld`` writes them.
    static let createHeld = "CREATE TEMP TABLE IF NOT EXISTS held_queue_columns (exception_id PRIMARY KEY, \(names))"

    /// Holds the columns of the exception bound to `?1`: the ``values`` bound from `?2` on.
    static let hold = "INSERT OR REPLACE INTO temp.held_queue_columns (exception_id, \(names)) VALUES (?1, \(placeholders(from: 2)))"

    /// Writes the held columns into `exceptions` and empties the table.
    static let updateFromHeld = """
        UPDATE exceptions SET (\(names)) = (SELECT \(names) FROM temp.held_queue_columns AS held
            WHERE held.exception_id = exceptions.exception_id)
        WHERE exception_id IN (SELECT exception_id FROM temp.held_queue_columns);
        DELETE FROM temp.held_queue_columns;
        """

    /// Reads the columns selected in the order of ``names``.
    init(row: SQLiteStatement) {
        severityRank = row.int64(0)
        subjectSystem = row.optionalText(1)
        subjectKey = row.optionalText(2)
        subjectName = row.optionalText(3)
        amountUnits = row.optionalInt64(4)
        currency = row.optionalText(5)
        state = row.text(6)
        stateLabel = row.text(7)
        assignee = row.optionalText(8)
        version = row.int64(9)
        lastBy = row.optionalText(10)
        lastAt = row.optionalInt64(11)
    }

    /// The values to bind, in the order of ``names``.
    var values: [SQLiteValue] {
        [.integer(severityRank), .optional(subjectSystem), .optional(subjectKey), .optional(subjectName),
         .optional(amountUnits), .optional(currency), .text(state), .text(stateLabel), .optional(assignee),
         .integer(version), .optional(lastBy), .optional(lastAt)]
    }
}
