import SignalboxCore
import SignalboxSimulation
import XCTest

/// The generated data holds every case of billing reconciliation (golden-signals.md §10) at realistic rates.
final class GeneratedReconciliationTests: XCTestCase {
    private let sampleAsOf = try! Timestamp(rfc3339: "2026-11-24T00:00:00Z")

    /// Over two weeks (the demo's own test shows every control in its default 7-day window).
    func testEveryControlFindsSomethingInTheSampleOverTwoWeeks() {
        let rows = SignalCalculator.reconciliationRows(events: GeneratedSample.events.map(\.event), asOf: sampleAsOf, window: .days(14))
        let approvedInWindow = Set(GeneratedSample.uniqueEvents.compactMap { event -> String? in
            guard case .timeApproved(let entry) = event.payload, event.occurredAt > sampleAsOf.subtracting(.days(14)) else { return nil }
            return entry.timeEntryID
        })
        let directions = Set(rows.rateLeakage.map(\.direction))
        XCTAssertEqual(directions, [.under, .over, .unpriced], "rate leakage of every kind")
        // Realistic: a few percent of the fortnight's entries, not most of them.
        XCTAssertLessThan(rows.rateLeakage.count * 10, approvedInWindow.count, "\(rows.rateLeakage.count) of \(approvedInWindow.count)")
        XCTAssertTrue(Set(rows.billingMismatch.map(\.direction)).isSuperset(of: [.over, .under, .unapproved]),
                      "\(rows.billingMismatch.map(\.direction))")
        XCTAssertFalse(rows.doubleBilled.isEmpty)
        XCTAssertFalse(rows.unbilledMilestones.isEmpty)
        XCTAssertFalse(rows.overContractValue.isEmpty)
    }

    /// PSA prices time from the card it holds when the time is approved: the approved card, then each rate card it
    /// reported applying (`amendment.applied`, target PSA) by then, latest per version, in version order, from the
    /// amendment's effective date. Only the few hand-priced and off-card entries differ from it.
    func testTimeIsPricedFromTheCardPSAHoldsWhenItIsApproved() {
        let events = GeneratedSample.uniqueEvents
        var cards: [String: [RateCardEntry]] = [:]
        var effective: [String: CivilDate] = [:]
        var applied: [String: [(at: Timestamp, version: Int, rates: [RateCardEntry])]] = [:]
        for event in events {
            switch event.payload {
            case .contractApproved(let contract): cards[contract.contractID] = contract.rateCard
            case .contractAmended(let amendment): effective["\(amendment.contractID)/\(amendment.version)"] = amendment.effectiveDate
            case .amendmentApplied(let application) where application.target == .psa:
                if let rates = application.applied.rateCard {
                    applied[application.contractID, default: []].append((event.occurredAt, application.version, rates))
                }
            default: break
            }
        }
        func psaRate(_ entry: TimeApproved, at approvedAt: Timestamp) -> ExactDecimal? {
            var card = Dictionary((cards[entry.contractID] ?? []).map { ($0.role, $0.rate) }, uniquingKeysWith: { $1 })
            var latest: [Int: (at: Timestamp, rates: [RateCardEntry])] = [:]
            for application in applied[entry.contractID] ?? [] where application.at <= approvedAt {
                if let known = latest[application.version], known.at > application.at { continue }
                latest[application.version] = (application.at, application.rates)
            }
            for (version, application) in latest.sorted(by: { $0.key < $1.key }) {
                guard let date = effective["\(entry.contractID)/\(version)"], date <= entry.workDate else { continue }
                for line in application.rates { card[line.role] = line.rate }
            }
            return card[entry.role]
        }
        var priced = 0, atPSARate = 0, offCard = 0
        for event in events {
            guard case .timeApproved(let entry) = event.payload else { continue }
            guard let rate = psaRate(entry, at: event.occurredAt) else { offCard += 1; continue }
            priced += 1
            if rate == entry.rate { atPSARate += 1 }
        }
        XCTAssertGreaterThan(offCard, 0)
        XCTAssertLessThan(offCard * 100, priced, "roles off the card are rare")
        XCTAssertGreaterThan(atPSARate * 1000, priced * 990, "\(atPSARate) of \(priced) at PSA's rate")
        XCTAssertLessThan(atPSARate, priced, "a few entries are priced by hand")
    }
}

/// The live simulator (`signalbox simulate`, the demo's background writer) keeps producing every control once its
/// contracts have run a few invoice cycles (from their seventh week: over-running a contract's value takes time).
final class LiveReconciliationTests: XCTestCase {
    func testTheLiveSimulatorKeepsProducingEveryControlWeekAfterWeek() async throws {
        let fixture = try LiveStoreFixture()
        defer { fixture.remove() }
        let simulator = try fixture.simulator()
        var written: [CanonicalEvent] = []
        var weeks: [(asOf: Timestamp, rows: ReconciliationRows)] = []
        for week in 1...8 {
            var asOf = LiveStoreFixture.start
            for _ in 0..<(7 * 24) {
                let report = try await fixture.step(simulator)
                written += report.written
                asOf = report.simulatedTime
            }
            if week >= 7 { weeks.append((asOf, SignalCalculator.reconciliationRows(events: written, asOf: asOf, window: .days(7)))) }
        }
        for (asOf, rows) in weeks {
            XCTAssertFalse(rows.rateLeakage.filter { $0.direction != .unpriced }.isEmpty, "rate leakage in the week to \(asOf)")
            XCTAssertFalse(rows.billingMismatch.isEmpty, "billing mismatch in the week to \(asOf)")
            XCTAssertFalse(rows.doubleBilled.isEmpty, "double billing in the week to \(asOf)")
            XCTAssertFalse(rows.unbilledMilestones.isEmpty, "unbilled milestones at \(asOf)")
            XCTAssertFalse(rows.overContractValue.isEmpty, "contracts over their value at \(asOf)")
        }
    }
}
