import SignalboxCore
import SignalboxStore

/// Schema 10: what signal 3 (golden-signals.md §3, amendment propagation accuracy) compares, typed: one row per
/// stored `contract.amended` (its changes) and `amendment.applied` (the terms a target reports holding), so that a
/// signals run compares columns in SQL instead of parsing the window's amendment and application payloads. Written by
/// the ingest writer in the transaction that stores the event; rows carry `superseded_at` (``SQLiteStatementTable``):
/// the latest statement per amendment and target at T is a range condition. A rate card is kept as its canonical
/// text (``rateCardKey(_:)``), equal for two cards exactly when their maps role → rate are; money in units of 10^-4
/// (``ExactDecimal/units``), exact.
struct SQLiteAmendmentProjection {
    let connection: SQLiteConnection

    /// The schema version that added these tables, which its migration fills from the log.
    static let version = 10

    /// The `target` of an amendment's own row (its changes); an application's is its ``AmendmentTarget``.
    static let changesTarget = "changes"

    /// The columns signal 3 reads, in the indexes that serve it so that no row of the table is visited.
    private static let compared = "superseded_at, rate_card, end_date, total_value_units"

    /// Creates the table (``rebuild()`` fills it) and drops schema 5's index of applications in the log, which
    /// nothing reads any more.
    static let schema = """
        CREATE TABLE amendment_terms (
            seq               INTEGER PRIMARY KEY, -- events.seq
            contract_id       TEXT    NOT NULL,
            occurred_at       INTEGER NOT NULL,
            superseded_at     INTEGER,             -- by a later statement of the same amendment and target
            version           INTEGER NOT NULL,
            target            TEXT    NOT NULL,    -- '\(changesTarget)' for the amendment, else the system applying it
            rate_card         TEXT,                -- the card's canonical text; NULL when the terms name none
            end_date          TEXT,
            total_value_units INTEGER
        );
        CREATE INDEX amendment_terms_by_target ON amendment_terms(contract_id, version, target, occurred_at, \(compared));
        CREATE INDEX amendments_by_time ON amendment_terms(occurred_at, contract_id, version, \(compared))
            WHERE target = '\(changesTarget)';

        DROP INDEX applications_by_contract;
        """

    /// Records a just-stored event (`sequence` the highest so far) if signal 3 reads its type.
    func record(_ event: CanonicalEvent, sequence: Int64) throws(StoreError) {
        switch event.payload {
        case .contractAmended(let amendment):
            try insert(contractID: amendment.contractID, version: amendment.version, target: Self.changesTarget,
                       terms: amendment.changes, sequence: sequence, at: event.occurredAt)
        case .amendmentApplied(let application):
            try insert(contractID: application.contractID, version: application.version, target: application.target.rawValue,
                       terms: application.applied, sequence: sequence, at: event.occurredAt)
        default:
            return
        }
    }

    /// Fills the tables from every stored amendment and application, in arrival order (the migration).
    func rebuild() throws(StoreError) {
        try connection.replayStoredEvents(ofTypes: [.contractAmended, .amendmentApplied]) { stored throws(StoreError) in
            try record(stored.event, sequence: stored.sequence)
        }
    }

    private static let terms = SQLiteStatementTable("amendment_terms", keyColumns: ["contract_id", "version", "target"])

    private func insert(contractID: String, version: Int, target: String, terms: ContractTerms, sequence: Int64,
                        at: Timestamp) throws(StoreError) {
        try Self.terms.insert(on: connection, key: [.text(contractID), .integer(Int64(version)), .text(target)],
                              sequence: sequence, at: at.microseconds, """
            INSERT INTO amendment_terms (seq, contract_id, occurred_at, superseded_at, version, target, rate_card, end_date,
                                         total_value_units)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """, [.integer(Int64(version)), .text(target), .optional(terms.rateMap.map(Self.rateCardKey)),
                  .optional(terms.endDate?.isoString), .optional(terms.totalValue?.units)])
    }

    /// A rate card's map role → rate as text, equal for two maps exactly when they are equal: the roles in byte order,
    /// each with its length (so that no role can pass for another) and its rate in units.
    static func rateCardKey(_ rates: [String: ExactDecimal]) -> String {
        rates.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { "\($0.key.utf8.count):\($0.key)=\($0.value.units);" }
            .joined()
    }
}
