import SignalboxCore

/// What a store's §10 queries (golden-signals.md) read from the payloads, as text: the money still in its JSON
/// form (a number's lexeme, or a quoted decimal string) so that it is never a float. Each `row` parses it exactly and
/// keeps the record only if the control finds something; a store's SQL may already have left out what it can
/// decide itself.
public enum ReconciliationCandidates {
    /// A payload's decimal as its JSON text (`12.50` or `"12.50"`), exactly.
    public static func decimal(_ jsonText: String) throws(StoreError) -> ExactDecimal {
        let bare = jsonText.count >= 2 && jsonText.hasPrefix("\"") && jsonText.hasSuffix("\"")
            ? String(jsonText.dropFirst().dropLast()) : jsonText
        do {
            return try ExactDecimal(parsing: bare)
        } catch {
            throw .database(message: "a stored payload holds \(jsonText.debugDescription), not an exact decimal (\(error.reason))", sql: nil)
        }
    }

    /// A stored `YYYY-MM-DD`.
    public static func date(_ text: String) throws(StoreError) -> CivilDate {
        guard let date = CivilDate(iso: text) else {
            throw .database(message: "a stored payload holds \(text.debugDescription), not a YYYY-MM-DD date", sql: nil)
        }
        return date
    }

    /// §10.1: an entry approved in the window and the card rate in effect for its role on its work date (`nil` when
    /// unpriced, `expectedVersion` 1 for the approval's card); `nil` when the entry is priced at the card.
    public static func rateLeakage(timeEntryID: String, contractID: String, role: String, workDate: String, hours: String, rate: String,
                                   currency: String, approvedAt: Int64, expected: String?, expectedVersion: Int64?,
                                   expectedEffectiveDate: String?) throws(StoreError) -> RateLeakageRow? {
        let rate = try decimal(rate)
        let expectedRate = try expected.map { (text) throws(StoreError) in try decimal(text) }
        if let expectedRate, expectedRate == rate { return nil }
        var source: RateSource?
        if expectedRate != nil, let expectedVersion {
            source = RateSource(version: Int(expectedVersion),
                                effectiveDate: try expectedEffectiveDate.map { (text) throws(StoreError) in try date(text) })
        }
        return RateLeakageRow(timeEntryID: timeEntryID, contractID: contractID, role: role, workDate: try date(workDate),
                              hours: try decimal(hours), rate: rate, expected: expectedRate, expectedFrom: source,
                              currency: currency, approvedAt: Timestamp(microseconds: approvedAt))
    }

    /// §10.2: an (invoice, entry) pair of an invoice posted in the window, `billed` the sum of its lines naming
    /// the entry, `approvedAmount` and `approvedCurrency` the entry's latest approval's (`nil` when unapproved);
    /// `nil` when billed as approved.
    public static func billingMismatch(invoiceID: String, timeEntryID: String, contractID: String, postedAt: Int64, currency: String,
                                       billed: String, approvedAmount: String?, approvedCurrency: String?) throws(StoreError) -> BillingMismatchRow? {
        let billedAmount = try decimal(billed)
        let approved = try approvedAmount.map { (text) throws(StoreError) in try decimal(text) }
        if let approved, approvedCurrency == currency, approved == billedAmount { return nil }
        return BillingMismatchRow(invoiceID: invoiceID, timeEntryID: timeEntryID, contractID: contractID,
                                  postedAt: Timestamp(microseconds: postedAt), currency: currency, billed: billedAmount,
                                  approvedAmount: approved, approvedCurrency: approved == nil ? nil : approvedCurrency)
    }

    /// §10.5: what a contract's `invoices` in its currency total (`invoiced`) against the value in effect; `nil`
    /// unless invoiced beyond it.
    public static func overContractValue(contractID: String, currency: String, value: String,
                                         invoiced: String, invoices: Int) throws(StoreError) -> OverContractValueRow? {
        let row = OverContractValueRow(contractID: contractID, currency: currency, value: try decimal(value),
                                       invoiced: try decimal(invoiced), invoices: invoices)
        return row.invoiced > row.value ? row : nil
    }
}
