import SignalboxCore
import SignalboxStore
import XCTest

/// The queue's pages and groups in every store, checked against an order and counts worked out here from the rows
/// themselves: keyset pages of three join into the documented order for every sort key, both directions, open only
/// and with closed, across ties that straddle pages; groups count what they list, with filters and without.
extension StoreConformanceTests {
    func checkPagesInEverySortOrderEqualTheDocumentedOrder() async throws {
        let store = try await storeWithAQueueOfTies()
        let now = ts("2026-11-20T00:00:00Z")
        var everything = ExceptionQuery()
        everything.includeClosed = true
        everything.limit = 1000
        let all = try await store.exceptionRows(everything, now: now)
        XCTAssertEqual(all.count, 13)
        XCTAssertEqual(Set(all.map(\.state)), [.open, .claimed, .dismissed])
        for includeClosed in [false, true] {
            let listed = all.filter { includeClosed || ![.resolved, .dismissed].contains($0.state) }
            for sort in ExceptionSortKey.allCases {
                let ascending = listed.sorted { Self.precedes($0, $1, by: sort) }.map(\.exceptionID)
                for descending in [false, true] {
                    let expected = descending ? ascending.reversed() : ascending
                    var query = ExceptionQuery()
                    query.includeClosed = includeClosed
                    query.sort = sort
                    query.descending = descending
                    try await assertEqual(try await store.exceptionRows(query, now: now).map(\.exceptionID), expected,
                                          "\(sort) descending \(descending) closed \(includeClosed): one page")
                    query.limit = 3
                    var paged: [String] = []
                    while true {
                        let page = try await store.exceptionRows(query, now: now)
                        paged += page.map(\.exceptionID)
                        guard page.count == query.limit, let last = page.last else { break }
                        query.after = last.cursor
                    }
                    XCTAssertEqual(paged, expected, "\(sort) descending \(descending) closed \(includeClosed): pages of three")
                }
            }
        }
    }

    func checkGroupsCountWhatTheQueueListsBeforeAndAfterChanges() async throws {
        let store = try await storeWithAQueueOfTies()
        let now = ts("2026-11-20T00:00:00Z")
        var mine = ExceptionQuery()
        mine.assignee = "alice"
        var closedToo = ExceptionQuery()
        closedToo.includeClosed = true
        var postings = ExceptionQuery()
        postings.kinds = [.postingFailed]
        var text = ExceptionQuery()
        text.text = "acme"
        func check(_ moment: String) async throws {
            for query in [ExceptionQuery(), mine, closedToo, postings, text] {
                var everything = query
                everything.limit = 1000
                let rows = try await store.exceptionRows(everything, now: now)
                for grouping in [ExceptionGrouping.kind, .subject] {
                    try await assertEqual(try await store.exceptionGroups(grouping, query: query, now: now),
                                          Self.groups(of: rows, by: grouping), "\(moment): \(grouping) of \(query)")
                }
            }
        }
        try await check("as ingested")
        let kinds = try await store.exceptionGroups(.kind, query: ExceptionQuery(), now: now)
        XCTAssertEqual(kinds.map(\.count), [7, 3, 2], "\(kinds)")
        let subjects = try await store.exceptionGroups(.subject, query: ExceptionQuery(), now: now)
        XCTAssertEqual(subjects.first { $0.key == "CRM/C-1" }?.label, "Acme GmbH", "the largest name of the subject's")
        XCTAssertEqual(subjects.first { $0.key == "" }?.label, "(no subject)")

        // A re-raise that changes the kind, a dismissal, a claim and a new subject: the groups follow.
        let lines = [
            Self.raisedLine("Q-02", kind: "rate_mismatch", severity: "low", amount: nil, subject: nil, at: "2026-11-04T10:00:00Z"),
            Self.raisedLine("Q-20", kind: "schema_violation", severity: "low", amount: "5", subject: ("C-9", "Zed"),
                            at: "2026-11-04T09:00:00Z"),
        ]
        _ = try await IngestPipeline().ingest(path: try directory.write("later.jsonl", lines.joined(separator: "\n") + "\n"), into: store)
        try await act(.dismiss(reason: "duplicate"), on: "Q-05", by: "bob", at: 60 * 24 * 40, in: store)
        try await act(.claim, on: "Q-06", by: "alice", at: 60 * 24 * 40, in: store)
        try await check("after changes")
        let after = try await store.exceptionGroups(.kind, query: ExceptionQuery(), now: now)
        XCTAssertEqual(after.map { "\($0.key) \($0.count)" },
                       ["posting_failed 6", "rate_mismatch 3", "ambiguous_customer_mapping 2", "schema_violation 1"])
    }

