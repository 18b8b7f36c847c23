import SignalboxCore
import SignalboxStore

/// Builds the drill-down table behind each tile from the store's detail queries.
public enum DrillDownTables {
    public static func activation(_ details: ActivationDetails, asOf: Timestamp) -> DataTable {
        let pending = details.pending.map { item in
            let age = asOf.since(item.approvedAt)
            let waitingFor = item.waitingFor
            return DataTable.Row(
                cells: [item.contractID, item.customerName, "pending", HumanDuration.age(age), "waiting for \(waitingFor)"],
                sortKeys: [.text(item.contractID), .text(item.customerName), .text("pending"), .number(age.microseconds), .text(waitingFor)],
                emphasis: .warn, correlationID: item.contractID,
                export: [.text(item.contractID), .text(item.customerName), .text("pending"), .seconds(age), .time(item.approvedAt), .none,
                         .text("waiting for \(waitingFor)")],
                searchText: item.searchableText)
        }
        let activated = details.activated.map { item in
            DataTable.Row(
                cells: [item.contractID, item.customerName, "activated", SignalFigures.duration(item.latency), SignalFigures.instant(item.activatedAt)],
                sortKeys: [.text(item.contractID), .text(item.customerName), .text("activated"), .number(item.latency.microseconds),
                           .number(item.activatedAt.microseconds)],
                correlationID: item.contractID,
                export: [.text(item.contractID), .text(item.customerName), .text("activated"), .seconds(item.latency), .none,
                         .time(item.activatedAt), .none],
                searchText: item.searchableText)
        }
        return DataTable(
            title: "Activation latency: pending and activated contracts",
            columns: [.whole("CONTRACT", priority: 0), .init("CUSTOMER", priority: 3, minimum: 8, natural: 30),
                      .init("STATE", priority: 1, natural: 9), .whole("LATENCY/AGE", priority: 2, alignRight: true),
                      .init("DETAIL", priority: 4, minimum: 10, natural: 40)],
            rows: pending + activated, emptyMessage: "no contracts activated or pending in the window",
            exportColumns: ["contract_id", "customer", "state", "latency_or_age_seconds", "approved_at", "activated_at", "detail"])
    }

    public static func provisioning(_ failures: [ProvisioningFailure]) -> DataTable {
        DataTable(
            title: "Provisioning failures in the window",
            columns: [.whole("CONTRACT", priority: 0), .whole("WHEN", priority: 2), .init("TRY", priority: 3, minimum: 3, natural: 3, alignRight: true),
                      .init("REASON", priority: 1, minimum: 8, natural: 24), .init("MESSAGE", priority: 4, minimum: 10, natural: 100)],
            rows: failures.map { item in
                DataTable.Row(
                    cells: [item.contractID, SignalFigures.instant(item.occurredAt), String(item.attempt), item.reasonCode, item.message],
                    sortKeys: item.sortKeys,
                    emphasis: .breach, correlationID: item.contractID,
                    export: [.text(item.contractID), .time(item.occurredAt), .integer(Int64(item.attempt)), .text(item.reasonCode),
                             .text(item.message)],
                    searchText: item.searchableText)
            },
            emptyMessage: "no failed provisioning attempts in the window",
            exportColumns: ["contract_id", "occurred_at", "attempt", "reason_code", "message"])
    }

    public static func amendments(_ statuses: [AmendmentStatus]) -> DataTable {
        DataTable(
            title: "Amendments in the window and how they propagated",
            columns: [.whole("CONTRACT", priority: 0), .init("VER", priority: 1, minimum: 3, natural: 4, alignRight: true),
                      .whole("AMENDED", priority: 3), .init("STATUS", priority: 2, minimum: 7, natural: 10),
                      .init("DIFFERENCES", priority: 4, minimum: 10, natural: 100)],
            rows: statuses.map { item in
                let differences = item.differingKeys.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { target -> String? in
                    let keys = item.differingKeys[target] ?? []
                    return keys.isEmpty ? nil : "\(target.rawValue): \(keys.joined(separator: ","))"
                } + item.missingTargets.map { "\($0.rawValue) missing" }
                return DataTable.Row(
                    cells: [item.contractID, String(item.version), SignalFigures.instant(item.amendedAt), item.propagation.rawValue,
                            differences.joined(separator: "; ")],
                    sortKeys: [.text(item.contractID), .number(Int64(item.version)), .number(item.amendedAt.microseconds),
                               .text(item.propagation.rawValue), .text(differences.joined())],
                    emphasis: item.propagation == .mismatched ? .breach : item.propagation == .pending ? .warn : .normal,
                    correlationID: item.contractID,
                    export: [.text(item.contractID), .integer(Int64(item.version)), .time(item.amendedAt), .text(item.propagation.rawValue),
                             .text(differences.joined(separator: "; "))])
            },
            emptyMessage: "no amendments in the window",
            exportColumns: ["contract_id", "version", "amended_at", "propagation", "differences"])
    }

