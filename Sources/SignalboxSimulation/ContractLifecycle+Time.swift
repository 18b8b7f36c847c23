import SignalboxCore

extension ContractLifecycle {
    /// On Mondays, each resource's daily hours for the week before are approved in PSA (one entry per
    /// person and working day). A few are corrected and approved again; a few raise exceptions; a few are
    /// never picked up by invoicing and age into the older unbilled buckets.
    func approveLastWeeksTime(day: Int64) {
        guard let provisionedAt, provisionedAt < GeneratorCalendar.startOfDay(day - 2) else { return }
        for resource in plan.resources {
            for workDay in (day - 7)...(day - 3) where random.chance(perMille: 900) {
                let workDate = CivilDate(daysSinceEpoch: workDay)
                guard workDate >= terms.startDate, workDate <= terms.endDate else { continue }
                approveTime(of: resource, for: workDate, on: day)
            }
        }
    }

    private func approveTime(of resource: ContractPlan.Resource, for workDate: CivilDate, on day: Int64) {
        timeEntryCount += 1
        let entryID = "TE-" + contractID.dropFirst(4) + "-" + zeroPadded(timeEntryCount, 4)
        let quarterHours = Int64(random.int(in: 8...40))
        let mismatch = random.chance(perMille: 2)
        let markUp = mismatch ? ExactDecimal.whole(Int64(random.int(in: 5...25))) : .zero
        let approvedAt = random.instant(onDay: day, fromHour: 8, toHour: 17)
        let booked = bookedResource(resource)
        let cardRate = psaCard.rate(of: booked.role, on: workDate, at: approvedAt) ?? offCardRate(booked.role)
        let rate = cardRate + markUp - courtesyDiscount(unless: mismatch)
        let entry = timeApproved(entryID, booked, workDate, quarterHours: quarterHours, rate: rate)
        let eventID = world.emit(at: approvedAt, .psa, correlation: contractID, .timeApproved(entry))
        var record = ApprovedTime(entryID: entryID, eventID: eventID, amount: entry.amount, approvedAt: approvedAt)

        if random.chance(perMille: 15) {
            let corrected = max(4, quarterHours + Int64(random.int(in: 1...8)) * (random.chance(perMille: 500) ? 1 : -1))
            let correction = timeApproved(entryID, booked, workDate, quarterHours: corrected, rate: rate)
            world.emit(at: random.after(approvedAt, days: 1...6), .psa, correlation: contractID, .timeApproved(correction))
            record.amount = correction.amount
        }
        if mismatch {
            raiseAboutTime(.rateMismatch, eventID, approvedAt, amount: entry.hours * (rate - cardRate),
                           "\(entryID): rate \(rate) differs from the rate card (\(cardRate)) for \(booked.role)")
        } else if random.chance(perMille: 2) {
            raiseAboutTime(.timeAfterCutoff, eventID, approvedAt, amount: entry.amount,
                           "\(entryID) for \(workDate) approved after the period closed in ERP")
        } else if random.chance(perMille: 1) {
            raiseAboutTime(.missingMasterData, eventID, approvedAt, amount: entry.amount,
                           "\(entryID): resource \(resource.name) is not in HCM")
        } else if random.chance(perMille: 1) {
            let raise = ExceptionDesk.Raise(kind: .duplicateEvent, summary: "PSA delivered \(entryID) twice with different message ids")
            desk.raise(raise, at: random.after(approvedAt, minutes: 1...90), correlation: contractID, using: &random)
        }
        if !random.chance(perMille: 60) { unbilled.append(record) }
    }

    /// Now and then a person books time under a role the contract's card does not list (PSA prices it at the firm's
    /// list rate for that role): unpriced in §10.1.
    private func bookedResource(_ resource: ContractPlan.Resource) -> ContractPlan.Resource {
        let offCard = Catalog.roles.map(\.name).filter { role in !terms.rateCard.contains { $0.role == role } }
        guard slips.chance(perMille: 4), !offCard.isEmpty else { return resource }
        return ContractPlan.Resource(name: resource.name, role: slips.pick(offCard))
    }

    /// The firm's list rate for a role, in the contract's currency.
    private func offCardRate(_ role: String) -> ExactDecimal {
        let listRate = Catalog.roles.first { $0.name == role }?.rate ?? 100
        return .whole(ContractPlan.localRate(listRate, terms.currency))
    }

    /// A few entries are priced by hand below the card (a courtesy discount); never one already marked up.
    private func courtesyDiscount(unless markedUp: Bool) -> ExactDecimal {
        guard !markedUp, slips.chance(perMille: 3) else { return .zero }
        return .whole(Int64(slips.int(in: 5...15)))
    }

    private func timeApproved(_ entryID: String, _ resource: ContractPlan.Resource, _ workDate: CivilDate,
                              quarterHours: Int64, rate: ExactDecimal) -> TimeApproved {
        let hours = ExactDecimal(units: quarterHours * ExactDecimal.unitsPerOne / 4)
        return TimeApproved(timeEntryID: entryID, contractID: contractID, projectID: plan.projectID, resource: resource.name,
                            role: resource.role, workDate: workDate, hours: hours, rate: rate, amount: hours * rate,
                            currency: terms.currency)
    }

    private func raiseAboutTime(_ kind: ExceptionKind, _ eventID: String, _ approvedAt: Timestamp, amount: ExactDecimal, _ summary: String) {
        let raise = ExceptionDesk.Raise(kind: kind, summary: summary, amountAtRisk: amount, currency: terms.currency, failedEventID: eventID)
        desk.raise(raise, at: random.after(approvedAt, minutes: 1...120), correlation: contractID, using: &random)
    }
}
