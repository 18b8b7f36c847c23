import SignalboxCore
import SignalboxStore

/// The exception-queue SQL (``ExceptionQuerySQL``) in SQLite's spelling, and how its rows decode.
enum SQLiteExceptionQueries {
    static let dialect = ExceptionQuerySQL.Dialect(placeholder: { "?\($0)" }, textCollation: "",
                                                   zeroPadded: { "printf('%019d', \($0))" }, likeIgnoresASCIICase: true)

    static func values(_ parameters: [ExceptionQuerySQL.Parameter]) -> [SQLiteValue] {
        parameters.map { parameter in
            switch parameter {
            case .text(let text): .text(text)
            case .integer(let integer): .integer(integer)
            }
        }
    }

    static func row(_ row: SQLiteStatement) -> ExceptionRow {
        let subject = row.isNull(5) ? nil
            : SystemRecord(system: row.text(4), key: row.text(5), name: row.text(6))
        return ExceptionRow(
            exceptionID: row.text(0), kind: row.text(1), severity: row.text(2), summary: row.text(3), subject: subject,
            correlationID: row.text(7), amountAtRisk: row.optionalInt64(8).map(ExactDecimal.init(units:)),
            currency: row.isNull(9) ? nil : row.text(9), state: QueueState(rawValue: row.text(10)) ?? .open,
            stateLabel: row.text(11), assignee: row.isNull(12) ? nil : row.text(12),
            raisedAt: Timestamp(microseconds: row.int64(13)), version: row.int64(14),
            lastChange: row.isNull(15) ? nil : ActorStamp(by: row.text(15), at: Timestamp(microseconds: row.int64(16))),
            cursor: ExceptionCursor(sortValue: row.text(17), exceptionID: row.text(0))
        )
    }
}
