import Foundation
import XCTest

/// Canonical events that every §10 control finds something in, as of ``asOf`` over a 7-day window (by hand):
/// - rate leakage USD: TE-1 priced 100 where amendment v2 (effective 2026-11-10, never applied by the PSA) says 110
///   → under 80.00; TE-2 at 130.15 over the card's 120 for 2.25 h → over 22.8375; TE-3's role QA is not on the card
///   → unpriced; TE-4 worked before v2 took effect → priced right;
/// - billing mismatch USD: TE-1 billed 850 (approved 800) → over 50; TE-2 billed 280 (approved 292.84) → under
///   12.84; TE-9 never approved, billed 60 → unapproved;
/// - double billed USD: TE-4 on INV-1, then INV-2 → 400;
/// - unbilled milestones EUR: M-2 accepted, on no invoice → 2000 (M-1 is invoiced);
/// - over contract value EUR: C-2 worth 1000, invoiced 1500 → excess 500.
enum ReconciliationEvents {
    static let asOf = "2026-11-20T12:00:00Z"

    static let lines: [String] = {
        func event(_ id: String, _ type: String, _ at: String, _ source: String, _ contract: String, _ data: String) -> String {
            #"{"event_id":"\#(id)","type":"\#(type)","occurred_at":"\#(at)","source":"\#(source)","correlation_id":"\#(contract)","data":\#(data)}"#
        }
        func time(_ id: String, role: String, date: String, hours: String, rate: String, amount: String, at: String) -> String {
            event("t-\(id)", "time.approved", at, "PSA", "C-1",
                  #"{"time_entry_id":"\#(id)","contract_id":"C-1","project_id":"P-1","resource":"r-1","role":"\#(role)","work_date":"\#(date)","hours":"\#(hours)","rate":"\#(rate)","amount":"\#(amount)","currency":"USD"}"#)
        }
        func contract(_ id: String, currency: String, value: String, card: String) -> String {
            event("a-\(id)", "contract.approved", "2026-10-01T09:00:00Z", "CLM", id,
                  #"{"contract_id":"\#(id)","customer":{"system":"CRM","key":"K-\#(id)","name":"Customer \#(id)"},"legal_entity":"LE-1","currency":"\#(currency)","billing_model":"time_and_materials","total_value":"\#(value)","rate_card":\#(card),"start_date":"2026-10-01","end_date":"2027-09-30"}"#)
        }
        return [
            contract("C-1", currency: "USD", value: "10000", card: #"[{"role":"Dev","rate":"100"},{"role":"PM","rate":"120"}]"#),
            contract("C-2", currency: "EUR", value: "1000", card: #"[{"role":"Dev","rate":"90"}]"#),
            event("m-c1-2", "contract.amended", "2026-11-05T09:00:00Z", "CLM", "C-1",
                  #"{"contract_id":"C-1","version":2,"effective_date":"2026-11-10","changes":{"rate_card":[{"role":"Dev","rate":"110"}]}}"#),
            time("TE-1", role: "Dev", date: "2026-11-12", hours: "8", rate: "100", amount: "800", at: "2026-11-14T10:00:00Z"),
            time("TE-2", role: "PM", date: "2026-11-12", hours: "2.25", rate: "130.15", amount: "292.84", at: "2026-11-14T10:00:00Z"),
            time("TE-3", role: "QA", date: "2026-11-12", hours: "1", rate: "90", amount: "90", at: "2026-11-14T10:00:00Z"),
            time("TE-4", role: "Dev", date: "2026-11-09", hours: "4", rate: "100", amount: "400", at: "2026-11-14T10:00:00Z"),
            event("i-1", "invoice.posted", "2026-11-15T10:00:00Z", "ERP", "C-1",
                  #"{"invoice_id":"INV-1","contract_id":"C-1","currency":"USD","total":"1310","lines":[{"time_entry_id":"TE-1","amount":"850"},{"time_entry_id":"TE-4","amount":"400"},{"time_entry_id":"TE-9","amount":"60"}]}"#),
            event("i-2", "invoice.posted", "2026-11-16T10:00:00Z", "ERP", "C-1",
                  #"{"invoice_id":"INV-2","contract_id":"C-1","currency":"USD","total":"680","lines":[{"time_entry_id":"TE-4","amount":"400"},{"time_entry_id":"TE-2","amount":"280"}]}"#),
            event("ms-1", "milestone.accepted", "2026-11-01T10:00:00Z", "PSA", "C-2",
                  #"{"milestone_id":"M-1","contract_id":"C-2","amount":"1500","currency":"EUR"}"#),
            event("ms-2", "milestone.accepted", "2026-11-01T10:00:00Z", "PSA", "C-2",
                  #"{"milestone_id":"M-2","contract_id":"C-2","amount":"2000","currency":"EUR"}"#),
            event("i-3", "invoice.posted", "2026-11-17T10:00:00Z", "ERP", "C-2",
                  #"{"invoice_id":"INV-3","contract_id":"C-2","currency":"EUR","total":"1500","lines":[{"milestone_id":"M-1","amount":"1500"}]}"#),
        ]
    }()

    /// Writes the events to `directory/events.jsonl` and returns its path.
    static func write(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("events.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// Checks that `signalbox reconcile`'s rows add up to `signals --json`'s §10, control by control.
struct ReconciliationSums {
    let runner: CommandRunner
    /// `--store S` or `--from-events F`.
    let source: [String]

    /// Each control's JSON Lines rows.
    func rows(_ control: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let result = try runner.run(["reconcile", control, "--json", "--as-of", ReconciliationEvents.asOf, "--window", "7d"] + source)
        XCTAssertEqual(result.status, 0, result.standardError, file: file, line: line)
        return try result.standardOutput.split(separator: "\n").map { text in
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], file: file, line: line)
            // Amounts exactly as written (JSONSerialization would go through Double).
            var exact = object
            for key in ["amount", "hours"] where object[key] != nil {
                exact[key] = try XCTUnwrap(Self.rawNumber(key, in: String(text)), file: file, line: line)
            }
            return exact
        }
    }

    /// The §10 object of `signals --json`.
    func signal(file: StaticString = #filePath, line: UInt = #line) throws -> [String: [String: [String: Any]]] {
        let result = try runner.run(["signals", "--json", "--as-of", ReconciliationEvents.asOf, "--window", "7d"] + source)
        XCTAssertEqual(result.status, 0, result.standardError, file: file, line: line)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        return try XCTUnwrap(document["reconciliation"] as? [String: [String: [String: Any]]], file: file, line: line)
    }

    /// The sums and counts the rows of every control make, keyed like `signals --json` (control, currency, figure),
    /// amounts rounded to cents only after adding up.
    func figuresFromRows() throws -> [String: [String: [String: Decimal]]] {
        var figures: [String: [String: [String: Decimal]]] = [:]
        func add(_ control: String, _ currency: String, _ key: String, _ value: Decimal) {
            figures[control, default: [:]][currency, default: [:]][key, default: 0] += value
        }
        for row in try rows("rate-leakage") {
            let currency = try XCTUnwrap(row["currency"] as? String), direction = try XCTUnwrap(row["direction"] as? String)
            if direction == "unpriced" { add("rate_leakage", currency, "unpriced", 1); continue }
            add("rate_leakage", currency, direction + "_amount", try XCTUnwrap(row["amount"] as? Decimal))
            add("rate_leakage", currency, direction == "under" ? "over_amount" : "under_amount", 0)
            add("rate_leakage", currency, "entries", 1)
            add("rate_leakage", currency, "hours", try XCTUnwrap(row["hours"] as? Decimal))
            add("rate_leakage", currency, "unpriced", 0)
        }
        for row in try rows("billing-mismatch") {
            let currency = try XCTUnwrap(row["currency"] as? String), direction = try XCTUnwrap(row["direction"] as? String)
            let amount = try XCTUnwrap(row["amount"] as? Decimal)
            for key in ["lines", "over_amount", "under_amount", "unapproved_lines", "unapproved_amount"] { add("billing_mismatch", currency, key, 0) }
            if direction == "unapproved" {
                add("billing_mismatch", currency, "unapproved_lines", 1)
                add("billing_mismatch", currency, "unapproved_amount", amount)
            } else {
                add("billing_mismatch", currency, "lines", 1)
                if direction != "currency" { add("billing_mismatch", currency, direction + "_amount", amount) }
            }
        }
        var doubleEntries: [String: Set<String>] = [:]
        for row in try rows("double-billed") {
            let currency = try XCTUnwrap(row["currency"] as? String)
            add("double_billed", currency, "amount", try XCTUnwrap(row["amount"] as? Decimal))
            doubleEntries[currency, default: []].insert(try XCTUnwrap(row["time_entry_id"] as? String))
        }
        for (currency, entries) in doubleEntries { add("double_billed", currency, "entries", Decimal(entries.count)) }
        for row in try rows("unbilled-milestones") {
            let currency = try XCTUnwrap(row["currency"] as? String)
            add("unbilled_milestones", currency, "amount", try XCTUnwrap(row["amount"] as? Decimal))
            add("unbilled_milestones", currency, "milestones", 1)
        }
        for row in try rows("over-contract-value") {
            let currency = try XCTUnwrap(row["currency"] as? String)
            add("over_contract_value", currency, "excess", try XCTUnwrap(row["amount"] as? Decimal))
            add("over_contract_value", currency, "contracts", 1)
        }
        return figures.mapValues { $0.mapValues { $0.mapValues(Self.cents) } }
    }

    /// Every figure of `signals --json`'s §10 (milestone buckets aside), as decimals.
    func figuresFromSignal() throws -> [String: [String: [String: Decimal]]] {
        try signal().mapValues { currencies in
            try currencies.mapValues { figures in
                var numbers: [String: Decimal] = [:]
                for (key, value) in figures where key != "buckets" {
                    numbers[key] = try XCTUnwrap(Decimal(string: "\(try XCTUnwrap(value as? NSNumber))"), key)
                }
                return numbers
            }
        }.filter { !$0.value.isEmpty }
    }

    /// Asserts the two agree, and that every control found something.
    func assertRowsAddUpToTheSignal(file: StaticString = #filePath, line: UInt = #line) throws {
        let fromRows = try figuresFromRows(), fromSignal = try figuresFromSignal()
        XCTAssertEqual(Set(fromRows.keys), ["rate_leakage", "billing_mismatch", "double_billed", "unbilled_milestones", "over_contract_value"],
                       "every control finds something in the fixture", file: file, line: line)
        XCTAssertEqual(fromRows, fromSignal, file: file, line: line)
    }

    /// `value` rounded half away from zero to cents (every figure here is ≥ 0).
    static func cents(_ value: Decimal) -> Decimal {
        var input = value, result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        return result
    }

    /// The digits of `"key":NUMBER` in a JSON line, as an exact decimal.
    static func rawNumber(_ key: String, in line: String) -> Decimal? {
        guard let range = line.range(of: "\"\(key)\":") else { return nil }
        let digits = line[range.upperBound...].prefix { "0123456789.-".contains($0) }
        return Decimal(string: String(digits))
    }
}
