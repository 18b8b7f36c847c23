import SignalboxCore

extension ContractLifecycle {
    /// How an amendment reaches PSA and ERP.
    private enum Propagation: CaseIterable {
        case correct, oneWrong, oneLate, oneMissing, bothLate
    }

    func planAmendments() {
        guard random.chance(perMille: 400) else { return }
        var day = plan.approvalDay + Int64(random.int(in: 15...60))
        amendmentDays.append(day)
        if random.chance(perMille: 300) {
            day += Int64(random.int(in: 10...40))
            amendmentDays.append(day)
        }
    }

    /// Approves the next version in CLM and propagates it to PSA and ERP, not always faithfully.
    func amend(day: Int64) {
        version += 1
        let changes = amendmentChanges()
        let amendedAt = random.instant(onDay: day, fromHour: 8, toHour: 18)
        let amendment = ContractAmended(contractID: contractID, version: version,
                                        effectiveDate: CivilDate(daysSinceEpoch: day + Int64(random.int(in: 0...14))), changes: changes)
        let amendedEventID = world.emit(at: amendedAt, .clm, correlation: contractID, .contractAmended(amendment))
        effectiveDates[version] = amendment.effectiveDate
        if let newRates = changes.rateMap { rates.merge(newRates) { _, new in new } }

        let propagation = random.pick(Propagation.allCases, weights: [62, 12, 12, 9, 5])
        let odd = random.pick(AmendmentTarget.allCases)
        for target in AmendmentTarget.allCases {
            let affected = target == odd || propagation == .bothLate
            switch (propagation, affected) {
            case (.oneMissing, true):
                continue
            case (.oneLate, true), (.bothLate, _):
                apply(changes, to: target, at: random.after(amendedAt, days: 4...20))
            case (.oneWrong, true):
                applyWrongly(changes, to: target, after: amendedAt, amendedEventID: amendedEventID)
            default:
                apply(changes, to: target, at: random.after(amendedAt, minutes: 10...480))
            }
        }
    }

    private func amendmentChanges() -> ContractTerms {
        var changes = ContractTerms()
        let pick = random.int(in: 0...5)
        if pick <= 2 || terms.billingModel == .timeAndMaterials && pick == 5 {
            changes.rateCard = terms.rateCard.map { line in
                let current = rates[line.role] ?? line.rate
                return RateCardEntry(role: line.role, rate: .whole(current.units / ExactDecimal.unitsPerOne * Int64(random.int(in: 103...108)) / 100))
            }
        }
        if pick >= 2 {
            changes.endDate = CivilDate(daysSinceEpoch: terms.endDate.daysSinceEpoch + Int64(random.int(in: 30...120)))
        }
        if pick == 1 || pick >= 4 {
            changes.totalValue = .whole(terms.totalValue.units / ExactDecimal.unitsPerOne * Int64(random.int(in: 105...125)) / 100)
        }
        return changes
    }

    private func apply(_ terms: ContractTerms, to target: AmendmentTarget, at time: Timestamp) {
        let source: SourceSystem = target == .psa ? .psa : .erp
        if target == .psa, let rateCard = terms.rateCard, let effectiveDate = effectiveDates[version] {
            psaCard.record(PSARateCard.Application(version: version, effectiveDate: effectiveDate, rates: rateCard, appliedAt: time))
        }
        world.emit(at: time, source, correlation: contractID,
                   .amendmentApplied(AmendmentApplied(contractID: contractID, version: version, target: target, applied: terms)))
    }

    /// The target stores a differing rate or end date; sometimes it is corrected later (latest wins),
    /// and the middleware raises an amendment conflict.
    private func applyWrongly(_ changes: ContractTerms, to target: AmendmentTarget, after amendedAt: Timestamp, amendedEventID: String) {
        var wrong = changes
        if let rateCard = changes.rateCard, let first = rateCard.first {
            wrong.rateCard = [RateCardEntry(role: first.role, rate: first.rate + .whole(5))] + rateCard.dropFirst()
        } else if let endDate = changes.endDate {
            wrong.endDate = CivilDate(daysSinceEpoch: endDate.daysSinceEpoch - 30)
        } else if let total = changes.totalValue {
            wrong.totalValue = total - .whole(1000)
        }
        let appliedAt = random.after(amendedAt, minutes: 10...480)
        apply(wrong, to: target, at: appliedAt)
        let raise = ExceptionDesk.Raise(
            kind: .amendmentConflict,
            summary: "\(target.rawValue) holds \(wrong.differingKeys(in: changes).joined(separator: ", ")) differently from \(contractID) v\(version)",
            amountAtRisk: changes.totalValue, currency: terms.currency, failedEventID: amendedEventID)
        let raisedAt = random.after(appliedAt, minutes: 5...240)
        if random.chance(perMille: 500) {
            let correctedAt = random.after(raisedAt, days: 1...5)
            apply(changes, to: target, at: correctedAt)
            desk.raise(raise, at: raisedAt, correlation: contractID,
                       fate: .autoResolved(at: random.after(correctedAt, minutes: 2...30), note: "\(target.rawValue) re-applied v\(version)"),
                       using: &random)
        } else {
            desk.raise(raise, at: raisedAt, correlation: contractID, using: &random)
        }
    }
}
