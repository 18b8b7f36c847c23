import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// A fixed console state and store data for render and update tests.
enum ConsoleFixtures {
    static let asOf = Timestamp(epochSeconds: 1_793_404_800)   // 2026-10-31T00:00:00Z
    static let hour = SignalDuration.seconds(3600)

    static let signals = GoldenSignals(
        asOf: asOf, window: .days(7),
        activation: ActivationLatency(count: 41, p50: .seconds(5400), p90: .seconds(86_400), max: .seconds(172_800), pending: 3,
                                      oldestPending: .seconds(93_600)),
        provisioning: ProvisioningSignal(succeeded: 44, failed: 6, firstEvents: 41, firstPassed: 37),
        amendments: AmendmentAccuracy(accurate: 9, mismatched: 1, pending: 2),
        unbilled: ["USD": UnbilledTime(buckets: [
            .upTo7: UnbilledTotals(hours: ExactDecimal(300), amount: ExactDecimal(45_000), entries: 70),
            .upTo30: UnbilledTotals(hours: ExactDecimal(units: 1_005_000), amount: ExactDecimal(15_075), entries: 24),
            .upTo60: UnbilledTotals(hours: ExactDecimal(12), amount: ExactDecimal(1_800), entries: 3),
        ])],
        exceptions: ExceptionBacklog(openByKind: ["ambiguous_customer_mapping": 5, "posting_failed": 12], oldestOpen: .seconds(259_200),
                                     raisedInWindow: 20, closedInWindow: 9),
        timeToInvoice: DurationSummary(count: 310, p50: .days(7), p90: .days(22), max: .days(60)),
        resolution: ResolutionTime(
            overall: DurationSummary(count: 9, p50: .seconds(7200), p90: .days(3), max: .seconds(302_400)), resolved: 7, dismissed: 2,
            byKind: ["posting_failed": DurationSummary(count: 6, p50: .seconds(3600), p90: .days(1), max: .days(2)),
                     "ambiguous_customer_mapping": DurationSummary(count: 3, p50: .days(3), p90: .seconds(302_400), max: .seconds(302_400))]),
        invoiceToCash: InvoiceToCash(
            latency: DurationSummary(count: 40, p50: .days(30), p90: .days(45), max: .days(60)),
            outstanding: ["USD": OutstandingReceivables(invoices: 12, amount: ExactDecimal(184_250)),
                          "EUR": OutstandingReceivables(invoices: 3, amount: ExactDecimal(units: 95_005_000))]),
        throughput: Throughput(bySource: ["CLM": 310, "ERP": 2200, "MIDDLEWARE": 240, "PSA": 15500]),
        reconciliation: ReconciliationFixtures.signal)

    static func settings(readOnly: Bool = false, wall: Bool = false) -> ConsoleSettings {
        ConsoleSettings(storeName: "/srv/signalbox/store.sqlite", userName: "ops", readOnly: readOnly, wall: wall,
                        configuration: .defaults)
    }

    /// A console that has loaded `signals` at `asOf` and has been idle 5 seconds.
    static func loadedState(size: Size = Size(width: 80, height: 24), readOnly: Bool = false, wall: Bool = false) -> ConsoleState {
        let state = ConsoleState(settings: settings(readOnly: readOnly, wall: wall), size: size, now: asOf, themeName: "dark")
        var (loaded, _) = ConsoleUpdate.update(state, .signalsLoaded(signals, token: 7, at: asOf, notYetIn: 0))
        loaded = ConsoleUpdate.update(loaded, .trendsLoaded([
            .activation: TrendSeries(values: [3600, 5400, nil, 7200, 86_400, 43_200], periodLabel: "48h hourly", unit: .seconds),
            .exceptions: TrendSeries(values: [9, 11, 14, 17], periodLabel: "48h hourly", unit: .count),
            .timeToInvoice: TrendSeries(values: [1_728_000, 1_814_400, 1_900_800, nil, 1_900_800], periodLabel: "30d daily", unit: .seconds),
            .throughput: TrendSeries(values: [17_000, 18_250, 16_900, 18_250], periodLabel: "48h hourly", unit: .count),
            .reconciliation: TrendSeries(values: [4, 6, 9, 12, 13], periodLabel: "30d daily", unit: .count),
        ])).0
        loaded.now = asOf.adding(.seconds(5))
        return loaded
    }

    static let activationDetails = ActivationDetails(
        activated: [ActivatedContract(contractID: "CTR-LHTCKV-0000012", customerName: "Acme Consulting GmbH", approvedAt: asOf.subtracting(.seconds(90_000)),
                                      activatedAt: asOf.subtracting(.seconds(3_600)))],
        pending: [PendingActivation(contractID: "CTR-LHTCKV-0000031", customerName: "Globex Partners", approvedAt: asOf.subtracting(.seconds(93_600)),
                                    provisionedAt: asOf.subtracting(.seconds(7_200)), billingScheduledAt: nil)])

