import PostgresNIO
import SignalboxCore
import SignalboxStore

/// The exception-queue SQL (``ExceptionQuerySQL``) in PostgreSQL's spelling, and how its rows decode.
enum PostgresExceptionQueries {
    static let dialect = ExceptionQuerySQL.Dialect(placeholder: { "$\($0)" }, textCollation: #" COLLATE "C""#,
                                                   zeroPadded: { "lpad(\($0)::text, 19, '0')" }, likeIgnoresASCIICase: false)

    static func query(_ sql: String, _ parameters: [ExceptionQuerySQL.Parameter]) -> PostgresQuery {
        var bindings = PostgresBindings()
        for parameter in parameters {
            switch parameter {
            case .text(let text): bindings.append(text)
            case .integer(let integer): bindings.append(integer)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func row(_ row: PostgresRandomAccessRow) throws -> ExceptionRow {
        func text(_ index: Int) throws -> String { try row[index].decode(String.self) }
        func optionalText(_ index: Int) throws -> String? { try row[index].decode(String?.self) }
        func integer(_ index: Int) throws -> Int64 { try row[index].decode(Int64.self) }
        func optionalInteger(_ index: Int) throws -> Int64? { try row[index].decode(Int64?.self) }
        let subject = try optionalText(5).map { SystemRecord(system: try text(4), key: $0, name: try optionalText(6) ?? "") }
        let lastBy = try optionalText(15)
        return ExceptionRow(
            exceptionID: try text(0), kind: try text(1), severity: try text(2), summary: try text(3), subject: subject,
            correlationID: try text(7), amountAtRisk: try optionalInteger(8).map(ExactDecimal.init(units:)),
            currency: try optionalText(9), state: QueueState(rawValue: try text(10)) ?? .open,
            stateLabel: try text(11), assignee: try optionalText(12),
            raisedAt: Timestamp(microseconds: try integer(13)), version: try integer(14),
            lastChange: try lastBy.map { ActorStamp(by: $0, at: Timestamp(microseconds: try optionalInteger(16) ?? 0)) },
            cursor: ExceptionCursor(sortValue: try text(17), exceptionID: try text(0))
        )
    }
}
