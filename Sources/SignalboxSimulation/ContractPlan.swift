import SignalboxCore

/// The fixed facts of one simulated contract, decided when it is approved.
struct ContractPlan {
    struct Resource {
        let name: String
        let role: String
    }

    let index: Int
    let contractID: String
    let customerIndex: Int
    let approvedAt: Timestamp
    let terms: ContractApproved
    /// People booking time (time-and-materials contracts only).
    let resources: [Resource]

    var projectID: String { "PRJ-" + contractID.dropFirst(4) }
    var scheduleID: String { "BS-" + contractID.dropFirst(4) }
    var approvalDay: Int64 { approvedAt.civilDate.daysSinceEpoch }

    init(index: Int, world: SimulationWorld, using random: inout SimulationRandom) {
        let configuration = world.configuration
        self.index = index
        contractID = configuration.namespaced("CTR-") + zeroPadded(index + 1, 7)
        customerIndex = world.customers.pickIndex(using: &random)
        let approvalDay = ContractPlan.approvalDay(index: index, configuration: configuration)
        let hours: (from: Int64, to: Int64) = configuration.live == nil ? (8, 18) : (0, 24)
        approvedAt = random.instant(onDay: approvalDay, fromHour: hours.from, toHour: hours.to)

        let currency = random.pick(Catalog.currencies, weights: [55, 30, 15])
        let model = random.pick(BillingModel.allCases, weights: [20, 45, 20, 15])
        let roleCount = random.int(in: 2...4)
        var roles = Catalog.roles
        var rateCard: [RateCardEntry] = []
        for _ in 0..<roleCount {
            let role = roles.remove(at: random.int(in: 0...(roles.count - 1)))
            rateCard.append(RateCardEntry(role: role.name, rate: .whole(ContractPlan.localRate(role.rate, currency) + Int64(random.int(in: -10...20)))))
        }
        let start = CivilDate(daysSinceEpoch: approvalDay + Int64(random.int(in: 0...14)))
        let durationDays = Int64(random.int(in: 90...365))
        let end = CivilDate(daysSinceEpoch: start.daysSinceEpoch + durationDays)
        let months = max(1, durationDays / 30)
        let total: ExactDecimal = switch model {
        case .timeAndMaterials, .retainer: .whole(months * Int64(random.int(in: 8...60)) * 1000)
        case .fixedFee, .milestone: .whole(Int64(random.int(in: 40...600)) * 1000)
        }
        terms = ContractApproved(
            contractID: contractID, customer: world.customers.record(customerIndex),
            legalEntity: random.pick(Catalog.legalEntities), currency: currency, billingModel: model, totalValue: total,
            rateCard: rateCard, startDate: start, endDate: end
        )
        var resources: [Resource] = []
        if model == .timeAndMaterials {
            for _ in 0..<random.int(in: 1...3) {
                let name = random.pick(Catalog.firstNames) + "." + random.pick(Catalog.lastNames)
                resources.append(Resource(name: name, role: random.pick(rateCard).role))
            }
        }
        self.resources = resources
    }

    /// Contracts are approved in index order, spread evenly over the whole range, so approvals (and
    /// provisioning, schedules, amendments and exceptions after them) continue to its last day; contracts
    /// approved near the end simply stay pending.
    static func approvalDay(index: Int, configuration: GeneratorConfiguration) -> Int64 {
        let span = Int64(configuration.dayCount)
        return configuration.from.daysSinceEpoch + Int64(index) * span / Int64(configuration.contracts)
    }

    /// A USD base rate in whole units of `currency`.
    static func localRate(_ usd: Int64, _ currency: String) -> Int64 {
        switch currency {
        case "EUR": usd * 92 / 100
        case "GBP": usd * 79 / 100
        default: usd
        }
    }
}
