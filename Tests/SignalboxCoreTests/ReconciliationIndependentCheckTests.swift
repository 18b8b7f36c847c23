import Foundation
import SignalboxCore
import XCTest

/// The reference's §10 (its rows added up by `Reconciliation(rows:asOf:)`) equals a second, independent reading of
/// golden-signals.md §10 written here (replaying the log in time order, no rows) on the generated demo data, at many
/// as-of times and windows.
final class ReconciliationIndependentCheckTests: XCTestCase {
    private static let demoEvents: [CanonicalEvent] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("demo-data/events.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? CanonicalEvent(jsonLine: Array($0.utf8)) }
    }()

    func testTheReferenceEqualsAnIndependentReadingOfTheSpecOnTheDemoData() throws {
        let events = Self.demoEvents
        XCTAssertEqual(events.count, 6837, "demo-data/events.jsonl is read whole")
        let asOfs = ["2026-09-15T00:00:00Z", "2026-10-01T12:00:00Z", "2026-10-20T13:37:00Z", "2026-11-10T00:00:00Z",
                     "2026-11-23T00:00:00Z", "2026-12-31T00:00:00Z"]
        for asOfText in asOfs {
            for window in [SignalDuration.days(1), .days(7), .days(30)] {
                let asOf = timestamp(asOfText)
                let reference = SignalCalculator.compute(events: events, asOf: asOf, window: window).reconciliation
                XCTAssertEqual(reference, IndependentReconciliation(events: events, asOf: asOf, window: window).signal,
                               "as of \(asOfText), window \(window)")
            }
        }
        let demo = SignalCalculator.compute(events: events, asOf: timestamp("2026-11-23T00:00:00Z"), window: .days(7)).reconciliation
        XCTAssertFalse(demo.rateLeakage.isEmpty || demo.billingMismatch.isEmpty || demo.doubleBilled.isEmpty
                       || demo.unbilledMilestones.isEmpty || demo.overContractValue.isEmpty, "every control is compared on something")
    }
}

/// §10 read afresh: the visible log replayed in (occurred_at, arrival) order, so that the last write of each fact is
/// its latest statement and the first its earliest.
private struct IndependentReconciliation {
    let asOf: Timestamp
    let window: SignalDuration
    private var contracts: [String: ContractApproved] = [:]
    private var amendments: [String: [Int: ContractAmended]] = [:]
    private var entries: [String: (entry: TimeApproved, at: Timestamp)] = [:]
    private var invoices: [String: InvoicePosted] = [:]
    private var firstPosted: [String: Timestamp] = [:]
    private var milestones: [String: (milestone: MilestoneAccepted, at: Timestamp)] = [:]
    private var billedMilestones: Set<String> = []

    init(events: [CanonicalEvent], asOf: Timestamp, window: SignalDuration) {
        self.asOf = asOf
        self.window = window
        var seen: Set<String> = []
        let visible = events.enumerated()
            .filter { seen.insert($0.element.eventID).inserted && $0.element.occurredAt <= asOf }
            .sorted { ($0.element.occurredAt, $0.offset) < ($1.element.occurredAt, $1.offset) }
        for (_, event) in visible {
            switch event.payload {
            case .contractApproved(let contract): contracts[contract.contractID] = contract
            case .contractAmended(let amendment): amendments[amendment.contractID, default: [:]][amendment.version] = amendment
            case .timeApproved(let entry): entries[entry.timeEntryID] = (entry, event.occurredAt)
            case .milestoneAccepted(let milestone): milestones[milestone.milestoneID] = (milestone, event.occurredAt)
            case .invoicePosted(let invoice):
                invoices[invoice.invoiceID] = invoice
                if firstPosted[invoice.invoiceID] == nil { firstPosted[invoice.invoiceID] = event.occurredAt }
                billedMilestones.formUnion(invoice.lines.compactMap(\.milestoneID))
            default: break
            }
        }
    }

    private func inWindow(_ time: Timestamp) -> Bool { time > asOf.subtracting(window) && time <= asOf }

    private func versions(of contractID: String, effectiveBy date: CivilDate) -> [ContractAmended] {
        (amendments[contractID] ?? [:]).values.filter { $0.effectiveDate <= date }.sorted { $0.version < $1.version }
    }

    private func billed(on invoice: InvoicePosted) -> [String: ExactDecimal] {
        invoice.lines.reduce(into: [:]) { sums, line in
            if let entryID = line.timeEntryID { sums[entryID] = (sums[entryID] ?? .zero) + line.amount }
        }
    }

