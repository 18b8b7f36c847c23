import SignalboxCore

/// The SQL of the activation drill-down as of T (its pending and its activated contracts: filter, order, first
/// rows, how many match), shared by every store; parameters and text order are the dialect's.
///
/// Each part is ordered on its own; the console sorts the two parts' first rows together, which gives the first
/// rows of the whole list in that order.
public struct ActivationDetailsSQL: Sendable {
    public typealias Parameter = ExceptionQuerySQL.Parameter

    public let asOf: Timestamp
    public let windowStart: Timestamp
    public let request: DetailRequest
    public let dialect: ExceptionQuerySQL.Dialect

    public init(asOf: Timestamp, window: SignalDuration, request: DetailRequest, dialect: ExceptionQuerySQL.Dialect) {
        self.asOf = asOf
        self.windowStart = asOf.subtracting(window)
        self.request = request
        self.dialect = dialect
    }

    /// Pending at T: `contract_id, customer_name, approved_at, provisioned_at, billing_at` (the last two as of T).
    public func pendingPage() -> (sql: String, parameters: [Parameter]) {
        page(columns: "contract_id, customer_name, approved_at, CASE WHEN \(provisioned) THEN provisioned_at END, CASE WHEN \(billed) THEN billing_at END",
             part: pending)
    }

    /// Activated in the window: `contract_id, customer_name, approved_at, activated_at`.
    public func activatedPage() -> (sql: String, parameters: [Parameter]) {
        page(columns: "contract_id, customer_name, approved_at, activated_at", part: activated)
    }

    /// How many pending contracts the filter keeps.
    public func pendingCount() -> (sql: String, parameters: [Parameter]) { count(pending) }

    /// How many activated contracts the filter keeps.
    public func activatedCount() -> (sql: String, parameters: [Parameter]) { count(activated) }

    /// One part of the list: which contracts, the texts searched (as ``PendingActivation/searchableText`` and
    /// ``ActivatedContract/searchableText``), its own order, and each column's order (as the console numbers them).
    private struct Part {
        var condition: String
        var searched: [String]
        var order: String
        /// `nil`: the column is the same on every row of the part (its state), so the part keeps its own order.
        var columns: [String?]
    }

    private var t: String { dialect.placeholder(1) }
    private var provisioned: String { "provisioned_at <= \(t)" }
    private var billed: String { "billing_at <= \(t)" }
    private var notProvisioned: String { "(provisioned_at IS NULL OR provisioned_at > \(t))" }

    private var pending: Part {
        let waiting = "(CASE WHEN \(notProvisioned) AND (billing_at IS NULL OR billing_at > \(t)) THEN 'project+billing'"
            + " WHEN \(notProvisioned) THEN 'project' ELSE 'billing' END)"
        return Part(condition: "approved_at <= \(t) AND (activated_at IS NULL OR activated_at > \(t))",
                    searched: ["contract_id", "customer_name", "'pending'", "'waiting for ' || \(waiting)"],
                    order: "approved_at, contract_id\(dialect.textCollation)",
                    columns: [text("contract_id"), text("customer_name"), nil, "(0 - approved_at)", waiting + dialect.textCollation])
    }

    private var activated: Part {
        Part(condition: "activated_at > \(dialect.placeholder(2)) AND activated_at <= \(t) AND approved_at <= \(t)",
             searched: ["contract_id", "customer_name", "'activated'"],
             order: "activated_at - approved_at DESC, contract_id\(dialect.textCollation)",
             columns: [text("contract_id"), text("customer_name"), nil, "(activated_at - approved_at)", "activated_at"])
    }

    private func text(_ column: String) -> String { "lower(\(column)\(dialect.textCollation))" }

    /// T, the window's start, and the filter's pattern when there is one; the WHERE clause.
    private func conditions(_ part: Part) -> (String, [Parameter]) {
        var parameters: [Parameter] = [.integer(asOf.microseconds), .integer(windowStart.microseconds)]
        var condition = part.condition
        if let filter = request.filter.sqlCondition(columns: part.searched, placeholder: dialect.placeholder(3),
                                                    collation: dialect.textCollation) {
            parameters.append(.text(request.filter.likePattern))
            condition += " AND " + filter
        }
        return (condition, parameters)
    }

    private func page(columns: String, part: Part) -> (sql: String, parameters: [Parameter]) {
        var (condition, parameters) = conditions(part)
        parameters.append(.integer(Int64(max(request.limit, 0))))
        let sort = request.sortColumn.flatMap { part.columns.indices.contains($0) ? part.columns[$0] : nil }
        let order = sort.map { "\($0) \(request.ascending ? "ASC" : "DESC"), " } ?? ""
        return ("SELECT \(columns) FROM contracts WHERE \(condition) ORDER BY \(order)\(part.order) LIMIT \(dialect.placeholder(parameters.count))",
                parameters)
    }

    private func count(_ part: Part) -> (sql: String, parameters: [Parameter]) {
        let (condition, parameters) = conditions(part)
        return ("SELECT count(*) FROM contracts WHERE \(condition)", parameters)
    }
}
