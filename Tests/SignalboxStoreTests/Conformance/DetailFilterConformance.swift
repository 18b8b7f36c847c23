import Foundation
import SignalboxCore
import SignalboxStore
import XCTest

/// The activation drill-down filtered and sorted in the store keeps exactly the rows, in exactly the order, that the
/// same filter (``DetailFilter``) and sort keep over the whole list read unfiltered: `%`, `_`, `\` and quotes in the
/// user's text are text, only ASCII letters fold, `!` inverts, and the count is of every matching row.
extension StoreConformanceTests {
    func checkAStoreSideFilterKeepsExactlyTheRowsTheInMemoryFilterKeeps() async throws {
        let customers = ["Acme", "ACME Corp", "100% Fun_Ltd", #"Back\slash"#, "Ökotech", "globex", "O'Brien"]
        var lines: [String] = []
        for index in 1...28 {
            let contract = "CTR-\(index)"
            let approved = 1_000 + index * 37 % 29   // minutes after the 1st, 09:00, out of id order
            func at(_ minutes: Int) -> String { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_793_523_600 + Double(minutes * 60))) }
            let name = customers[index % customers.count].replacing("\\", with: "\\\\")
            lines.append(EventLines.envelope("a-\(index)", "contract.approved", at(approved), source: "CLM", correlation: contract,
                                             data: #"{"contract_id":"\#(contract)","customer":{"system":"CRM","key":"K\#(index)","name":"\#(name)"},"legal_entity":"US01","currency":"USD","billing_model":"time_and_materials","total_value":"1000.00","rate_card":[{"role":"Dev","rate":100}],"start_date":"2026-01-01","end_date":"2026-12-31"}"#))
            if index % 3 == 0 {
                lines.append(EventLines.envelope("p-\(index)", "project.provisioned", at(approved + 60 * (index % 5 + 1)), source: "PSA",
                                                 correlation: contract, data: #"{"contract_id":"\#(contract)","project_id":"P-\#(index)"}"#))
            }
            if index % 2 == 0 {
                lines.append(EventLines.envelope("b-\(index)", "billing_schedule.created", at(approved + 90 * (index % 4 + 1)), source: "ERP",
                                                 correlation: contract, data: #"{"contract_id":"\#(contract)","schedule_id":"S-\#(index)"}"#))
            }
        }
        let path = try directory.write("contracts.jsonl", lines.joined(separator: "\n") + "\n")
        let store = try await makeStore()
        _ = try await IngestPipeline(batchSize: 7).ingest(path: path, into: store)
        let asOf = ts("2026-11-20T00:00:00Z"), window = SignalDuration.days(30)

        let whole = try await store.activationDetails(asOf: asOf, window: window, request: DetailRequest(limit: 1_000))
        XCTAssertEqual(whole.matching, 28)
        let uncounted = try await store.activationDetails(asOf: asOf, window: window, request: DetailRequest(limit: 1_000, countsMatching: false))
        XCTAssertNil(uncounted.matching, "not asked, not counted")
        XCTAssertEqual(uncounted.rows.pending.map(\.contractID) + uncounted.rows.activated.map(\.contractID),
                       whole.rows.pending.map(\.contractID) + whole.rows.activated.map(\.contractID))
        XCTAssertFalse(whole.rows.pending.isEmpty || whole.rows.activated.isEmpty, "both parts are exercised")

        let filters = ["", "ctr-1", "CTR-2", "acme", "ACME", "%", "_", "100%", "n_l", #"\"#, #"k\s"#, "'", "' OR 1=1 --", "pending",
                       "activated", "waiting for project", "project+billing", "billing", "ö", "Ö", "kotech", "!acme", "!pending", "!", "zzz"]
        for typed in filters {
            let filter = DetailFilter(typed)
            let pending = whole.rows.pending.filter { filter.matches($0.searchableText) }
            let activated = whole.rows.activated.filter { filter.matches($0.searchableText) }
            for sort in [nil] + (0...4).map(Optional.some) {
                for ascending in sort == nil ? [true] : [true, false] {
                    for limit in [1_000, 3] {
                        let request = DetailRequest(filter: filter, sortColumn: sort, ascending: ascending, limit: limit)
                        let page = try await store.activationDetails(asOf: asOf, window: window, request: request)
                        let label = "filter \(typed), sort \(sort.map(String.init) ?? "none") \(ascending ? "asc" : "desc"), limit \(limit)"
                        XCTAssertEqual(page.matching, pending.count + activated.count, label)
                        XCTAssertEqual(page.rows.pending.map(\.contractID),
                                       Array(Self.sorted(pending, sort, ascending, key: Self.pendingKey(asOf: asOf)).prefix(limit)).map(\.contractID), label)
                        XCTAssertEqual(page.rows.activated.map(\.contractID),
                                       Array(Self.sorted(activated, sort, ascending, key: Self.activatedKey).prefix(limit)).map(\.contractID), label)
                    }
                }
            }
        }
        let acme = try await store.activationDetails(asOf: asOf, window: window, request: DetailRequest(filter: DetailFilter("AcMe"), limit: 1_000))
        XCTAssertEqual(Set((acme.rows.pending.map(\.customerName) + acme.rows.activated.map(\.customerName))), ["Acme", "ACME Corp"])
        let percent = try await store.activationDetails(asOf: asOf, window: window, request: DetailRequest(filter: DetailFilter("0%"), limit: 1_000))
        XCTAssertEqual(Set((percent.rows.pending.map(\.customerName) + percent.rows.activated.map(\.customerName))), ["100% Fun_Ltd"],
                       "% is a character, not a wildcard")
    }

    /// A pending contract's sort key per column as the console's drill-down shows them (contract, customer, state,
    /// age, detail); nil: the same on every row of the part.
    private static func pendingKey(asOf: Timestamp) -> (PendingActivation, Int) -> DetailSortKey? {
        { item, column in
            switch column {
            case 0: .text(item.contractID)
            case 1: .text(item.customerName)
            case 3: .number(asOf.since(item.approvedAt).microseconds)
            case 4: .text(item.waitingFor)
            default: nil
            }
        }
    }

    private static func activatedKey(_ item: ActivatedContract, _ column: Int) -> DetailSortKey? {
        switch column {
        case 0: .text(item.contractID)
        case 1: .text(item.customerName)
        case 3: .number(item.latency.microseconds)
        case 4: .number(item.activatedAt.microseconds)
        default: nil
        }
    }

    /// `items` stably sorted by `column` (rows whose keys are equivalent, or have none, keep their order).
    static func sorted<Item>(_ items: [Item], _ column: Int?, _ ascending: Bool, key: (Item, Int) -> DetailSortKey?) -> [Item] {
        guard let column else { return items }
        return items.enumerated().sorted { left, right in
            if let a = key(left.element, column), let b = key(right.element, column) {
                if a < b { return ascending }
                if b < a { return !ascending }
            }
            return left.offset < right.offset
        }.map(\.element)
    }
}

/// The unbilled and time-to-invoice drill-downs filtered and sorted in the store equal the same filter and sort over
/// the whole list, including entries approved again after T or after their invoice (whose approval comes from the log).
extension StoreConformanceTests {
    func checkStoreSideFiltersOfTimeListsKeepExactlyTheRowsTheInMemoryFilterKeeps() async throws {
        let customers = ["Acme", "100% Fun_Ltd", #"Back\slash"#, "Ökotech"]
        var lines = customers.enumerated().map { index, name in
            EventLines.envelope("c-\(index)", "contract.approved", "2026-10-01T09:00:00Z", source: "CLM", correlation: "CTR-\(index)",
                                data: #"{"contract_id":"CTR-\#(index)","customer":{"system":"CRM","key":"K\#(index)","name":"\#(name.replacing("\\", with: "\\\\"))"},"legal_entity":"US01","currency":"USD","billing_model":"time_and_materials","total_value":"1000.00","rate_card":[{"role":"Dev","rate":100}],"start_date":"2026-01-01","end_date":"2026-12-31"}"#)
        }
        func approval(_ event: String, entry: Int, hours: Int, currency: String, day: Int) -> String {
            let resources = ["ana", "BOB", "c_d", "Zoë"]
            return EventLines.envelope(event, "time.approved", String(format: "2026-11-%02dT%02d:00:00Z", day, 8 + entry % 9),
                                       source: "PSA", correlation: "CTR-\(entry % 5)",
                                       data: #"{"time_entry_id":"TE-\#(entry)","contract_id":"CTR-\#(entry % 5)","project_id":"P-1","resource":"\#(resources[entry % 4])","role":"Dev","work_date":"2026-11-01","hours":\#(hours),"rate":100,"amount":\#(hours * 100),"currency":"\#(currency)"}"#)
        }
        for entry in 1...24 {
            lines.append(approval("t-\(entry)", entry: entry, hours: entry % 7 + 1, currency: entry % 3 == 0 ? "EUR" : "USD", day: 1 + entry % 9))
            if entry % 5 == 0 {   // approved again after T, with another amount and currency
                lines.append(approval("t2-\(entry)", entry: entry, hours: 9, currency: "GBP", day: 25))
            }
        }
        let invoiced = [1, 2, 3, 5, 10, 11, 12, 14, 15, 21]   // 5, 10 and 15 are approved again after the invoice
        lines.append(EventLines.envelope("inv", "invoice.posted", "2026-11-12T09:00:00Z", source: "ERP",
                                         data: #"{"invoice_id":"I-1","contract_id":"CTR-1","currency":"USD","total":100,"lines":[\#(invoiced.map { #"{"time_entry_id":"TE-\#($0)","amount":100}"# }.joined(separator: ","))]}"#))
        let path = try directory.write("time.jsonl", lines.joined(separator: "\n") + "\n")
        let store = try await makeStore()
        _ = try await IngestPipeline(batchSize: 5).ingest(path: path, into: store)
        let asOf = ts("2026-11-20T00:00:00Z")

        let whole = try await store.unbilledEntries(asOf: asOf, request: DetailRequest(limit: 1_000))
        XCTAssertEqual(whole.matching, whole.rows.count)
        let uncounted = try await store.unbilledEntries(asOf: asOf, request: DetailRequest(limit: 1_000, countsMatching: false))
        XCTAssertNil(uncounted.matching, "not asked, not counted")
        XCTAssertEqual(uncounted.rows.map(\.timeEntryID), whole.rows.map(\.timeEntryID))
        // The list as it opens (no filter, no sort) is read from the index in the list's own order: the same order
        // as the list sorted here, and the same rows as the general query's (a filter that keeps every row).
        XCTAssertEqual(whole.rows.map(\.timeEntryID), whole.rows.sorted(by: UnbilledEntry.inListOrder).map(\.timeEntryID))
        let general = try await store.unbilledEntries(asOf: asOf, request: DetailRequest(filter: DetailFilter("!\u{1F}"), limit: 1_000))
        XCTAssertEqual(general.rows.map(\.timeEntryID), whole.rows.map(\.timeEntryID))
        for limit in [0, 1, 3] {
            let first = try await store.unbilledEntries(asOf: asOf, request: DetailRequest(limit: limit))
            XCTAssertEqual(first.rows.map(\.timeEntryID), Array(whole.rows.prefix(limit)).map(\.timeEntryID), "limit \(limit)")
        }
        // Before the invoice (11-12) its entries were unbilled, billed after that T: both halves of the index read.
        let beforeInvoice = ts("2026-11-11T00:00:00Z")
        let opening = try await store.unbilledEntries(asOf: beforeInvoice, request: DetailRequest(limit: 1_000))
        let everyRow = try await store.unbilledEntries(asOf: beforeInvoice, request: DetailRequest(filter: DetailFilter("!\u{1F}"), limit: 1_000))
        XCTAssertEqual(opening.rows.map(\.timeEntryID), everyRow.rows.map(\.timeEntryID))
        XCTAssertTrue(opening.rows.contains { $0.timeEntryID == "TE-1" }, "billed after T, unbilled at T")
        try await assertStoreMatchesMemory(opening.rows, columns: 7, label: "unbilled before the invoice", id: \.timeEntryID,
                                           filters: ["te-1", "!te-1", "acme", "!acme", "usd"], text: \.searchableText,
                                           keys: { $0.sortKeys(asOf: beforeInvoice) }) { request in
            try await store.unbilledEntries(asOf: beforeInvoice, request: request)
        }
        XCTAssertTrue(whole.rows.contains { $0.timeEntryID == "TE-20" && $0.currency != "GBP" }, "an entry approved again after T is as of T")
        XCTAssertFalse(whole.rows.contains { $0.timeEntryID == "TE-1" }, "a billed entry is not unbilled")

        try await assertStoreMatchesMemory(whole.rows, columns: 7, label: "unbilled", id: \.timeEntryID,
                                           filters: ["", "te-1", "TE-2", "acme", "%", "_", "0%", #"\"#, "ana", "bob", "ö", "Ö", "zo",
                                                     "eur", "usd", "ctr-4", "!usd", "!te-1", "' OR 1=1 --"],
                                           text: \.searchableText, keys: { $0.sortKeys(asOf: asOf) }) { request in
            try await store.unbilledEntries(asOf: asOf, request: request)
        }

        let window = SignalDuration.days(30)
        let invoicedWhole = try await store.invoicedTimeEntries(asOf: asOf, window: window, request: DetailRequest(limit: 1_000))
        let invoicedUncounted = try await store.invoicedTimeEntries(asOf: asOf, window: window,
                                                                    request: DetailRequest(limit: 1_000, countsMatching: false))
        XCTAssertNil(invoicedUncounted.matching, "not asked, not counted")
        XCTAssertEqual(invoicedUncounted.rows.map(\.timeEntryID), invoicedWhole.rows.map(\.timeEntryID))
        XCTAssertEqual(Set(invoicedWhole.rows.map(\.timeEntryID)), Set(invoiced.map { "TE-\($0)" }))
        try await assertStoreMatchesMemory(invoicedWhole.rows, columns: 5, label: "invoiced", id: \.timeEntryID,
                                           filters: ["", "te-1", "TE-2", "ctr-1", "CTR-0", "%", "_", "!te-1", "' OR 1=1 --"],
                                           text: \.searchableText, keys: \.sortKeys) { request in
            try await store.invoicedTimeEntries(asOf: asOf, window: window, request: request)
        }
    }
}

extension StoreConformanceTests {
    /// For every filter, sort column (and none), direction and a small and a large limit: the store's page holds the
    /// first rows of `whole` that the filter keeps, sorted here by the rows' keys (ties in list order), and counts
    /// them all.
    func assertStoreMatchesMemory<Row>(_ whole: [Row], columns: Int, label: String, id: (Row) -> String, filters: [String],
                                       text: (Row) -> [String], keys: (Row) -> [DetailSortKey],
                                       read: (DetailRequest) async throws -> DetailPage<[Row]>) async throws {
        for typed in filters {
            let filter = DetailFilter(typed)
            let kept = whole.filter { filter.matches(text($0)) }
            for sort in [nil] + (0..<columns).map(Optional.some) {
                for ascending in sort == nil ? [true] : [true, false] {
                    for limit in [1_000, 3] {
                        let page = try await read(DetailRequest(filter: filter, sortColumn: sort, ascending: ascending, limit: limit))
                        let context = "\(label), filter \(typed), sort \(sort.map(String.init) ?? "none") \(ascending ? "asc" : "desc"), limit \(limit)"
                        XCTAssertEqual(page.matching, kept.count, context)
                        let expected = Self.sorted(kept, sort, ascending) { keys($0)[$1] }.prefix(limit)
                        XCTAssertEqual(page.rows.map(id), expected.map(id), context)
                    }
                }
            }
        }
    }
}

/// The invoice-to-cash drill-down filtered and sorted in the store: each part (unpaid, then paid) holds the first rows
/// of the whole part that the filter keeps, in the asked order, at as-of times where invoices fold from the log.
extension StoreConformanceTests {
    func checkAStoreSideFilterOfInvoicesKeepsExactlyTheRowsTheInMemoryFilterKeeps() async throws {
        let (store, _) = try await storeHolding(Self.v2TrickyLines, batchSize: 4)
        for asOf in [ts("2026-11-06T00:00:00Z"), ts("2026-11-08T12:00:00Z"), ts("2026-11-10T00:00:00Z"), ts("2026-11-13T00:00:00Z")] {
            let window = SignalDuration.days(7)
            let whole = try await store.invoiceStandings(asOf: asOf, window: window, request: DetailRequest(limit: 1_000)).rows
            let uncounted = try await store.invoiceStandings(asOf: asOf, window: window, request: DetailRequest(limit: 1_000, countsMatching: false))
            XCTAssertNil(uncounted.matching, "not asked, not counted")
            XCTAssertEqual(uncounted.rows.map(\.invoiceID), whole.map(\.invoiceID))
            for typed in ["", "inv-a", "INV-E", "unpaid", "paid", "!paid", "usd", "GBP", "t", "%", "' OR 1=1 --"] {
                let filter = DetailFilter(typed)
                let kept = whole.filter { filter.matches($0.searchableText) }
                for sort in [nil] + (0...5).map(Optional.some) {
                    for ascending in sort == nil ? [true] : [true, false] {
                        for limit in [1_000, 1] {
                            let request = DetailRequest(filter: filter, sortColumn: sort, ascending: ascending, limit: limit)
                            let page = try await store.invoiceStandings(asOf: asOf, window: window, request: request)
                            let context = "as of \(asOf), filter \(typed), sort \(sort.map(String.init) ?? "none") \(ascending), limit \(limit)"
                            XCTAssertEqual(page.matching, kept.count, context)
                            let expected = [kept.filter { $0.paidAt == nil }, kept.filter { $0.paidAt != nil }].flatMap {
                                Self.sorted($0, sort, ascending) { $0.sortKeys(asOf: asOf)[$1] }.prefix(limit)
                            }
                            XCTAssertEqual(page.rows.map(\.invoiceID), expected.map(\.invoiceID), context)
                        }
                    }
                }
            }
        }
    }
}

/// The provisioning drill-down (its text lies in the stored events) filtered and sorted by the store equals the same
/// filter and sort over the whole list, ties at one instant in arrival order.
extension StoreConformanceTests {
    func checkAStoreSideFilterOfProvisioningFailuresKeepsExactlyTheRowsTheInMemoryFilterKeeps() async throws {
        let reasons = ["PSA_TIMEOUT", "psa_quota", "BAD%INPUT"]
        let lines = (1...20).map { index in
            EventLines.envelope("f-\(index)", "project.provisioning_failed", String(format: "2026-11-%02dT09:00:00Z", 10 + index % 6),
                                correlation: "CTR-\(index % 7)",
                                data: #"{"contract_id":"CTR-\#(index % 7)","attempt":\#(index % 3 + 1),"reason_code":"\#(reasons[index % 3])","message":"try \#(index) of_it"}"#)
        }
        let (store, _) = try await storeHolding(lines, batchSize: 3)
        let asOf = ts("2026-11-20T00:00:00Z"), window = SignalDuration.days(30)
        let whole = try await store.provisioningFailures(asOf: asOf, window: window, request: DetailRequest(limit: 1_000))
        XCTAssertEqual(whole.matching, 20)
        XCTAssertEqual(whole.rows.map(\.occurredAt), whole.rows.map(\.occurredAt).sorted(by: >), "latest first")
        try await assertStoreMatchesMemory(whole.rows, columns: 5, label: "provisioning", id: { "\($0.contractID) \($0.message)" },
                                           filters: ["", "ctr-1", "psa", "PSA_Q", "%", "_", "d%i", "of_it", "try 1", "!psa", "' OR 1=1 --"],
                                           text: \.searchableText, keys: \.sortKeys) { request in
            try await store.provisioningFailures(asOf: asOf, window: window, request: request)
        }
    }
}
