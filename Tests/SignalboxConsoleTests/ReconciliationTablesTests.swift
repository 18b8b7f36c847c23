import SignalboxConsole
import SignalboxCore
import SignalboxStore
import XCTest

/// The tables behind the reconciliation controls: what `signalbox reconcile` prints and the console's drill-down
/// shows and exports.
final class ReconciliationTablesTests: XCTestCase {
    private func table(_ control: ReconciliationControl) -> DataTable {
        ReconciliationTables.table(control, ReconciliationFixtures.rows, psa: ReconciliationFixtures.psa)
    }

    private func exported(_ control: ReconciliationControl) -> ExportTable { table(control).exported(TableView()) }

    private func column(_ name: String, of table: ExportTable) throws -> [ExportValue] {
        let index = try XCTUnwrap(table.columns.firstIndex(of: name), "no column \(name) in \(table.columns)")
        return table.rows.map { $0[index] }
    }

    func testRowsAreListedLargestAmountFirstWithTiesInIdOrder() {
        XCTAssertEqual(table(.billingMismatch).rows.map(\.key), ["INV-2001/TE-0991", "INV-2001/TE-0990", "INV-2003/TE-0993", "INV-2002/TE-0992"])
        XCTAssertEqual(table(.rateLeakage).rows.map(\.key), ["TE-1004", "TE-1001", "TE-1002", "TE-1003"])
        XCTAssertEqual(table(.unbilledMilestones).rows.map(\.key), ["MS-302", "MS-301"])
    }

    /// Every control: the exported amounts per currency and direction add up exactly (eight decimals) to the signal
    /// the same rows make, so nothing is dropped, rounded or counted twice on the way to the table.
    func testEachControlsExportedAmountsAddUpToItsSignalPerCurrencyAndDirection() throws {
        let signal = ReconciliationFixtures.signal
        for control in ReconciliationControl.allCases {
            let export = exported(control)
            let currencies = try column("currency", of: export), amounts = try column("amount", of: export)
            let directions = export.columns.contains("direction") ? try column("direction", of: export) : nil
            var sums: [String: [String: ExactProduct]] = [:]
            for index in export.rows.indices {
                guard case .text(let currency) = currencies[index] else { return XCTFail("\(control): no currency in row \(index)") }
                let amount: ExactProduct
                switch amounts[index] {
                case .product(let value): amount = value
                case .decimal(let value): amount = ExactProduct(value)
                default: return XCTFail("\(control): amount \(amounts[index]) is not exact")
                }
                var direction = control == .unbilledMilestones ? "under" : "over"
                if case .text(let text)? = directions?[index] { direction = text }
                guard amount > .zero else { continue }
                sums[currency, default: [:]][direction, default: .zero] += amount
            }
            XCTAssertEqual(sums, control.amounts(in: signal), "\(control)")
        }
        XCTAssertEqual(ReconciliationControl.rateLeakage.amounts(in: signal)["USD"]?["over"]?.description, "32.90625")
    }

    func testARateLeakageRowNamesTheAmendmentThePSAMissed() throws {
        let rows = table(.rateLeakage).rows
        XCTAssertEqual(rows[0].cells.last, "v3 2026-10-01 · PSA pending")
        XCTAssertEqual(rows[2].cells.last, "v1 approval")
        XCTAssertEqual(rows[3].cells.last, "not on the card")
        XCTAssertEqual(try column("psa_amendment", of: exported(.rateLeakage)), [.text("pending"), .text("pending"), .none, .none])
        XCTAssertEqual(ReconciliationTables.amendmentsBehind(ReconciliationFixtures.rows),
                       [AmendmentKey(contractID: "CTR-LHTCKV-0000012", version: 3)])
    }

    func testThePSAsStateComesFromTheAmendmentStatusOfItsContractAndVersion() {
        func status(_ contract: String, differing: [AmendmentTarget: [String]], missing: [AmendmentTarget]) -> AmendmentStatus {
            AmendmentStatus(contractID: contract, version: 2, amendedAt: ReconciliationFixtures.asOf, propagation: .pending,
                            differingKeys: differing, missingTargets: missing)
        }
        let states = PSAAmendmentState.states([
            status("A", differing: [.erp: []], missing: [.psa]),
            status("B", differing: [.psa: ["rate_card"]], missing: [.erp]),
            status("C", differing: [.psa: [], .erp: ["total_value"]], missing: []),
        ])
        XCTAssertEqual(states, [AmendmentKey(contractID: "A", version: 2): .pending, AmendmentKey(contractID: "B", version: 2): .mismatched,
                                AmendmentKey(contractID: "C", version: 2): .applied])
    }

    func testEveryRowOpensItsContractsTrace() {
        for control in ReconciliationControl.allCases {
            for row in table(control).rows { XCTAssertTrue(row.correlationID?.hasPrefix("CTR-") ?? false, "\(control) \(row.key)") }
        }
    }

    func testJSONLinesAndCSVHoldExactAmountsAndDefuseFormulas() {
        var rows = ReconciliationFixtures.rows
        rows.overContractValue[0].contractID = "=HYPERLINK(\"http://x\")"
        let export = ReconciliationTables.table(.overContractValue, rows).exported(TableView())
        XCTAssertEqual(export.csv, "contract_id,value,invoiced,invoices,currency,amount\r\n"
            + "\"'=HYPERLINK(\"\"http://x\"\")\",500000.00,605000.00,6,USD,105000.00\r\n")
        let lines = exported(.rateLeakage).jsonLines.split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[2].contains(#""amount":32.90625"#), String(lines[2]))
        XCTAssertTrue(lines[2].hasPrefix(#"{"time_entry_id":"TE-1002","contract_id":"CTR-LHTCKV-0000031""#), String(lines[2]))
    }
}
