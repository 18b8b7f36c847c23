@testable import SignalboxSQLite
import XCTest

/// A statement copies its text values into memory it keeps, and SQLite reads them there until the next bind: every
/// value must read back as bound, and rows written stay as written, however the lengths change from bind to bind.
final class SQLiteStatementBindingTests: XCTestCase {
    private let lists: [[String]] = [
        ["a", "", "é ✓ 😀"],
        [String(repeating: "x", count: 300), "short", String(repeating: "ü", count: 1_000)],  // past the first size
        ["", "", ""],
        ["tiny", String(repeating: "y", count: 5_000), "z\u{0}after a NUL"],
        ["back", "to", "short"],
    ]

    func testEveryValueReadsBackAsBoundAcrossRebinds() throws {
        let connection = try SQLiteConnection(path: ":memory:", readOnly: false)
        for (number, texts) in lists.enumerated() {
            let read = try connection.statement("SELECT ?1, ?2, ?3, ?4, ?5")
                .bind(.text(texts[0]), .integer(Int64(number)), .text(texts[1]), .null, .text(texts[2]))
                .rows { row in [row.text(0), String(row.int64(1)), row.text(2), row.isNull(3) ? "NULL" : "?", row.bytesText(4)] }
            XCTAssertEqual(read, [[texts[0], String(number), texts[1], "NULL", texts[2]]])
        }
    }

    func testRowsWrittenKeepTheirValuesWhenTheStatementIsBoundAgain() throws {
        let connection = try SQLiteConnection(path: ":memory:", readOnly: false)
        try connection.execute("CREATE TABLE t (n INTEGER, a TEXT, b TEXT)")
        for (number, texts) in lists.enumerated() {
            try connection.statement("INSERT INTO t VALUES (?1, ?2, ?3)")
                .bind(.integer(Int64(number)), .text(texts[0]), .text(texts[1] + texts[2])).run()
        }
        let rows = try connection.statement("SELECT a, b FROM t ORDER BY n").rows { [$0.text(0), $0.bytesText(1)] }
        XCTAssertEqual(rows, lists.map { [$0[0], $0[1] + $0[2]] })
    }
}

private extension SQLiteStatement {
    /// A text column read by its length, NUL bytes included.
    func bytesText(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }
}