    static let failures = [
        ProvisioningFailure(contractID: "CTR-LHTCKV-0000044", occurredAt: asOf.subtracting(.seconds(7_200)), attempt: 2,
                            reasonCode: "PSA_TIMEOUT", message: "PSA did not answer in 30 s\u{1B}[31m"),
    ]

    static let amendments = [
        AmendmentStatus(contractID: "CTR-LHTCKV-0000012", version: 2, amendedAt: asOf.subtracting(.seconds(86_400)), propagation: .mismatched,
                        differingKeys: [.erp: ["rate_card"], .psa: []], missingTargets: []),
        AmendmentStatus(contractID: "CTR-LHTCKV-0000031", version: 3, amendedAt: asOf.subtracting(.seconds(3_600)), propagation: .pending,
                        differingKeys: [.psa: []], missingTargets: [.erp]),
    ]

    static let unbilled = [
        UnbilledEntry(timeEntryID: "TE-LHTCKV-0000981-0001", contractID: "CTR-LHTCKV-0000012", customerName: "Acme Consulting GmbH", resource: "r.meyer",
                      currency: "USD", hours: ExactDecimal(units: 75_000), amount: ExactDecimal(418_000), approvedAt: asOf.subtracting(.days(40))),
        UnbilledEntry(timeEntryID: "TE-LHTCKV-0000990-0001", contractID: "CTR-LHTCKV-0000031", customerName: "Globex Partners", resource: "a.ng",
                      currency: "EUR", hours: ExactDecimal(8), amount: ExactDecimal(960), approvedAt: asOf.subtracting(.days(2))),
    ]

    static let openExceptions = [
        OpenException(exceptionID: "EXC-LHTCKV-0000001", kind: "posting_failed", severity: "high", raisedAt: asOf.subtracting(.days(3)),
                      correlationID: "CTR-LHTCKV-0000012", summary: "invoice rejected by ERP"),
        OpenException(exceptionID: "EXC-LHTCKV-0000002", kind: "ambiguous_customer_mapping", severity: "low", raisedAt: asOf.subtracting(.seconds(600)),
                      correlationID: "CTR-LHTCKV-0000031", summary: "two CRM accounts match"),
    ]

    static let invoicedEntries = [
        InvoicedTimeEntry(timeEntryID: "TE-LHTCKV-0000981-0001", contractID: "CTR-LHTCKV-0000012", approvedAt: asOf.subtracting(.days(40)),
                          invoicedAt: asOf.subtracting(.days(2))),
        InvoicedTimeEntry(timeEntryID: "TE-LHTCKV-0000990-0001", contractID: "CTR-LHTCKV-0000031", approvedAt: asOf.subtracting(.days(5)),
                          invoicedAt: asOf.subtracting(.days(1))),
    ]

    static let closedExceptions = [
        ClosedException(exceptionID: "EXC-LHTCKV-0000007", kind: "posting_failed", correlationID: "CTR-LHTCKV-0000012",
                        raisedAt: asOf.subtracting(.days(3)), closedAt: asOf.subtracting(.days(1)), dismissed: false),
        ClosedException(exceptionID: "EXC-LHTCKV-0000008", kind: "ambiguous_customer_mapping", correlationID: "CTR-LHTCKV-0000031",
                        raisedAt: asOf.subtracting(.days(6)), closedAt: asOf.subtracting(.seconds(3600)), dismissed: true),
    ]

    static let invoiceStandings = [
        InvoiceStanding(invoiceID: "INV-LHTCKV-0000012-003", currency: "USD", total: ExactDecimal(184_250), owed: ExactDecimal(84_250),
                        postedAt: asOf.subtracting(.days(50)), paidAt: nil),
        InvoiceStanding(invoiceID: "INV-LHTCKV-0000031-001", currency: "EUR", total: ExactDecimal(9_500), owed: .zero,
                        postedAt: asOf.subtracting(.days(33)), paidAt: asOf.subtracting(.days(2))),
    ]

    static var traceEvents: [StoredEvent] {
        get throws {
            let lines = [
                #"{"event_id":"e1","type":"project.provisioning_failed","occurred_at":"2026-10-30T10:00:00Z","source":"MIDDLEWARE","correlation_id":"CTR-LHTCKV-0000044","data":{"contract_id":"CTR-LHTCKV-0000044","attempt":1,"reason_code":"PSA_TIMEOUT","message":"timeout"}}"#,
                #"{"event_id":"e2","type":"project.provisioned","occurred_at":"2026-10-30T11:00:00Z","source":"PSA","correlation_id":"CTR-LHTCKV-0000044","data":{"contract_id":"CTR-LHTCKV-0000044","project_id":"P-44"}}"#,
            ]
            return try lines.enumerated().map { StoredEvent(sequence: Int64($0.offset + 1), event: try CanonicalEvent(jsonLine: Array($0.element.utf8))) }
        }
    }

    /// `state` showing the table from `source` loaded with `table`.
    static func tableState(_ table: DataTable, source: TableScreen.Source, size: Size) -> ConsoleState {
        var state = loadedState(size: size)
        var screen = TableScreen(source: source)
        screen.table = table
        state.screen = .table(screen)
        return state
    }
}
