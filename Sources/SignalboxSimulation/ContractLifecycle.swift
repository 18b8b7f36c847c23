import SignalboxCore

/// One contract's life from approval to cash: provisioning, billing schedule, amendments,
/// weekly time, invoices, milestones, payments, and the exceptions along the way.
///
/// `start()` runs on the approval day; `step(day:)` runs once for every later day.
/// Events are planned into the world's agenda, never written directly.
final class ContractLifecycle {
    struct ApprovedTime {
        let entryID: String
        let eventID: String
        var amount: ExactDecimal
        let approvedAt: Timestamp
    }

    let plan: ContractPlan
    let world: SimulationWorld
    var random: SimulationRandom
    /// The billing slips people make (off-card roles, hand pricing, slipped lines, double billing), drawn from a
    /// stream of their own so that every other choice of the contract stays what it was.
    var slips: SimulationRandom
    /// The rate card PSA prices time from.
    var psaCard: PSARateCard
    /// The effective date of each amendment version.
    var effectiveDates: [Int: CivilDate] = [:]
    /// The time lines of the last invoice of approved time (an entry on it may be billed again by mistake).
    var lastInvoicedTime: [InvoiceLine] = []
    /// How many lines were made up for time never approved.
    var unapprovedLineCount = 0
    var desk: ExceptionDesk { ExceptionDesk(world: world) }

    var approvedEventID = ""
    /// When the project exists in PSA (nil: never provisioned).
    var provisionedAt: Timestamp?
    /// When ERP has a billing schedule (nil: never created).
    var scheduleCreatedAt: Timestamp?
    var rates: [String: ExactDecimal]
    var version = 1
    var amendmentDays: [Int64] = []
    var milestoneDays: [Int64] = []
    var milestoneCount = 0
    var installmentsBilled = 0
    var timeEntryCount = 0
    var invoiceCount = 0
    /// Approved time not yet on an invoice (entries that will never be billed are not kept).
    var unbilled: [ApprovedTime] = []
    /// Live runs only: the open mapping exception that holds provisioning and the billing schedule back.
    var blockingMappingExceptionID: String?

    var contractID: String { plan.contractID }
    var terms: ContractApproved { plan.terms }

    init(index: Int, world: SimulationWorld) {
        var random = SimulationRandom(seed: world.configuration.seed, stream: UInt64(index))
        self.plan = ContractPlan(index: index, world: world, using: &random)
        self.world = world
        self.random = random
        self.slips = SimulationRandom(seed: world.configuration.seed, stream: 0xB111_0000_0000 + UInt64(index))
        self.psaCard = PSARateCard(approved: plan.terms.rateCard)
        self.rates = Dictionary(plan.terms.rateCard.map { ($0.role, $0.rate) }, uniquingKeysWith: { first, _ in first })
    }

    /// True once nothing more can happen to this contract (its end date is long past).
    func isFinished(after day: Int64) -> Bool { day > terms.endDate.daysSinceEpoch + 45 }

    func start() {
        approvedEventID = world.emit(at: plan.approvedAt, .clm, correlation: contractID, .contractApproved(terms))
        raiseAmbiguousMappingIfNeeded()
        if blockingMappingExceptionID == nil {
            provision()
            createBillingSchedule()
        }
        planAmendments()
        planMilestones()
    }

    func step(day: Int64) {
        if GeneratorCalendar.weekday(day) == 0 {
            approveLastWeeksTime(day: day)
            if random.chance(perMille: 5) { raiseSchemaViolation(day: day) }
        }
        if isInvoiceDay(day) { invoice(day: day) }
        if amendmentDays.first == day {
            amendmentDays.removeFirst()
            amend(day: day)
        }
        if milestoneDays.first == day {
            milestoneDays.removeFirst()
            acceptMilestone(day: day)
        }
    }

