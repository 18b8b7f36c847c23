import SignalboxCore
import SignalboxSimulation
import XCTest

/// The generated business flows cover what the console and the signals need to show.
final class GeneratedContentTests: XCTestCase {
    /// Every type an integration reports occurs; people's decisions are made in signalbox, never generated.
    func testEveryIntegrationEventTypeOccurs() {
        let types = Set(GeneratedSample.uniqueEvents.map(\.type))
        let decisions: Set<EventType> = [.exceptionClaimed, .exceptionReleased, .exceptionDismissed, .exceptionNoted,
                                         .reprocessRequested, .reprocessApproved, .reprocessCompleted,
                                         .reprocessPolicyChanged]  // a policy change is an approver's decision, never generated
        XCTAssertEqual(Set(EventType.allCases).subtracting(types), decisions)
    }

    func testEveryExceptionKindAndSeverityOccurs() {
        let raised = GeneratedSample.payloads { if case .exceptionRaised(let e) = $0 { e } else { nil } }
        XCTAssertEqual(Set(ExceptionKind.allCases).subtracting(raised.map(\.kind)), [])
        XCTAssertEqual(Set(Severity.allCases).subtracting(raised.map(\.severity)), [])
        XCTAssertTrue(raised.allSatisfy { $0.amountAtRisk == nil || $0.currency != nil })
    }

    func testContractsCoverModelsCurrenciesAndCustomers() {
        let contracts = GeneratedSample.payloads { if case .contractApproved(let c) = $0 { c } else { nil } }
        XCTAssertEqual(contracts.count, GeneratedSample.configuration.contracts)
        XCTAssertEqual(Set(contracts.map(\.billingModel)), Set(BillingModel.allCases))
        XCTAssertEqual(Set(contracts.map(\.currency)), ["USD", "EUR", "GBP"])
        XCTAssertLessThan(Set(contracts.map(\.customer.key)).count, contracts.count, "customers hold several contracts")
    }

    func testTimeAmountsAreHoursTimesRate() {
        let entries = GeneratedSample.payloads { if case .timeApproved(let t) = $0 { t } else { nil } }
        XCTAssertGreaterThan(entries.count, 1_000)
        for entry in entries { XCTAssertEqual(entry.amount, entry.hours * entry.rate, entry.timeEntryID) }
        XCTAssertTrue(entries.allSatisfy { $0.amount.rounded(toPlaces: 2) == $0.amount }, "amounts are exact to the cent")
    }

    func testSomeTimeEntriesAreReapprovedLaterWithOtherHours() {
        var approvals: [String: [(at: Timestamp, hours: ExactDecimal, eventID: String)]] = [:]
        for event in GeneratedSample.uniqueEvents {
            if case .timeApproved(let entry) = event.payload {
                approvals[entry.timeEntryID, default: []].append((event.occurredAt, entry.hours, event.eventID))
            }
        }
        let reapproved = approvals.values.filter { $0.count > 1 }
        XCTAssertGreaterThan(reapproved.count, 10)
        for delivered in reapproved {
            // Ids number events in the order they were created, whatever order they were delivered in.
            let versions = delivered.sorted { Int($0.eventID.split(separator: "-").last!)! < Int($1.eventID.split(separator: "-").last!)! }
            XCTAssertLessThan(versions[0].at, versions[1].at)
            XCTAssertNotEqual(versions[0].hours, versions[1].hours)
            XCTAssertNotEqual(versions[0].eventID, versions[1].eventID)
        }
    }

    func testUnbilledTimeSpansEveryAgeBucket() {
        let asOf = GeneratedSample.configuration.end
        var approvedAt: [String: Timestamp] = [:]
        var billed = Set<String>()
        for event in GeneratedSample.uniqueEvents {
            switch event.payload {
            case .timeApproved(let entry): approvedAt[entry.timeEntryID] = max(approvedAt[entry.timeEntryID] ?? event.occurredAt, event.occurredAt)
            case .invoicePosted(let invoice): billed.formUnion(invoice.lines.compactMap(\.timeEntryID))
            default: break
            }
        }
        XCTAssertFalse(billed.isEmpty)
        let ages = approvedAt.filter { !billed.contains($0.key) }.values.map { asOf.since($0).seconds / 86_400 }
        XCTAssertTrue(ages.contains { $0 <= 7 })
        XCTAssertTrue(ages.contains { (8...30).contains($0) })
        XCTAssertTrue(ages.contains { (31...60).contains($0) })
        XCTAssertTrue(ages.contains { $0 >= 61 })
    }

