import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// CSV per RFC 4180, JSON with exact amounts, and `:export` taking the table on screen with its filter and sort.
final class ExportTests: XCTestCase {
    func testCSVQuotesOnlyWhatMustBeQuoted() {
        XCTAssertEqual(CSVWriter.field("plain"), "plain")
        XCTAssertEqual(CSVWriter.field(""), "")
        XCTAssertEqual(CSVWriter.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.field(#"say "hi""#), #""say ""hi""""#)
        XCTAssertEqual(CSVWriter.field("\""), "\"\"\"\"")
        XCTAssertEqual(CSVWriter.field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSVWriter.field("cr\rhere"), "\"cr\rhere\"")
        XCTAssertEqual(CSVWriter.field(" padded "), "\" padded \"")
    }

    /// A note or a subject a source system wrote is untrusted: a spreadsheet must not run it as a formula.
    func testCSVDefusesWhatASpreadsheetWouldRunAsAFormula() {
        XCTAssertEqual(CSVWriter.field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"")
        XCTAssertEqual(CSVWriter.field("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVWriter.field("+cmd"), "'+cmd")
        XCTAssertEqual(CSVWriter.field("-2+3"), "'-2+3")
        XCTAssertEqual(CSVWriter.field("\tx"), "'\tx")
        XCTAssertEqual(CSVWriter.field("-"), "'-")
        XCTAssertEqual(CSVWriter.field("-12.50"), "-12.50", "a negative amount stays a number")
        XCTAssertEqual(CSVWriter.field("+3"), "+3")
        XCTAssertEqual(CSVWriter.field("a=b"), "a=b")
        XCTAssertEqual(CSVWriter.field("Müller & Søn · 東京"), "Müller & Søn · 東京")
        XCTAssertEqual(CSVWriter.field("'single' ;semi\ttab"), "'single' ;semi\ttab")
        XCTAssertEqual(CSVWriter.document([["a", "b"], ["1", ""], [""]]), "a,b\r\n1,\r\n\r\n")
    }

    /// Control characters never reach the file (a terminal `cat`ing it or a spreadsheet would obey them); what is
    /// left is quoted as RFC 4180 says, and an amount keeps every digit.
    func testExportedTextIsSanitisedAndAmountsAreExact() throws {
        let table = ExportTable(columns: ["id", "summary", "amount", "n", "missing"], rows: [
            [.text("X1"), .text("red\u{1B}[31m, \"quoted\"\nnext\u{202E}line"), .decimal(decimal("1234567.5")), .integer(-3), .none],
            [.text("X2"), .text("plain"), .decimal(decimal("0.0001")), .integer(0), .text(nil)],
        ])
        XCTAssertEqual(table.csv, "id,summary,amount,n,missing\r\n"
                       + "X1,\"red [31m, \"\"quoted\"\" next line\",1234567.50,-3,\r\n"
                       + "X2,plain,0.0001,0,\r\n")
        XCTAssertEqual(table.json, """
            [
            {"id":"X1","summary":"red [31m, \\"quoted\\" next line","amount":1234567.50,"n":-3,"missing":null},
            {"id":"X2","summary":"plain","amount":0.0001,"n":0,"missing":null}
            ]

            """)
        XCTAssertEqual(ExportTable(columns: ["a"], rows: []).json, "[]\n")
        XCTAssertEqual(ExportTable(columns: ["a"], rows: []).csv, "a\r\n")
    }

    /// A drill-down exports every row it holds, filtered and sorted as on screen, with machine columns and exact money.
    func testDrillDownExportFollowsTheFilterAndSortOnScreen() {
        let asOf = ConsoleFixtures.asOf
        let entries = [("T1", "C-1", "1500.25"), ("T2", "C-2", "99.99"), ("T3", "C-1", "20000.00")].map { id, contract, amount in
            UnbilledEntry(timeEntryID: id, contractID: contract, customerName: "Acme, Inc.", resource: "ana", currency: "EUR",
                          hours: decimal("7.5"), amount: decimal(amount), approvedAt: asOf.subtracting(.days(40)))
        }
        let table = DrillDownTables.unbilled(entries, asOf: asOf)
        var view = TableView()
        view.filter = "C-1"
        view.sortColumn = 4   // AMOUNT
        view.ascending = false
        let exported = table.exported(view)
        XCTAssertEqual(exported.columns, ["time_entry_id", "contract_id", "customer", "hours", "amount", "currency", "approved_at",
                                          "age_bucket_days", "resource"])
        XCTAssertEqual(exported.csv, "time_entry_id,contract_id,customer,hours,amount,currency,approved_at,age_bucket_days,resource\r\n"
                       + "T3,C-1,\"Acme, Inc.\",7.50,20000.00,EUR,2026-09-21T00:00:00Z,31-60,ana\r\n"
                       + "T1,C-1,\"Acme, Inc.\",7.50,1500.25,EUR,2026-09-21T00:00:00Z,31-60,ana\r\n")
    }

    func testExportCommandTakesTheTableOnScreen() throws {
        var state = QueueFixtures.queueState()
        state = typeCommand("export csv /tmp/queue export.csv", into: state).state
        guard case .queue(let screen) = state.screen else { return XCTFail("not on the queue") }
        let (after, effects) = typeCommand("export json ~/q.json", into: state)
        XCTAssertEqual(effects, [.export(ExportJob(target: .queue(screen.query, asOf: ConsoleFixtures.asOf), format: .json, path: "~/q.json"))])
        XCTAssertEqual(after.message, "exporting to ~/q.json…")

        let done = ConsoleUpdate.update(after, .exported(path: "/home/ana/q.json", rows: 1234)).0
        XCTAssertEqual(done.message, "exported 1,234 rows to /home/ana/q.json")
        let failed = ConsoleUpdate.update(after, .exportFailed("cannot write /x/q.json: no such directory /x")).0
        XCTAssertEqual(failed.message, "nothing exported: cannot write /x/q.json: no such directory /x")
    }

    func testExportCommandOnATableAndItsRefusals() {
        var state = ConsoleFixtures.loadedState(size: Size(width: 80, height: 24))
        XCTAssertEqual(typeCommand("export csv out.csv", into: state).state.message,
                       "nothing exported: no table here: open one first (Enter on a tile, e for the queue)")
        XCTAssertEqual(typeCommand("export xml out.xml", into: state).state.message, "usage: :export csv PATH  or  :export json PATH")
        XCTAssertEqual(typeCommand("export csv", into: state).effects, [])

        state = ConsoleUpdate.update(state, .key(.enter)).0   // the focused tile's drill-down
        guard case .table(var screen) = state.screen else { return XCTFail("no drill-down") }
        screen.view.filter = "C-1"
        screen.view.sortColumn = 2
        state.screen = .table(screen)
        XCTAssertEqual(typeCommand("export csv out.csv", into: state).effects,
                       [.export(ExportJob(target: .table(screen.source, screen.view), format: .csv, path: "out.csv"))])
    }

    func testCSVAndJSONFilesAreWrittenWholeOrNotAtAll() throws {
        let directory = try temporaryDirectory(self)
        try ExportFile.write("a\r\n", to: directory + "/out.csv")
        try ExportFile.write("b\r\n", to: directory + "/out.csv")
        XCTAssertEqual(try String(contentsOfFile: directory + "/out.csv", encoding: .utf8), "b\r\n")
        XCTAssertThrowsError(try ExportFile.write("x", to: directory + "/missing/out.csv")) { error in
            XCTAssertEqual("\(error)", "cannot write \(directory)/missing/out.csv: no such directory \(directory)/missing")
        }
        XCTAssertThrowsError(try ExportFile.write("x", to: directory))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["out.csv"], "no partial file left")
        XCTAssertEqual(ExportFile.expand("~/q.csv", home: "/home/ana"), "/home/ana/q.csv")
        XCTAssertEqual(ExportFile.expand("~bob/q.csv", home: "/home/ana"), "~bob/q.csv")
    }

    /// Types `:` then `command` then Enter.
    private func typeCommand(_ command: String, into state: ConsoleState) -> (state: ConsoleState, effects: [ConsoleEffect]) {
        var state = ConsoleUpdate.update(state, .key(.character(":"))).0
        for character in command { state = ConsoleUpdate.update(state, .key(.character(character))).0 }
        return ConsoleUpdate.update(state, .key(.enter))
    }
}