    public static func unbilled(_ entries: [UnbilledEntry], asOf: Timestamp) -> DataTable {
        DataTable(
            title: "Unbilled approved time",
            columns: [.whole("ENTRY", priority: 1), .init("CONTRACT", priority: 2, minimum: 8, natural: 40),
                      .init("CUSTOMER", priority: 5, minimum: 8, natural: 30), .whole("HOURS", priority: 4, alignRight: true),
                      .whole("AMOUNT", priority: 0, alignRight: true), .init("AGE", priority: 3, minimum: 4, natural: 6, alignRight: true),
                      .init("RESOURCE", priority: 6, minimum: 6, natural: 20)],
            rows: entries.map { item in
                let bucket = AgeBucket(approvedAt: item.approvedAt, asOf: asOf)
                return DataTable.Row(
                    cells: [item.timeEntryID, item.contractID, item.customerName, SignalFigures.money(item.hours),
                            SignalFigures.amount(item.amount, currency: item.currency), "\(bucket.rawValue)d", item.resource],
                    sortKeys: item.sortKeys(asOf: asOf),
                    emphasis: bucket == .over60 ? .breach : bucket == .upTo60 ? .warn : .normal,
                    correlationID: item.contractID,
                    export: [.text(item.timeEntryID), .text(item.contractID), .text(item.customerName), .decimal(item.hours),
                             .decimal(item.amount), .text(item.currency), .time(item.approvedAt), .text(bucket.rawValue), .text(item.resource)],
                    searchText: item.searchableText)
            },
            emptyMessage: "no unbilled approved time",
            exportColumns: ["time_entry_id", "contract_id", "customer", "hours", "amount", "currency", "approved_at", "age_bucket_days",
                            "resource"])
    }

    public static func exceptions(_ open: [OpenException], asOf: Timestamp) -> DataTable {
        DataTable(
            title: "Open exceptions (Enter: correlation trace)",
            columns: [.whole("EXCEPTION", priority: 0), .init("KIND", priority: 2, minimum: 10, natural: 26),
                      .init("SEV", priority: 5, minimum: 4, natural: 8), .whole("AGE", priority: 1, alignRight: true),
                      .init("CORRELATION", priority: 3, minimum: 8, natural: 40), .init("SUMMARY", priority: 4, minimum: 10, natural: 100)],
            rows: open.map { item in
                let age = asOf.since(item.raisedAt)
                return DataTable.Row(
                    cells: [item.exceptionID, item.kind, item.severity, HumanDuration.age(age), item.correlationID, item.summary],
                    sortKeys: [.text(item.exceptionID), .text(item.kind), .number(severityRank(item.severity)), .number(age.microseconds),
                               .text(item.correlationID), .text(item.summary)],
                    emphasis: item.severity == "critical" || item.severity == "high" ? .breach : .normal,
                    correlationID: item.correlationID,
                    export: [.text(item.exceptionID), .text(item.kind), .text(item.severity), .time(item.raisedAt), .seconds(age),
                             .text(item.correlationID), .text(item.summary)])
            },
            emptyMessage: "no open exceptions",
            exportColumns: ["exception_id", "kind", "severity", "raised_at", "age_seconds", "correlation_id", "summary"])
    }

    private static func severityRank(_ severity: String) -> Int64 {
        ["low": 1, "medium": 2, "high": 3, "critical": 4][severity] ?? 0
    }
}
