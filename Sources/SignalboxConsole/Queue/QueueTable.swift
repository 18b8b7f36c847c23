import SignalboxCore
import SignalboxStore

/// The queue's rows and groups as display tables (the store has sorted and filtered them already).
enum QueueTable {
    static let columns: [DataTable.Column] = [
        .init("AGE", width: 4, alignRight: true), .init("KIND", width: 14), .init("SEV", width: 4), .init("SUBJECT", width: 10),
        .init("CONTRACT", width: 8), .init("AT RISK", width: 11, alignRight: true), .init("OWNER", width: 6), .init("STATE", width: 15),
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
        let amount = row.amountAtRisk.map { SignalFigures.money($0) + (row.currency.map { " " + $0 } ?? "") } ?? "—"
        // "claimed by alice" loses the name the ASSIGNEE column shows, so the age fits at 80 columns.
        var state = row.assignee.map { row.stateLabel == "claimed by \($0)" ? "claimed" : row.stateLabel } ?? row.stateLabel
        if row.state != .open, let change = row.lastChange { state += " \(age(now.since(change.at))) ago" }
        let emphasis: DataTable.Emphasis = row.state.isClosed ? .normal : row.severity == "critical" || row.severity == "high" ? .breach : .normal
        return DataTable.Row(
            cells: [age(now.since(row.raisedAt)), shortKinds[row.kind] ?? row.kind, shortSeverities[row.severity] ?? row.severity, row.subject.map(\.name) ?? "—",
                    row.correlationID, amount, row.assignee ?? "—", state],
            emphasis: emphasis, correlationID: row.correlationID)
    }

    /// The largest unit only: `2d`, `5h`, `12m`, `40s`.
    static func age(_ duration: SignalDuration) -> String {
        String(HumanDuration.format(duration).split(separator: " ").first ?? "")
    }

    static let groupColumns: [DataTable.Column] = [.init("GROUP", width: 40), .init("COUNT", width: 8, alignRight: true), .init("", width: 10)]

    static func groupRow(_ group: ExceptionGroup, grouping: ExceptionGrouping) -> DataTable.Row {
        let label = grouping == .subject && group.key != group.label ? "\(group.key) \(group.label)" : group.label
        return DataTable.Row(cells: ["▸ " + label, SignalFigures.count(group.count), ""])
    }
}