    func testMilestonesAreInvoicedByMilestoneID() {
        let accepted = Set(GeneratedSample.payloads { if case .milestoneAccepted(let m) = $0 { m.milestoneID } else { nil } })
        let invoiced = GeneratedSample.payloads { if case .invoicePosted(let i) = $0 { i } else { nil } }.flatMap(\.lines).compactMap(\.milestoneID)
        XCTAssertFalse(invoiced.isEmpty)
        XCTAssertTrue(Set(invoiced).isSubset(of: accepted))
    }

    func testAmbiguousSubjectsRecurWithTwoOrThreeCandidates() {
        let ambiguous = GeneratedSample.payloads { if case .exceptionRaised(let e) = $0, e.kind == .ambiguousCustomerMapping { e } else { nil } }
        XCTAssertTrue(ambiguous.allSatisfy { $0.subject != nil && (2...3).contains($0.candidates?.count ?? 0) })
        let perSubject = Dictionary(grouping: ambiguous, by: { $0.subject!.key })
        XCTAssertTrue(perSubject.values.contains { $0.count >= 3 }, "some subject should recur so 'apply to all' matters")
    }

    /// People decide in signalbox, through its rules; the generated log holds no decision of theirs.
    func testNoPersonsDecisionIsGenerated() {
        XCTAssertFalse(GeneratedSample.uniqueEvents.contains { $0.source == .console })
        let decisions = GeneratedSample.payloads { payload -> EventType? in
            switch payload {
            case .exceptionClaimed, .exceptionReleased, .exceptionDismissed, .exceptionNoted, .reprocessRequested,
                 .reprocessApproved, .reprocessCompleted: payload.type
            default: nil
            }
        }
        XCTAssertEqual(decisions, [])
    }

    func testMostExceptionsStayOpenAndTheMiddlewareClosesSome() {
        var open = Set<String>()
        var closedBy = Set<SourceSystem>()
        for event in GeneratedSample.uniqueEvents {
            switch event.payload {
            case .exceptionRaised(let e): open.insert(e.exceptionID)
            case .exceptionResolved(let r): open.remove(r.exceptionID); closedBy.insert(event.source)
            case .exceptionDismissed(let d): open.remove(d.exceptionID); closedBy.insert(event.source)
            default: break
            }
        }
        let raised = GeneratedSample.payloads { if case .exceptionRaised(let e) = $0 { e } else { nil } }.count
        XCTAssertGreaterThan(open.count * 2, raised)
        XCTAssertEqual(closedBy, [.middleware])
    }

    func testProvisioningFailsWithAttemptsAndSomeContractsNeverProvision() {
        let failures = GeneratedSample.payloads { if case .projectProvisioningFailed(let f) = $0 { f } else { nil } }
        XCTAssertTrue(failures.contains { $0.attempt >= 2 })
        let provisioned = Set(GeneratedSample.payloads { if case .projectProvisioned(let p) = $0 { p.contractID } else { nil } })
        XCTAssertTrue(failures.contains { provisioned.contains($0.contractID) }, "retries that succeed")
        XCTAssertTrue(failures.contains { !provisioned.contains($0.contractID) }, "contracts that never provision")
    }

    func testAmendmentsArePropagatedRightWrongAndPartially() {
        let amendments = GeneratedSample.payloads { if case .contractAmended(let a) = $0 { a } else { nil } }
        XCTAssertTrue(amendments.contains { $0.version == 3 })
        let applied = GeneratedSample.payloads { if case .amendmentApplied(let a) = $0 { a } else { nil } }
        var mismatched = 0, missingTarget = 0
        for amendment in amendments {
            let targets = applied.filter { $0.contractID == amendment.contractID && $0.version == amendment.version }
            if Set(targets.map(\.target)).count == 1 { missingTarget += 1 }
            if targets.contains(where: { !amendment.changes.differingKeys(in: $0.applied).isEmpty }) { mismatched += 1 }
        }
        XCTAssertGreaterThan(mismatched, 0)
        XCTAssertGreaterThan(missingTarget, 0)
    }
}
