import SignalboxCore

/// The rate card as PSA holds it. PSA prices approved time from it: the card of the approval, then each rate-card
/// amendment PSA has applied by the time the time is approved (as it applied it, rightly or wrongly), in version order,
/// from its effective date. While an amendment is pending in PSA, or where PSA applied it wrongly, time is priced off
/// the contract's card: the rate leakage of golden-signals.md §10.1.
struct PSARateCard {
    /// One `amendment.applied` to PSA that carries a rate card.
    struct Application {
        let version: Int
        let effectiveDate: CivilDate
        let rates: [RateCardEntry]
        let appliedAt: Timestamp
    }

    private let approved: [RateCardEntry]
    private var applications: [Application] = []

    init(approved: [RateCardEntry]) { self.approved = approved }

    mutating func record(_ application: Application) { applications.append(application) }

    /// The rate of `role` for work on `workDate`, as PSA knows it at `approvedAt`; nil when the role is on no card PSA holds.
    func rate(of role: String, on workDate: CivilDate, at approvedAt: Timestamp) -> ExactDecimal? {
        var card: [String: ExactDecimal] = [:]
        for line in approved { card[line.role] = line.rate }
        // Per version, the latest application PSA had made by then (a wrong one may have been corrected).
        var known: [Int: Application] = [:]
        for application in applications where application.appliedAt <= approvedAt {
            if let earlier = known[application.version], earlier.appliedAt > application.appliedAt { continue }
            known[application.version] = application
        }
        for (_, application) in known.sorted(by: { $0.key < $1.key }) where application.effectiveDate <= workDate {
            for line in application.rates { card[line.role] = line.rate }
        }
        return card[role]
    }
}
