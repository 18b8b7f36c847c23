import SignalboxCore

extension ContractLifecycle {
    /// Contracts invoice every four weeks on a Wednesday, staggered by contract, once ERP has a schedule.
    func isInvoiceDay(_ day: Int64) -> Bool {
        guard terms.billingModel != .milestone, GeneratorCalendar.weekday(day) == 2,
              (day / 7) % 4 == Int64(plan.index % 4),
              let scheduleCreatedAt, scheduleCreatedAt < GeneratorCalendar.startOfDay(day) else { return false }
        return true
    }

    func invoice(day: Int64) {
        let time = random.instant(onDay: day, fromHour: 9, toHour: 17)
        switch terms.billingModel {
        case .timeAndMaterials: invoiceApprovedTime(day: day, at: time)
        case .fixedFee: invoiceInstallment(at: time)
        case .retainer: post(lines: [InvoiceLine(amount: monthlyRetainer)], at: time)
        case .milestone: return
        }
    }

    private func invoiceApprovedTime(day: Int64, at time: Timestamp) {
        let cutoff = GeneratorCalendar.startOfDay(day - 2)
        let due = unbilled.filter { $0.approvedAt < cutoff }
        guard let first = due.first else { return }
        let total = due.reduce(ExactDecimal.zero) { $0 + $1.amount }
        if random.chance(perMille: 70) {
            let raise = ExceptionDesk.Raise(
                kind: .postingFailed, summary: "ERP rejected the invoice for \(contractID) (\(due.count) time entries)",
                amountAtRisk: total, currency: terms.currency, failedEventID: first.eventID)
            desk.raise(raise, at: time, correlation: contractID, using: &random)
            return
        }
        unbilled.removeAll { $0.approvedAt < cutoff }
        let lines = due.map { InvoiceLine(timeEntryID: $0.entryID, amount: $0.amount) }
        post(lines: withBillingSlips(lines), at: time)
        lastInvoicedTime = lines
        if slips.chance(perMille: 50) { postSupplementary(rebilling: lines, after: time) }
    }

    /// A supplementary invoice a clerk raises a day or two after the run, meant for late time, that bills one to three
    /// entries of the run again: they are double-billed from its posting (golden-signals.md §10.3).
    private func postSupplementary(rebilling lines: [InvoiceLine], after time: Timestamp) {
        var pool = lines
        var again: [InvoiceLine] = []
        for _ in 0..<min(pool.count, slips.int(in: 1...3)) { again.append(pool.remove(at: slips.int(in: 0...(pool.count - 1)))) }
        let total = again.reduce(ExactDecimal.zero) { $0 + $1.amount }
        world.emit(at: slips.after(time, minutes: 600...2880), .erp, correlation: contractID, .invoicePosted(
            InvoicePosted(invoiceID: nextInvoiceID(), contractID: contractID, currency: terms.currency, total: total, lines: again)))
    }

    /// The slips of an invoice run (golden-signals.md §10.2–10.3): now and then a line's amount is keyed wrongly, an
    /// entry already on the previous invoice is billed again, or a line bills time that was never approved.
    private func withBillingSlips(_ lines: [InvoiceLine]) -> [InvoiceLine] {
        var slipped = lines.map { line in
            guard slips.chance(perMille: 6) else { return line }
            let slip = ExactDecimal.whole(Int64(slips.int(in: 5...120)))
            let up = slips.chance(perMille: 500) || line.amount <= slip
            return InvoiceLine(timeEntryID: line.timeEntryID, amount: up ? line.amount + slip : line.amount - slip)
        }
        if !lastInvoicedTime.isEmpty, slips.chance(perMille: 40) { slipped.append(slips.pick(lastInvoicedTime)) }
        if slips.chance(perMille: 12) {
            unapprovedLineCount += 1
            let entryID = "TE-" + contractID.dropFirst(4) + "-U" + zeroPadded(unapprovedLineCount, 3)
            slipped.append(InvoiceLine(timeEntryID: entryID, amount: .whole(Int64(slips.int(in: 4...32)) * 25)))
        }
        return slipped
    }

    private func invoiceInstallment(at time: Timestamp) {
        let installments: Int64 = 4
        guard installmentsBilled < installments else { return }
        installmentsBilled += 1
        let share = ExactDecimal(units: terms.totalValue.units / installments).cents
        let amount = installmentsBilled == installments ? terms.totalValue - share - share - share : share
        post(lines: [InvoiceLine(amount: amount)], at: time)
    }

    private var monthlyRetainer: ExactDecimal {
        let months = max(1, (terms.endDate.daysSinceEpoch - terms.startDate.daysSinceEpoch) / 30)
        return ExactDecimal(units: terms.totalValue.units / months).cents
    }

    func planMilestones() {
        guard terms.billingModel == .milestone else { return }
        var day = terms.startDate.daysSinceEpoch
        for _ in 0..<random.int(in: 2...4) {
            day += Int64(random.int(in: 18...40))
            milestoneDays.append(day)
        }
    }

    func acceptMilestone(day: Int64) {
        guard provisionedAt != nil else { return }
        milestoneCount += 1
        let milestoneID = "MS-" + contractID.dropFirst(4) + "-" + String(milestoneCount)
        let amount = ExactDecimal(units: terms.totalValue.units / 4).cents
        let acceptedAt = random.instant(onDay: day, fromHour: 9, toHour: 18)
        world.emit(at: acceptedAt, .psa, correlation: contractID, .milestoneAccepted(
            MilestoneAccepted(milestoneID: milestoneID, contractID: contractID, amount: amount, currency: terms.currency)))
        let invoiceAt = random.after(acceptedAt, minutes: 60...(3 * 1440))
        guard let scheduleCreatedAt, scheduleCreatedAt < invoiceAt, random.chance(perMille: 900) else { return }
        post(lines: [InvoiceLine(milestoneID: milestoneID, amount: amount)], at: invoiceAt)
    }

    /// Posts an invoice in ERP and, for most invoices, a later payment (sometimes partial).
    private func post(lines: [InvoiceLine], at time: Timestamp) {
        let invoiceID = nextInvoiceID()
        let total = lines.reduce(ExactDecimal.zero) { $0 + $1.amount }
        world.emit(at: time, .erp, correlation: contractID, .invoicePosted(
            InvoicePosted(invoiceID: invoiceID, contractID: contractID, currency: terms.currency, total: total, lines: lines)))
        guard random.chance(perMille: 750) else { return }
        let paid = random.chance(perMille: 100) ? ExactDecimal(units: total.units / 2).cents : total
        world.emit(at: random.after(time, days: 14...45), .erp, correlation: contractID,
                   .paymentReceived(PaymentReceived(invoiceID: invoiceID, amount: paid, currency: terms.currency)))
    }

    private func nextInvoiceID() -> String {
        invoiceCount += 1
        return "INV-" + contractID.dropFirst(4) + "-" + zeroPadded(invoiceCount, 3)
    }
}
