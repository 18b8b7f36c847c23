import SignalboxCore

/// The confirmation of a resolve-all: every exception it writes (id, kind, amount, version), then apart the ones
/// the rules refuse with the reason; only the listed ones are written, at the versions shown.
enum BulkResolutionDialog {
    static func lines(_ plan: BulkResolutionPlan) -> [String] {
        let count = plan.included.count
        var lines = ["\(count) open exception\(count == 1 ? "" : "s") will be resolved — exactly these:"]
        lines += plan.included.map { "  \($0.exceptionID)  \($0.kind.rawValue)  \($0.amountText)  v\($0.version)" }
        if !plan.refused.isEmpty {
            lines.append("not included, the rules refuse \(plan.refused.count):")
            lines += plan.refused.map { "  \($0.item.exceptionID)  \($0.item.kind.rawValue)  \($0.item.amountText): \($0.error)" }
        }
        return lines
    }
}
