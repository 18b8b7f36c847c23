import SignalboxCore
import SignalboxStore

extension SQLiteSignalQueries {
    /// Every amendment in the window with how it propagated (the population of signal 3), from the amendment
    /// projection (``SQLiteAmendmentProjection``): the latest statement of each amendment in the window against the
    /// latest terms each target reported for it by T, compared in SQL key by key (``ContractTerms/differingKeys(in:)``:
    /// a key the changes name differs when the target lacks it or holds another value). One row per amendment and
    /// reporting target, read from the indexes alone. With `contracts`, every amendment of those contracts up to T
    /// instead, each contract's read from its own range of the index.
    func amendmentStatuses(ofContracts contracts: Set<String>? = nil) throws(StoreError) -> [AmendmentStatus] {
        let changes = "'\(SQLiteAmendmentProjection.changesTarget)'"
        func latest(_ row: String) -> String { "\(row).occurred_at <= ?2 AND (\(row).superseded_at IS NULL OR \(row).superseded_at > ?2)" }
        let (index, range, first): (String, String, SQLiteValue) = if let contracts {
            ("amendment_terms_by_target", "a.contract_id IN (SELECT value FROM json_each(?1))",
             .text(JSONValue.array(contracts.sorted().map(JSONValue.string)).serialized))
        } else {
            ("amendments_by_time", "a.occurred_at > ?1", windowStart)
        }
        let rows = try connection.statement("""
            SELECT a.contract_id, a.version, a.occurred_at, p.target,
                   a.rate_card IS NOT NULL AND a.rate_card IS NOT p.rate_card,
                   a.end_date IS NOT NULL AND a.end_date IS NOT p.end_date,
                   a.total_value_units IS NOT NULL AND a.total_value_units IS NOT p.total_value_units
            FROM amendment_terms a INDEXED BY \(index)
            LEFT JOIN amendment_terms p INDEXED BY amendment_terms_by_target
                ON p.contract_id = a.contract_id AND p.version = a.version AND p.target <> \(changes) AND \(latest("p"))
            WHERE a.target = \(changes) AND \(range) AND \(latest("a"))
            """)
            .bind(first, t)
            .rows { row in
                (amendment: AmendmentRow(contractID: row.text(0), version: Int(row.int64(1)), at: row.int64(2)),
                 target: row.isNull(3) ? nil : row.text(3), differing: (4...6).map { row.int64($0) == 1 })
            }
        var differing: [AmendmentRow: [AmendmentTarget: [String]]] = [:]
        for row in rows {
            var keys = differing[row.amendment] ?? [:]
            if let target = row.target.flatMap(AmendmentTarget.init(rawValue:)) {
                keys[target] = zip(ContractTerms.comparedKeys, row.differing).filter(\.1).map(\.0)
            }
            differing[row.amendment] = keys
        }
        return AmendmentStatus.inAmendmentOrder(differing.map { amendment, keys in
            AmendmentStatus(contractID: amendment.contractID, version: amendment.version,
                            amendedAt: Timestamp(microseconds: amendment.at), differingKeys: keys)
        })
    }
}

/// One amendment in the window: a contract, a version and the time of its latest statement.
private struct AmendmentRow: Hashable {
    let contractID: String
    let version: Int
    let at: Int64
}
