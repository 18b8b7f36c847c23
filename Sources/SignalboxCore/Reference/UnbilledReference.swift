/// Signal 4, unbilled approved time (golden-signals.md §4). Not windowed.
enum UnbilledReference {
    static func compute(_ log: ReferenceLog) -> [String: UnbilledTime] {
        // The latest time.approved of each entry gives its hours, amount, currency and approval time.
        let approvals = log.facts(\.timeApproved).histories(by: \.timeEntryID)
        // Billed: named by a line of any invoice posted up to asOf, whenever relative to the approval.
        let billedEntries = Set(log.facts(\.invoicePosted).flatMap { $0.data.lines.compactMap(\.timeEntryID) })

        var unbilled: [String: UnbilledTime] = [:]
        for (entryID, history) in approvals where !billedEntries.contains(entryID) {
            let approval = history.latest
            let bucket = AgeBucket(approvedAt: approval.occurredAt, asOf: log.asOf)
            unbilled[approval.data.currency, default: UnbilledTime()][bucket].add(
                hours: approval.data.hours, amount: approval.data.amount
            )
        }
        return unbilled
    }
}