    var signal: Reconciliation {
        var signal = Reconciliation()
        addRateLeakage(to: &signal)
        addBilling(to: &signal)
        for (milestoneID, accepted) in milestones where !billedMilestones.contains(milestoneID) {
            let days = (asOf.microseconds - accepted.at.microseconds) / 86_400_000_000
            let bucket: AgeBucket = days <= 7 ? .upTo7 : days <= 30 ? .upTo30 : days <= 60 ? .upTo60 : .over60
            signal.unbilledMilestones[accepted.milestone.currency, default: UnbilledMilestones()].buckets[bucket, default: MilestoneTotals()]
                = (signal.unbilledMilestones[accepted.milestone.currency]?[bucket] ?? MilestoneTotals())
                + MilestoneTotals(milestones: 1, amount: accepted.milestone.amount)
        }
        for (contractID, contract) in contracts {
            var value = contract.totalValue
            for amendment in versions(of: contractID, effectiveBy: asOf.civilDate) { value = amendment.changes.totalValue ?? value }
            let invoiced = invoices.values.filter { $0.contractID == contractID && $0.currency == contract.currency }
                .reduce(ExactDecimal.zero) { $0 + $1.total }
            guard value < invoiced else { continue }
            signal.overContractValue[contract.currency, default: OverContractValue()].contracts += 1
            signal.overContractValue[contract.currency, default: OverContractValue()].excess += invoiced - value
        }
        return signal
    }

    private func addRateLeakage(to signal: inout Reconciliation) {
        for (entry, approvedAt) in entries.values where inWindow(approvedAt) {
            var card: [String: ExactDecimal]?
            if let contract = contracts[entry.contractID] {
                var rates = Dictionary(contract.rateCard.map { ($0.role, $0.rate) }, uniquingKeysWith: { $1 })
                for amendment in versions(of: entry.contractID, effectiveBy: entry.workDate) {
                    for line in amendment.changes.rateCard ?? [] { rates[line.role] = line.rate }
                }
                card = rates
            }
            guard let expected = card?[entry.role] else {
                signal.rateLeakage[entry.currency, default: RateLeakage()].unpriced += 1
                continue
            }
            guard expected != entry.rate else { continue }
            var leakage = signal.rateLeakage[entry.currency] ?? RateLeakage()
            leakage.entries += 1
            leakage.hours += entry.hours
            if entry.rate < expected {
                leakage.underAmount += ExactProduct(expected - entry.rate, times: entry.hours)
            } else {
                leakage.overAmount += ExactProduct(entry.rate - expected, times: entry.hours)
            }
            signal.rateLeakage[entry.currency] = leakage
        }
    }

    private func addBilling(to signal: inout Reconciliation) {
        var naming: [String: [(postedAt: Timestamp, invoiceID: String, currency: String, amount: ExactDecimal)]] = [:]
        for (invoiceID, invoice) in invoices {
            guard let postedAt = firstPosted[invoiceID] else { continue }
            for (entryID, amount) in billed(on: invoice) {
                naming[entryID, default: []].append((postedAt, invoiceID, invoice.currency, amount))
                guard inWindow(postedAt) else { continue }
                var mismatch = signal.billingMismatch[invoice.currency] ?? BillingMismatch()
                if let approved = entries[entryID]?.entry {
                    if approved.currency != invoice.currency {
                        mismatch.lines += 1
                    } else if amount > approved.amount {
                        mismatch.lines += 1
                        mismatch.overAmount += amount - approved.amount
                    } else if amount < approved.amount {
                        mismatch.lines += 1
                        mismatch.underAmount += approved.amount - amount
                    } else {
                        continue
                    }
                } else {
                    mismatch.unapprovedLines += 1
                    mismatch.unapprovedAmount += amount
                }
                signal.billingMismatch[invoice.currency] = mismatch
            }
        }
        var doubleEntries: [String: Set<String>] = [:]
        for (entryID, named) in naming where named.count > 1 {
            let ordered = named.sorted { ($0.postedAt, $0.invoiceID) < ($1.postedAt, $1.invoiceID) }
            guard inWindow(ordered[1].postedAt) else { continue }
            for later in ordered[1...] {
                doubleEntries[later.currency, default: []].insert(entryID)
                signal.doubleBilled[later.currency, default: DoubleBilled()].amount += later.amount
            }
        }
        for (currency, entryIDs) in doubleEntries { signal.doubleBilled[currency]?.entries = entryIDs.count }
    }
}