    private func raiseAmbiguousMappingIfNeeded() {
        guard world.customers.isAmbiguous(plan.customerIndex) else { return }
        let raise = ExceptionDesk.Raise(
            kind: .ambiguousCustomerMapping,
            summary: "customer \(terms.customer.name) (\(terms.customer.key)) matches several ERP accounts",
            amountAtRisk: terms.totalValue, currency: terms.currency, failedEventID: approvedEventID,
            subject: terms.customer, candidates: world.customers.candidates(plan.customerIndex)
        )
        let raisedAt = random.after(plan.approvedAt, minutes: 2...30)
        guard world.configuration.live != nil else {
            desk.raise(raise, at: raisedAt, correlation: contractID, using: &random)
            return
        }
        blockingMappingExceptionID = desk.raise(raise, at: raisedAt, correlation: contractID, fate: .stayOpen, using: &random)
    }

    private func provision() {
        let outcome = random.int(in: 0...99)
        let failures = outcome < 78 ? 0 : outcome < 93 ? random.int(in: 1...3) : random.int(in: 2...4)
        let neverSucceeds = outcome >= 93
        var time = random.after(plan.approvedAt, minutes: 3...90)
        var escalated: (raise: ExceptionDesk.Raise, at: Timestamp)?
        for attempt in 1...max(1, failures) where failures > 0 {
            let failure = random.pick(Catalog.provisioningFailures)
            let failedID = world.emit(at: time, .middleware, correlation: contractID, .projectProvisioningFailed(
                ProjectProvisioningFailed(contractID: contractID, attempt: attempt, reasonCode: failure.code, message: failure.message)))
            if attempt == 2 || (neverSucceeds && attempt == failures && escalated == nil) {
                escalated = (ExceptionDesk.Raise(
                    kind: .provisioningFailed, summary: "project for \(contractID) not provisioned after \(attempt) attempts: \(failure.code)",
                    amountAtRisk: terms.totalValue, currency: terms.currency, failedEventID: neverSucceeds ? approvedEventID : failedID
                ), random.after(time, minutes: 1...5))
            }
            time = random.after(time, minutes: 20...360)
        }
        if neverSucceeds {
            if let escalated { desk.raise(escalated.raise, at: escalated.at, correlation: contractID, fate: .stayOpen, using: &random) }
            return
        }
        world.emit(at: time, .psa, correlation: contractID, .projectProvisioned(ProjectProvisioned(contractID: contractID, projectID: plan.projectID)))
        provisionedAt = time
        if let escalated {
            let fate = ExceptionDesk.Fate.autoResolved(at: random.after(time, minutes: 1...10), note: "provisioned on retry")
            desk.raise(escalated.raise, at: escalated.at, correlation: contractID, fate: fate, using: &random)
        }
    }

    private func createBillingSchedule() {
        let outcome = random.int(in: 0...99)
        guard outcome < 90 else {
            if random.chance(perMille: 500) {
                let raise = ExceptionDesk.Raise(
                    kind: .missingMasterData, summary: "no billing schedule for \(contractID): \(random.pick(Catalog.missingMasterData))",
                    amountAtRisk: terms.totalValue, currency: terms.currency, failedEventID: approvedEventID)
                desk.raise(raise, at: random.after(plan.approvedAt, minutes: 60...240), correlation: contractID, fate: .stayOpen, using: &random)
            }
            return
        }
        let time = outcome < 75 ? random.after(plan.approvedAt, minutes: 10...1200) : random.after(plan.approvedAt, days: 3...12)
        world.emit(at: time, .erp, correlation: contractID, .billingScheduleCreated(BillingScheduleCreated(contractID: contractID, scheduleID: plan.scheduleID)))
        scheduleCreatedAt = time
    }

    private func raiseSchemaViolation(day: Int64) {
        let raise = ExceptionDesk.Raise(kind: .schemaViolation, summary: random.pick(Catalog.schemaViolations),
                                        failedEventID: world.newRawMessageID())
        desk.raise(raise, at: random.instant(onDay: day, fromHour: 0, toHour: 24), correlation: contractID, using: &random)
    }
}
