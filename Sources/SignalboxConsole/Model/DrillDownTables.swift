import SignalboxCore
import SignalboxStore

/// Builds the drill-down table behind each tile from the store's detail queries.
public enum DrillDownTables {
    public static func activation(_ details: ActivationDetails, asOf: Timestamp) -> DataTable {
        let pending = details.pending.map { item in
            let age = asOf.since(item.approvedAt)
            let waitingFor = item.provisionedAt == nil && item.billingScheduledAt == nil ? "project+billing"
                : item.provisionedAt == nil ? "project" : "billing"
            return DataTable.Row(
                cells: [item.contractID, item.customerName, "pending", SignalFigures.duration(age), "waiting for \(waitingFor)"],
                sortKeys: [.text(item.contractID), .text(item.customerName), .text("pending"), .number(age.microseconds), .text(waitingFor)],
                emphasis: .warn, correlationID: item.contractID)
        }
        let activated = details.activated.map { item in
            DataTable.Row(
                cells: [item.contractID, item.customerName, "activated", SignalFigures.duration(item.latency), item.activatedAt.rfc3339],
                sortKeys: [.text(item.contractID), .text(item.customerName), .text("activated"), .number(item.latency.microseconds),
                           .number(item.activatedAt.microseconds)],
                correlationID: item.contractID)
        }
        return DataTable(
            title: "Activation latency: pending and activated contracts",
            columns: [.init("CONTRACT", width: 14), .init("CUSTOMER", width: 22), .init("STATE", width: 10),
                      .init("LATENCY/AGE", width: 12, alignRight: true), .init("DETAIL", width: 24)],
            rows: pending + activated, emptyMessage: "no contracts activated or pending in the window")
    }

    public static func provisioning(_ failures: [ProvisioningFailure]) -> DataTable {
        DataTable(
            title: "Provisioning failures in the window",
            columns: [.init("CONTRACT", width: 14), .init("WHEN", width: 21), .init("TRY", width: 4, alignRight: true),
                      .init("REASON", width: 18), .init("MESSAGE", width: 30)],
            rows: failures.map { item in
                DataTable.Row(
                    cells: [item.contractID, item.occurredAt.rfc3339, String(item.attempt), item.reasonCode, item.message],
                    sortKeys: [.text(item.contractID), .number(item.occurredAt.microseconds), .number(Int64(item.attempt)),
                               .text(item.reasonCode), .text(item.message)],
                    emphasis: .breach, correlationID: item.contractID)
            },
            emptyMessage: "no failed provisioning attempts in the window")
    }

    public static func amendments(_ statuses: [AmendmentStatus]) -> DataTable {
        DataTable(
            title: "Amendments in the window and how they propagated",
            columns: [.init("CONTRACT", width: 14), .init("VER", width: 4, alignRight: true), .init("AMENDED", width: 21),
                      .init("STATUS", width: 11), .init("DIFFERENCES", width: 30)],
            rows: statuses.map { item in
                let differences = item.differingKeys.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { target -> String? in
                    let keys = item.differingKeys[target] ?? []
                    return keys.isEmpty ? nil : "\(target.rawValue): \(keys.joined(separator: ","))"
                } + item.missingTargets.map { "\($0.rawValue) missing" }
                return DataTable.Row(
                    cells: [item.contractID, String(item.version), item.amendedAt.rfc3339, item.propagation.rawValue,
                            differences.joined(separator: "; ")],
                    sortKeys: [.text(item.contractID), .number(Int64(item.version)), .number(item.amendedAt.microseconds),
                               .text(item.propagation.rawValue), .text(differences.joined())],
                    emphasis: item.propagation == .mismatched ? .breach : item.propagation == .pending ? .warn : .normal,
                    correlationID: item.contractID)
            },
            emptyMessage: "no amendments in the window")
    }

    public static func unbilled(_ entries: [UnbilledEntry], asOf: Timestamp) -> DataTable {
        DataTable(
            title: "Unbilled approved time",
            columns: [.init("ENTRY", width: 12), .init("CONTRACT", width: 12), .init("CUSTOMER", width: 18),
                      .init("CUR", width: 4), .init("HOURS", width: 8, alignRight: true), .init("AMOUNT", width: 12, alignRight: true),
                      .init("AGE", width: 6, alignRight: true), .init("RESOURCE", width: 14)],
            rows: entries.map { item in
                let bucket = AgeBucket(approvedAt: item.approvedAt, asOf: asOf)
                let age = asOf.since(item.approvedAt)
                return DataTable.Row(
                    cells: [item.timeEntryID, item.contractID, item.customerName, item.currency, SignalFigures.money(item.hours),
                            SignalFigures.money(item.amount), "\(bucket.rawValue)d", item.resource],
                    sortKeys: [.text(item.timeEntryID), .text(item.contractID), .text(item.customerName), .text(item.currency),
                               .number(item.hours.units), .money(currency: item.currency, units: item.amount.units), .number(age.microseconds), .text(item.resource)],
                    emphasis: bucket == .over60 ? .breach : bucket == .upTo60 ? .warn : .normal,
                    correlationID: item.contractID)
            },
            emptyMessage: "no unbilled approved time")
    }

    public static func exceptions(_ open: [OpenException], asOf: Timestamp) -> DataTable {
        DataTable(
            title: "Open exceptions (Enter: correlation trace)",
            columns: [.init("EXCEPTION", width: 12), .init("KIND", width: 26), .init("SEV", width: 8), .init("AGE", width: 8, alignRight: true),
                      .init("CORRELATION", width: 14), .init("SUMMARY", width: 30)],
            rows: open.map { item in
                let age = asOf.since(item.raisedAt)
                return DataTable.Row(
                    cells: [item.exceptionID, item.kind, item.severity, SignalFigures.duration(age), item.correlationID, item.summary],
                    sortKeys: [.text(item.exceptionID), .text(item.kind), .number(severityRank(item.severity)), .number(age.microseconds),
                               .text(item.correlationID), .text(item.summary)],
                    emphasis: item.severity == "critical" || item.severity == "high" ? .breach : .normal,
                    correlationID: item.correlationID)
            },
            emptyMessage: "no open exceptions")
    }

    private static func severityRank(_ severity: String) -> Int64 {
        ["low": 1, "medium": 2, "high": 3, "critical": 4][severity] ?? 0
    }
}
