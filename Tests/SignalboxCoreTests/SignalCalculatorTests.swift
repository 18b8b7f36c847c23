import SignalboxCore
import XCTest

/// Rules that apply to every signal: as-of cut, duplicates, arrival order, offsets, empty populations.
final class SignalCalculatorTests: XCTestCase {
    /// A small log touching every signal, used to compare whole results.
    private var mixedLog: EventLog {
        var log = EventLog()
        log.add(.approval("C1"), at: "2026-10-25T00:00:00Z")
        log.add(.provisioning("C1"), at: "2026-10-25T02:00:00Z")
        log.add(.billingSchedule("C1"), at: "2026-10-25T03:00:00Z")
        log.add(.approval("C2"), at: "2026-10-26T00:00:00Z")
        log.add(.provisioningFailure("C2"), at: "2026-10-27T00:00:00Z")
        log.add(.provisioning("C2"), at: "2026-11-03T00:00:00Z")
        log.add(.billingSchedule("C2"), at: "2026-11-03T01:00:00Z")
        log.add(.amendment("C1", ContractTerms(totalValue: ExactDecimal(5))), at: "2026-10-28T00:00:00Z")
        log.add(.application("C1", .psa, ContractTerms(totalValue: ExactDecimal(5))), at: "2026-10-29T00:00:00Z")
        log.add(.application("C1", .erp, ContractTerms(totalValue: ExactDecimal(5))), at: "2026-11-02T00:00:00Z")
        log.add(.time("T1", hours: "8", amount: "1200"), at: "2026-10-29T00:00:00Z")
        log.add(.invoice(billing: ["T1"]), at: "2026-11-02T00:00:00Z")
        log.add(.raise("X1"), at: "2026-10-30T00:00:00Z")
        log.add(.resolution("X1"), at: "2026-11-02T00:00:00Z")
        return log
    }

    func testOnlyEventsUpToAsOfExist() {
        let early = mixedLog.signals()
        XCTAssertEqual(early.activation.count, 1)
        XCTAssertEqual(early.activation.pending, 1)
        XCTAssertEqual(early.provisioning.attempts, 2)
        XCTAssertEqual(early.amendments.pending, 1)
        XCTAssertEqual(early.unbilled["USD"]?.total.entries, 1)
        XCTAssertEqual(early.exceptions.open, 1)

        let late = mixedLog.signals(asOf: "2026-11-03T12:00:00Z")
        XCTAssertEqual(late.activation.count, 1, "C1's activation has left the window, C2's arrived")
        XCTAssertEqual(late.activation.pending, 0)
        XCTAssertEqual(late.provisioning.attempts, 1)
        XCTAssertEqual(late.amendments.accurate, 1)
        XCTAssertEqual(late.unbilled, [:])
        XCTAssertEqual(late.exceptions.open, 0)
        XCTAssertEqual(late.exceptions.closedInWindow, 1)
    }

    func testResultDoesNotDependOnArrivalOrderWhenNoTimesTie() {
        let inOrder = mixedLog.events
        let expected = SignalCalculator.compute(events: inOrder, asOf: timestamp(asOfText), window: .days(7))
        XCTAssertEqual(SignalCalculator.compute(events: inOrder.reversed(), asOf: timestamp(asOfText), window: .days(7)), expected)
        let interleaved = inOrder.enumerated().sorted { ($0.offset % 3, $0.offset) < ($1.offset % 3, $1.offset) }.map(\.element)
        XCTAssertEqual(SignalCalculator.compute(events: interleaved, asOf: timestamp(asOfText), window: .days(7)), expected)
    }

    func testRepeatedEventIDIsIgnoredAndTheFirstStoredWins() {
        var log = EventLog()
        log.add(.time("T1", hours: "8", amount: "1200"), at: "2026-10-29T00:00:00Z", id: "dup")
        log.add(.time("T1", hours: "6", amount: "900"), at: "2026-10-30T00:00:00Z", id: "dup")
        log.add(.provisioning("C1"), at: "2026-10-29T00:00:00Z", id: "p1")
        log.add(.provisioning("C1"), at: "2026-10-29T00:00:00Z", id: "p1")

        let signals = log.signals()
        XCTAssertEqual(signals.unbilled["USD"]?.total, UnbilledTotals(hours: decimal("8"), amount: decimal("1200"), entries: 1))
        XCTAssertEqual(signals.provisioning.attempts, 1)
    }

    func testDuplicateOfAnEventAfterAsOfDoesNotBringItIntoView() {
        var log = EventLog()
        log.add(.raise("X1"), at: "2026-11-01T00:00:00Z", id: "r1")
        log.add(.raise("X1"), at: "2026-10-25T00:00:00Z", id: "r1")
        XCTAssertEqual(log.signals().exceptions.open, 0)
    }

