import SignalboxCore
import SignalboxStore

/// The queue's rows and groups as display tables (the store has sorted and filtered them already).
enum QueueTable {
    /// The exception ID is never cut; at 80 columns the contract ID is cut and subject, owner and severity drop out.
    static let columns: [DataTable.Column] = [
        .whole("EXCEPTION", priority: 0), .init("AGE", priority: 1, minimum: 3, natural: 4, alignRight: true),
        .init("KIND", priority: 2, minimum: 8, natural: 14), .init("SEV", priority: 8, minimum: 4, natural: 4),
        .init("SUBJECT", priority: 6, minimum: 8, natural: 24), .init("CONTRACT", priority: 5, minimum: 8, natural: 40),
        .whole("AT RISK", priority: 4, alignRight: true), .init("OWNER", priority: 7, minimum: 5, natural: 14),
        .init("STATE", priority: 3, minimum: 7, natural: 16), .whole("CHANGED", priority: 9, alignRight: true),
    ]

    /// Which column the store sorts by, for the heading.
    static func columnTitle(_ key: ExceptionSortKey) -> String {
        switch key {
        case .age: "AGE"
        case .kind: "KIND"
        case .severity: "SEV"
        case .subject: "SUBJECT"
        case .contract: "CONTRACT"
        case .amount: "AT RISK"
        case .state: "STATE"
        case .assignee: "OWNER"
        }
    }

    /// Kinds in at most 14 columns (the detail view shows the full name).
    static let shortKinds: [String: String] = [
        "ambiguous_customer_mapping": "ambiguous map", "missing_master_data": "missing master", "rate_mismatch": "rate mismatch",
        "amendment_conflict": "amend conflict", "time_after_cutoff": "after cutoff", "duplicate_event": "duplicate",
        "posting_failed": "posting failed", "provisioning_failed": "provisioning", "schema_violation": "schema",
    ]

    static let shortSeverities = ["medium": "med", "critical": "crit"]

    static func row(_ row: ExceptionRow, now: Timestamp) -> DataTable.Row {
        let amount = SignalFigures.amount(row.amountAtRisk, currency: row.currency)
        let emphasis: DataTable.Emphasis = row.state.isClosed ? .normal : row.severity == "critical" || row.severity == "high" ? .breach : .normal
        return DataTable.Row(
            cells: [row.exceptionID, age(now.since(row.raisedAt)), shortKinds[row.kind] ?? row.kind,
                    shortSeverities[row.severity] ?? row.severity, row.subject.map(\.name) ?? "—",
                    row.correlationID, amount, row.assignee ?? "—", row.state.rawValue,
                    row.lastChange.map { "\(age(now.since($0.at))) ago" } ?? "—"],
            emphasis: emphasis, correlationID: row.correlationID)
    }

    /// The largest unit only: `2d`, `5h`, `12m`, `40s`.
    static func age(_ duration: SignalDuration) -> String {
        String(HumanDuration.age(duration).split(separator: " ").first ?? "")
    }

    static let groupColumns: [DataTable.Column] = [.whole("COUNT", priority: 0, alignRight: true), .init("GROUP", priority: 1, minimum: 10, natural: 120)]

    static func groupRow(_ group: ExceptionGroup, grouping: ExceptionGrouping) -> DataTable.Row {
        let label = grouping == .subject && group.key != group.label ? "\(group.key) \(group.label)" : group.label
        return DataTable.Row(cells: [SignalFigures.count(group.count), "▸ " + label])
    }
}
