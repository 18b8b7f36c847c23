import Foundation
import SignalboxCore
import SignalboxSimulation
import SignalboxStore
import XCTest

/// Signals 6–9 (golden-signals.md): every store's queries equal the reference at many as-of times and windows,
/// on hand-made edge cases and on generated data.
extension StoreConformanceTests {
    static func posted(_ id: String, invoice: String, total: String, currency: String = "USD", entries: [String] = [],
                               at: String) -> String {
        let lines = entries.map { #"{"time_entry_id":"\#($0)","amount":1}"# }.joined(separator: ",")
        return EventLines.envelope(id, "invoice.posted", at, source: "ERP",
                                   data: #"{"invoice_id":"\#(invoice)","contract_id":"C-1","currency":"\#(currency)","total":"\#(total)","lines":[\#(lines)]}"#)
    }

    static func paid(_ id: String, invoice: String, amount: String, currency: String = "USD", at: String) -> String {
        EventLines.envelope(id, "payment.received", at, source: "ERP",
                            data: #"{"invoice_id":"\#(invoice)","amount":"\#(amount)","currency":"\#(currency)"}"#)
    }

    /// Edge cases of §6–9, in an arrival order that takes every projection's as-of fallback.
    static let v2TrickyLines = [
        // Partial payments, one in another currency (ignored); paid by the third USD payment on the 8th.
        posted("ia", invoice: "INV-A", total: "1000.00", at: "2026-11-02T09:00:00Z"),
        paid("pa1", invoice: "INV-A", amount: "400.00", at: "2026-11-04T09:00:00Z"),
        paid("pa2", invoice: "INV-A", amount: "700.00", currency: "EUR", at: "2026-11-05T09:00:00Z"),
        paid("pa3", invoice: "INV-A", amount: "600.00", at: "2026-11-08T09:00:00Z"),
        // Paid before it was posted (counts as 0 once posted).
        paid("pb1", invoice: "INV-B", amount: "500.00", at: "2026-11-03T10:00:00Z"),
        posted("ib", invoice: "INV-B", total: "500.00", currency: "USD", at: "2026-11-06T10:00:00Z"),
        // Never posted: its payment is ignored.
        paid("pc1", invoice: "INV-C", amount: "100.00", at: "2026-11-04T11:00:00Z"),
        // Paid, then re-posted with a larger total after the payment (unpaid again), then paid up.
        posted("id1", invoice: "INV-D", total: "200.00", at: "2026-11-02T12:00:00Z"),
        paid("pd1", invoice: "INV-D", amount: "200.00", at: "2026-11-05T12:00:00Z"),
        posted("id2", invoice: "INV-D", total: "300.00", at: "2026-11-09T12:00:00Z"),
        paid("pd2", invoice: "INV-D", amount: "100.00", at: "2026-11-12T12:00:00Z"),
        // Re-posted in another currency after T for early as-of times; its payment arrives out of order.
        paid("pe2", invoice: "INV-E", amount: "90.00", currency: "GBP", at: "2026-11-11T08:00:00Z"),
        posted("ie1", invoice: "INV-E", total: "80.00", currency: "EUR", at: "2026-11-01T08:00:00Z"),
        posted("ie2", invoice: "INV-E", total: "90.00", currency: "GBP", at: "2026-11-07T08:00:00Z"),
        paid("pe1", invoice: "INV-E", amount: "30.00", currency: "EUR", at: "2026-11-03T08:00:00Z"),
        // Two payments of one instant; the second brings the sum to the total.
        posted("if", invoice: "INV-F", total: "100.00", at: "2026-11-01T00:30:00Z"),
        paid("pf1", invoice: "INV-F", amount: "60.00", at: "2026-11-06T10:00:00Z"),
        paid("pf2", invoice: "INV-F", amount: "40.00", at: "2026-11-06T10:00:00Z"),
        // Time to invoice: re-approved after its invoice; approved only after its invoice; billed twice.
        EventLines.timeApproved("t4-a", entry: "T4", hours: "2", amount: "200", at: "2026-11-01T09:00:00Z"),
        posted("it4", invoice: "INV-T4", total: "1", entries: ["T4", "T6"], at: "2026-11-03T09:00:00Z"),
        EventLines.timeApproved("t4-b", entry: "T4", hours: "3", amount: "300", at: "2026-11-05T09:00:00Z"),
        EventLines.timeApproved("t5", entry: "T5", hours: "1", amount: "100", at: "2026-11-06T09:00:00Z"),
        posted("it5", invoice: "INV-T5", total: "1", entries: ["T5"], at: "2026-11-05T09:00:00Z"),
        EventLines.timeApproved("t6", entry: "T6", hours: "1", amount: "100", at: "2026-11-02T09:00:00Z"),
        posted("it6", invoice: "INV-T6", total: "1", entries: ["T6"], at: "2026-11-02T10:00:00Z"),
        // Approved twice before its invoice and once after: billed on the second.
        EventLines.timeApproved("t7-a", entry: "T7", hours: "1", amount: "100", at: "2026-11-01T10:00:00Z"),
        EventLines.timeApproved("t7-b", entry: "T7", hours: "2", amount: "200", at: "2026-11-02T10:00:00Z"),
        posted("it7", invoice: "INV-T7", total: "1", entries: ["T7"], at: "2026-11-03T10:00:00Z"),
        EventLines.timeApproved("t7-c", entry: "T7", hours: "3", amount: "300", at: "2026-11-04T10:00:00Z"),
        // Resolution: closed before raised (0), raised twice, resolved later; one is dismissed by a person below.
        EventLines.resolved("x5-closed", exception: "X5", at: "2026-11-03T12:00:00Z"),
        EventLines.raised("x5-raised", exception: "X5", kind: "rate_mismatch", at: "2026-11-04T12:00:00Z"),
        EventLines.raised("x6-a", exception: "X6", kind: "posting_failed", at: "2026-11-02T08:00:00Z"),
        EventLines.raised("x6-b", exception: "X6", kind: "schema_violation", at: "2026-11-09T08:00:00Z"),
        EventLines.resolved("x6-closed", exception: "X6", at: "2026-11-07T08:00:00Z"),
        EventLines.raised("x7", exception: "X7", kind: "duplicate_event", at: "2026-11-01T06:00:00Z"),
    ]

    func checkV2SignalsEqualTheReferenceAtEveryAsOfAndWindow() async throws {
        let (store, ingested) = try await storeHolding(Self.v2TrickyLines, batchSize: 4)
        var events = ingested
        // A person dismisses X7 (claiming it first): console events, in the log after the file's.
        events += try await handle(of: "bob", on: store).perform(
            .dismiss(reason: "duplicate"), on: "X7", seenVersion: try await version(of: "X7", in: store), by: "bob",
            now: ts("2026-11-06T07:00:00Z"))

        var answers = Set<String>()
        for day in 1...14 {
            for time in ["00:00:00", "08:00:00", "09:00:00.000001", "12:00:00", "23:59:59.999999"] {
                let asOf = ts("2026-11-\(day < 10 ? "0" : "")\(day)T\(time)Z")
                for window in [SignalDuration.days(1), .days(7), .seconds(3600 * 36), .seconds(3600)] {
                    let reference = try await assertSignalsEqualTheReference(store, events, asOf: asOf, window: window)
                    answers.insert("\(reference.timeToInvoice) \(reference.resolution) \(reference.invoiceToCash) \(reference.throughput)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(answers.count, 40, "the sweep saw too few distinct answers to test the fallbacks")

        // Hand-computed, as of the 10th over 7 days.
        let tenth = try await store.signals(asOf: ts("2026-11-10T00:00:00Z"), window: .days(7))
        XCTAssertEqual(tenth.invoiceToCash.latency.count, 3, "INV-A (6 d), INV-B (0: paid before posted), INV-F (5 d 9 h 30 m)")
        XCTAssertEqual(tenth.invoiceToCash.latency.max, .days(6))
        XCTAssertEqual(tenth.invoiceToCash.outstanding, [
            "USD": OutstandingReceivables(invoices: 5, amount: ExactDecimal(104)),
            "GBP": OutstandingReceivables(invoices: 1, amount: ExactDecimal(90)),
        ], "INV-D re-posted at 300 owes 100, the four time invoices 1 each; INV-E re-posted in GBP owes all 90")
        XCTAssertEqual(tenth.timeToInvoice, DurationSummary(durations: [.days(2), .days(1)]),
                       "T4 billed on its first approval; T5 approved after its invoice; T6 first billed before the window; "
                       + "T7 billed on its second approval, not its first or its third")
        XCTAssertEqual(tenth.resolution.resolved, 2)
        XCTAssertEqual(tenth.resolution.dismissed, 1)
        XCTAssertEqual(tenth.resolution.byKind, [
            "rate_mismatch": DurationSummary(durations: [.seconds(0)]),
            "schema_violation": DurationSummary(durations: [.days(5)]),
            "duplicate_event": DurationSummary(durations: [.seconds(5 * 86_400 + 3600)]),
        ], "X5 closed before raised; X6's kind is its raise of the 9th; X7 dismissed by bob")
        // The drill-downs list the records behind each number.
        for asOf in [ts("2026-11-06T00:00:00Z"), ts("2026-11-08T12:00:00Z"), ts("2026-11-10T00:00:00Z"), ts("2026-11-13T00:00:00Z")] {
            let signals = try await store.signals(asOf: asOf, window: .days(7))
            let entries = try await store.invoicedTimeEntries(asOf: asOf, window: .days(7), limit: 100)
            XCTAssertEqual(DurationSummary(durations: entries.map(\.latency)), signals.timeToInvoice, "as of \(asOf)")
            let closed = try await store.closedExceptions(asOf: asOf, window: .days(7), limit: 100)
            XCTAssertEqual(ResolutionTime(closings: closed.map(\.closing)), signals.resolution, "as of \(asOf)")
            let standings = try await store.invoiceStandings(asOf: asOf, window: .days(7), limit: 100)
            var owed: [String: OutstandingReceivables] = [:]
            for standing in standings where standing.paidAt == nil { owed[standing.currency, default: OutstandingReceivables()].add(owed: standing.owed) }
            XCTAssertEqual(InvoiceToCash(latency: DurationSummary(durations: standings.compactMap(\.latency)), outstanding: owed),
                           signals.invoiceToCash, "as of \(asOf)")
        }
        let limited = try await store.invoiceStandings(asOf: ts("2026-11-10T00:00:00Z"), window: .days(7), limit: 2)
        XCTAssertEqual(limited.map(\.invoiceID), ["INV-E", "INV-T6"], "unpaid first, oldest first, cut at the limit")

        let eighth = try await store.signals(asOf: ts("2026-11-08T12:00:00Z"), window: .days(7))
        XCTAssertEqual(eighth.resolution.byKind["posting_failed"], DurationSummary(durations: [.days(5)]),
                       "before its second raise X6 is a posting failure")
    }

    func checkStoreSignalsEqualTheReferenceOnGeneratedData() async throws {
        let configuration = try GeneratorConfiguration(
            seed: 16, contracts: 60, from: CivilDate(iso: "2026-09-01")!, to: CivilDate(iso: "2026-10-31")!)
        let (store, events) = try await storeHolding(EventGenerator(configuration: configuration).map(\.jsonLine), batchSize: 700)

        for day in stride(from: 3, through: 70, by: 4) {
            let asOf = configuration.start.adding(.days(Int64(day))).adding(.seconds(13 * 3600 + 7))
            for window in [SignalDuration.days(1), .days(7), .days(30)] {
                try await assertSignalsEqualTheReference(store, events, asOf: asOf, window: window)
            }
        }
        let end = try await store.signals(asOf: configuration.end, window: .days(30))
        XCTAssertGreaterThan(end.timeToInvoice.count, 0)
        XCTAssertGreaterThan(end.resolution.overall.count, 0)
        XCTAssertGreaterThan(end.invoiceToCash.latency.count, 0)
        XCTAssertFalse(end.invoiceToCash.outstanding.isEmpty)
        XCTAssertGreaterThan(end.throughput.bySource.count, 2)
        // §10 too (milestones and contract values are swept on the hand-made edges: ReconciliationConformance).
        XCTAssertFalse(end.reconciliation.rateLeakage.isEmpty)
        XCTAssertFalse(end.reconciliation.billingMismatch.isEmpty)
        XCTAssertFalse(end.reconciliation.doubleBilled.isEmpty)
    }
}