    /// Thirteen exceptions with ties in every column (kind, severity, subject, contract, amount, state, assignee),
    /// no subject or no amount on some, two names of one subject, one claimed by alice and one dismissed.
    func storeWithAQueueOfTies() async throws -> any EventStore {
        let kinds = ["posting_failed", "rate_mismatch", "posting_failed", "ambiguous_customer_mapping"]
        let severities = ["high", "low", "critical", "high", "medium"]
        let amounts: [String?] = ["100", nil, "100", "2500.50", "7", nil]
        let subjects: [(String, String)?] = [("C-1", "Acme"), ("C-2", "Beta"), nil, ("C-1", "Acme GmbH"), ("C-3", "acme corp")]
        let lines = (0..<13).map { number in
            Self.raisedLine("Q-" + (number < 10 ? "0" : "") + "\(number)", kind: kinds[number % kinds.count],
                            severity: severities[number % severities.count], amount: amounts[number % amounts.count],
                            currency: number % 3 == 0 ? "USD" : "EUR", subject: subjects[number % subjects.count],
                            contract: "CT-\(number % 4)", at: "2026-11-0\(1 + number % 3)T09:00:00Z")
        }
        let store = try await makeStore()
        _ = try await IngestPipeline(batchSize: 5).ingest(
            path: try directory.write("ties.jsonl", lines.joined(separator: "\n") + "\n"), into: store)
        try await act(.claim, on: "Q-03", by: "alice", at: 60 * 24 * 35, in: store)
        try await act(.dismiss(reason: "not ours"), on: "Q-07", by: "bob", at: 60 * 24 * 35, in: store)
        return store
    }

    static func raisedLine(_ id: String, kind: String, severity: String, amount: String?, currency: String = "EUR",
                           subject: (key: String, name: String)?, contract: String = "CT-1", at: String) -> String {
        let money = amount.map { #","amount_at_risk":"\#($0)","currency":"\#(currency)""# } ?? ""
        let about = subject.map { #","subject":{"system":"CRM","key":"\#($0.key)","name":"\#($0.name)"}"# } ?? ""
        return EventLines.envelope("raise-\(id)-\(at)", "exception.raised", at, correlation: contract, data:
            #"{"exception_id":"\#(id)","kind":"\#(kind)","severity":"\#(severity)","summary":"s \#(id)"\#(money)\#(about)}"#)
    }

    /// The queue's documented order (ExceptionSortKey): the key's value, then the exception id; text in byte order.
    static func precedes(_ a: ExceptionRow, _ b: ExceptionRow, by sort: ExceptionSortKey) -> Bool {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        let (x, y) = (value(a, sort), value(b, sort))
        if x != y {
            switch (x, y) {
            case (.integer(let x), .integer(let y)): return x < y
            case (.text(let x), .text(let y)): return bytes(x).lexicographicallyPrecedes(bytes(y))
            default: XCTFail("mixed sort values"); return false
            }
        }
        return bytes(a.exceptionID).lexicographicallyPrecedes(bytes(b.exceptionID))
    }

    private static func value(_ row: ExceptionRow, _ sort: ExceptionSortKey) -> ExceptionQuerySQL.Parameter {
        switch sort {
        case .age: .integer(row.raisedAt.microseconds)
        case .kind: .text(row.kind)
        case .severity: .integer(Int64(Severity(rawValue: row.severity)?.rank ?? -1))
        case .subject: .text(row.subject?.name ?? "")
        case .contract: .text(row.correlationID)
        // By currency, then amount zero-padded to 19 digits; no amount first.
        case .amount: .text(row.amountAtRisk.map { amount in
            let digits = String(amount.units)
            return (row.currency ?? "") + " " + String(repeating: "0", count: 19 - digits.count) + digits
        } ?? "")
        case .state: .text(row.state.rawValue)
        case .assignee: .text(row.assignee ?? "")
        }
    }

    /// Groups counted from rows: largest first, then by key in byte order; a subject's label is its largest name.
    static func groups(of rows: [ExceptionRow], by grouping: ExceptionGrouping) -> [ExceptionGroup] {
        var groups: [String: ExceptionGroup] = [:]
        for row in rows {
            let key = grouping == .kind ? row.kind : row.subject.map { "\($0.system)/\($0.key)" } ?? ""
            let name = grouping == .kind ? row.kind : row.subject?.name
            var group = groups[key] ?? ExceptionGroup(key: key, label: "", count: 0)
            group.count += 1
            if let name, !Array(name.utf8).lexicographicallyPrecedes(Array(group.label.utf8)) { group.label = name }
            groups[key] = group
        }
        return groups.values.map { group in
            var group = group
            if group.label.isEmpty { group.label = "(no subject)" }
            return group
        }.sorted { a, b in
            a.count != b.count ? a.count > b.count : Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8))
        }
    }
}
