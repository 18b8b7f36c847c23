/// The indexes that make a page of the queue's default view (open exceptions) an index walk that stops at the
/// page's limit, in any sort order and from any keyset position: one per sort key, on the key's sort expression
/// then the exception id, over open exceptions only. Every store creates them from here, so that each expression
/// is the query's word for word, collation included (a database uses an expression index only then).
public enum ExceptionQueueIndexes {
    /// The index that serves sorting open exceptions by `key`, in either direction.
    public static func name(_ key: ExceptionSortKey) -> String { "exceptions_open_by_\(key.rawValue)" }

    /// One `CREATE INDEX` per sort key, in `dialect`'s spelling.
    public static func statements(_ dialect: ExceptionQuerySQL.Dialect) -> [String] {
        ExceptionSortKey.allCases.map { key in
            let sort = ExceptionQuerySQL.sortExpression(key, dialect: dialect).sql
            let id = "exception_id" + dialect.textCollation
            return "CREATE INDEX \(name(key)) ON exceptions (\(element(sort)), \(element(id))) WHERE \(ExceptionQuerySQL.openCondition)"
        }
    }

    /// A column as it is, any other expression in parentheses (as both databases require of an index element).
    private static func element(_ sql: String) -> String {
        sql.allSatisfy { $0.isLetter || $0 == "_" } ? sql : "(\(sql))"
    }
}
