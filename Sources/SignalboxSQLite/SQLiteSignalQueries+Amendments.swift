import SignalboxCore
import SignalboxStore

extension SQLiteSignalQueries {
    /// Every amendment in the window with how it propagated (the population of signal 3), from the amendment
    /// projection (``SQLiteAmendmentProjection``): the latest statement of each amendment in the window, and the latest
    /// terms each target reported for it by T.
    func amendmentStatuses() throws(StoreError) -> [AmendmentStatus] {
        let changes = "target = '\(SQLiteAmendmentProjection.changesTarget)'"
        let latest = "occurred_at <= ?2 AND (superseded_at IS NULL OR superseded_at > ?2)"
        let columns = "seq, contract_id, version, occurred_at, target, has_rate_card, end_date, total_value_units"
        let amendments = try connection.statement("""
            SELECT \(columns), r.role, r.rate_units FROM amendment_terms
            LEFT JOIN amendment_rates r USING (seq)
            WHERE \(changes) AND occurred_at > ?1 AND \(latest)
            ORDER BY seq, r.position
            """)
            .bind(windowStart, t)
            .termsRows()
        let applications = try connection.statement("""
            SELECT \(columns), r.role, r.rate_units FROM amendment_terms
            LEFT JOIN amendment_rates r USING (seq)
            WHERE NOT \(changes) AND \(latest) AND (contract_id, version) IN (
                SELECT contract_id, version FROM amendment_terms WHERE \(changes) AND occurred_at > ?1 AND \(latest))
            ORDER BY seq, r.position
            """)
            .bind(windowStart, t)
            .termsRows()
        var applied: [AmendmentKey: [AmendmentTarget: ContractTerms]] = [:]
        for application in applications {
            guard let target = AmendmentTarget(rawValue: application.target) else { continue }
            applied[application.key, default: [:]][target] = application.terms
        }
        return AmendmentStatus.inAmendmentOrder(amendments.map { amendment in
            AmendmentStatus(contractID: amendment.key.contractID, version: amendment.key.version,
                            amendedAt: Timestamp(microseconds: amendment.at), changes: amendment.terms,
                            applied: applied[amendment.key] ?? [:])
        })
    }
}

/// One amendment: a contract and a version.
private struct AmendmentKey: Hashable {
    let contractID: String
    let version: Int
}

/// One row of `amendment_terms` with its rate card.
private struct TermsRow {
    let key: AmendmentKey
    let at: Int64
    let target: String
    var terms: ContractTerms
}

private extension SQLiteStatement {
    /// Rows of `seq, contract_id, version, occurred_at, target, has_rate_card, end_date, total_value_units, role,
    /// rate_units`, one per rate-card row (role NULL for none), ordered by seq and position: one ``TermsRow`` per seq.
    func termsRows() throws(StoreError) -> [TermsRow] {
        var result: [TermsRow] = []
        var lastSequence: Int64?
        while try step() {
            let sequence = int64(0)
            if sequence != lastSequence {
                lastSequence = sequence
                var endDate: CivilDate?
                if !isNull(6) {
                    guard let date = CivilDate(iso: text(6)) else {
                        throw .database(message: "amendment_terms row \(sequence): end_date \(text(6).debugDescription) is not a date", sql: nil)
                    }
                    endDate = date
                }
                result.append(TermsRow(
                    key: AmendmentKey(contractID: text(1), version: Int(int64(2))), at: int64(3), target: text(4),
                    terms: ContractTerms(rateCard: int64(5) == 1 ? [] : nil, endDate: endDate,
                                         totalValue: optionalInt64(7).map(ExactDecimal.init(units:)))))
            }
            if !isNull(8) {
                result[result.count - 1].terms.rateCard?.append(RateCardEntry(role: text(8), rate: ExactDecimal(units: int64(9))))
            }
        }
        return result
    }
}