    func testOffsetsAreInstantsForTheWindowBounds() {
        var log = EventLog()
        log.add(.provisioning("C1"), at: "2026-10-24T02:00:00+02:00")  // the window start: excluded
        log.add(.provisioning("C2"), at: "2026-10-30T19:00:00-05:00")  // asOf: included
        log.add(.provisioning("C3"), at: "2026-10-31T00:30:00+00:30")  // asOf: included
        log.add(.provisioning("C4"), at: "2026-10-31T01:00:00.001+01:00")  // after asOf: does not exist
        XCTAssertEqual(log.signals().provisioning.succeeded, 2)
    }

    func testWindowLengthIsHonoured() {
        var log = EventLog()
        log.add(.provisioning("C1"), at: "2026-10-30T23:00:01Z")
        log.add(.provisioning("C2"), at: "2026-10-30T22:59:59Z")
        log.add(.provisioning("C3"), at: "2026-10-30T00:00:00Z")
        XCTAssertEqual(log.signals(window: .hours(1)).provisioning.succeeded, 1)
        XCTAssertEqual(log.signals(window: .days(1)).provisioning.succeeded, 2)
    }

    func testEmptyLogGivesNullForEveryRateAndPercentile() {
        let signals = EventLog().signals()
        XCTAssertNil(signals.activation.p50)
        XCTAssertNil(signals.activation.p90)
        XCTAssertNil(signals.activation.max)
        XCTAssertNil(signals.activation.oldestPending)
        XCTAssertNil(signals.provisioning.successRate)
        XCTAssertNil(signals.provisioning.firstPassRate)
        XCTAssertNil(signals.amendments.accuracy)
        XCTAssertNil(signals.exceptions.oldestOpen)
        XCTAssertEqual(signals.asOf, timestamp(asOfText))
        XCTAssertEqual(signals.window, .days(7))
    }

    func testEmptyLogSerializesNulls() {
        let expected = #"{"as_of":"2026-10-31T00:00:00Z","window_seconds":604800,"#
            + #""activation_latency":{"count":0,"p50_seconds":null,"p90_seconds":null,"max_seconds":null,"#
            + #""pending":0,"oldest_pending_seconds":null},"#
            + #""provisioning":{"attempts":0,"succeeded":0,"failed":0,"success_rate":null,"first_pass_rate":null},"#
            + #""amendment_accuracy":{"total":0,"accurate":0,"mismatched":0,"pending":0,"accuracy":null},"#
            + #""unbilled_time":{},"#
            + #""exceptions":{"open":0,"open_by_kind":{},"oldest_open_seconds":null,"raised_in_window":0,"closed_in_window":0},"#
            + #""time_to_invoice":{"count":0,"p50_seconds":null,"p90_seconds":null,"max_seconds":null},"#
            + #""resolution_time":{"count":0,"p50_seconds":null,"p90_seconds":null,"max_seconds":null,"#
            + #""resolved":0,"dismissed":0,"by_kind":{}},"#
            + #""invoice_to_cash":{"count":0,"p50_seconds":null,"p90_seconds":null,"max_seconds":null,"outstanding":{}},"#
            + #""throughput":{"events":0,"by_source":{}},"#
            + #""reconciliation":{"rate_leakage":{},"billing_mismatch":{},"double_billed":{},"unbilled_milestones":{},"#
            + #""over_contract_value":{}}}"#
        XCTAssertEqual(EventLog().signals().jsonDocument.serialized, expected)
    }

    func testDecodedEventsCompareRatesAsDecimals() throws {
        let lines = [
            #"{"event_id":"a","type":"contract.amended","occurred_at":"2026-10-25T00:00:00Z","source":"CLM","correlation_id":"C1","data":{"contract_id":"C1","version":2,"effective_date":"2026-11-01","changes":{"rate_card":[{"role":"dev","rate":150},{"role":"pm","rate":"120.5"}]}}}"#,
            #"{"event_id":"b","type":"amendment.applied","occurred_at":"2026-10-25T01:00:00+01:00","source":"PSA","correlation_id":"C1","data":{"contract_id":"C1","version":2,"target":"PSA","applied":{"rate_card":[{"role":"pm","rate":120.50},{"role":"dev","rate":"150.00"}]}}}"#,
            #"{"event_id":"c","type":"amendment.applied","occurred_at":"2026-10-25T02:00:00Z","source":"ERP","correlation_id":"C1","data":{"contract_id":"C1","version":2,"target":"ERP","applied":{"rate_card":[{"role":"dev","rate":"1.5e2"},{"role":"pm","rate":120.5}],"end_date":"2027-01-01"}}}"#,
        ]
        let events = try lines.map { try CanonicalEvent(jsonLine: Array($0.utf8)) }
        let signals = SignalCalculator.compute(events: events, asOf: timestamp(asOfText), window: .days(7))
        XCTAssertEqual(signals.amendments.accurate, 1)
    }
}
