import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore

/// A fresh directory under the system temp dir, removed by `cleanup()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
        return file(name)
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Builds canonical event lines for tests.
enum EventLines {
    static func envelope(_ id: String, _ type: String, _ at: String, source: String = "MIDDLEWARE",
                         correlation: String = "C-1", data: String) -> String {
        #"{"event_id":"\#(id)","type":"\#(type)","occurred_at":"\#(at)","source":"\#(source)","correlation_id":"\#(correlation)","data":\#(data)}"#
    }

    static func approved(_ id: String, contract: String = "C-1", at: String) -> String {
        envelope(id, "contract.approved", at, source: "CLM", correlation: contract, data: #"{"contract_id":"\#(contract)","customer":{"system":"CRM","key":"A1","name":"Acme"},"legal_entity":"US01","currency":"USD","billing_model":"time_and_materials","total_value":"1000.00","rate_card":[{"role":"Dev","rate":100}],"start_date":"2026-01-01","end_date":"2026-12-31"}"#)
    }

    static func timeApproved(_ id: String, entry: String, hours: String, amount: String, currency: String = "USD", at: String) -> String {
        envelope(id, "time.approved", at, source: "PSA", data: #"{"time_entry_id":"\#(entry)","contract_id":"C-1","project_id":"P-1","resource":"r","role":"Dev","work_date":"2026-11-01","hours":\#(hours),"rate":100,"amount":\#(amount),"currency":"\#(currency)"}"#)
    }

    static func invoice(_ id: String, entries: [String], at: String) -> String {
        let lines = entries.map { #"{"time_entry_id":"\#($0)","amount":100}"# }.joined(separator: ",")
        return envelope(id, "invoice.posted", at, source: "ERP", data: #"{"invoice_id":"I-\#(id)","contract_id":"C-1","currency":"USD","total":100,"lines":[\#(lines)]}"#)
    }

    static func raised(_ id: String, exception: String, kind: String = "posting_failed", at: String) -> String {
        envelope(id, "exception.raised", at, data: #"{"exception_id":"\#(exception)","kind":"\#(kind)","severity":"high","summary":"s"}"#)
    }

    static func resolved(_ id: String, exception: String, at: String) -> String {
        envelope(id, "exception.resolved", at, source: "MIDDLEWARE", data: #"{"exception_id":"\#(exception)","by":"alice","resolution":{"note":"ok"}}"#)
    }
}

func ts(_ text: String) -> Timestamp { try! Timestamp(rfc3339: text) }

extension SQLiteConnection {
    /// Appends a line to the event log by hand, bypassing every projection (as an old schema's writer, or a
    /// writer that died before its projections committed, left it).
    func appendToLogOnly(_ line: String) throws {
        let event = try CanonicalEvent(jsonLine: Array(line.utf8))
        try statement("""
            INSERT INTO events (event_id, type, occurred_at, source, correlation_id, entity_key, payload, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0)
            """)
            .bind(.text(event.eventID), .text(event.type.rawValue), .integer(event.occurredAt.microseconds),
                  .text(event.source.rawValue), .text(event.correlationID), .text(event.entityKey), .text(line))
            .run()
    }

    /// Stores `lines` as a bulk ingest's transaction on the log's file does (the log's writer, every projection of
    /// that file), leaving the companion behind: as between the two commits of an ingest.
    func ingestIntoTheLogsFileOnly(_ lines: [String]) throws {
        let events = try lines.map { IngestLine.event(try CanonicalEvent(jsonLine: Array($0.utf8)), json: $0) }
        try transaction { () throws(StoreError) in
            var writer = SQLiteIngestWriter(connection: self, ingestedAt: Timestamp(microseconds: 0))
            try writer.write(contentsOf: events)
            try writer.finish()
        }
    }

    /// Takes a store back to before schema 22: no closing type in `exceptions`. Once done, it does nothing.
    func dropClosingTypes() throws {
        guard try scalar("SELECT count(*) FROM pragma_table_info('exceptions') WHERE name = 'closed_by'") == 1 else { return }
        try execute("ALTER TABLE exceptions DROP COLUMN closed_by;")
    }

    /// Takes a store back to before schema 21 (schema 22 first undone): no indexes of the unclosed exceptions, no sums
    /// of the unpaid invoices. Once done, it does nothing.
    func dropOpenWork() throws {
        try dropClosingTypes()
        try execute("""
            DROP INDEX IF EXISTS exceptions_unclosed_by_kind; DROP INDEX IF EXISTS exceptions_unclosed_by_kind_change;
            DROP TRIGGER IF EXISTS invoices_outstanding_insert; DROP TRIGGER IF EXISTS invoices_outstanding_update_out;
            DROP TRIGGER IF EXISTS invoices_outstanding_update_in; DROP TRIGGER IF EXISTS invoices_outstanding_delete;
            DROP TABLE IF EXISTS invoices_outstanding;
            """)
    }

    /// Takes a store back to before schema 20, and its companion to before its version 5: the typed approvals in the
    /// log's file, as schemas 9 and 16 made them, moved there from the companion (schemas 21 and 22 first undone). Every
    /// helper that takes a store further back starts here; once done, it does nothing.
    func moveApprovalsBackToTheLog() throws {
        try dropOpenWork()
        guard try scalar("SELECT count(*) FROM main.sqlite_schema WHERE name = 'time_approvals'") == 0 else { return }
        try statement("ATTACH DATABASE ? AS companion_of_old").bind(.text(SQLiteTimeEntryFile.path(forStore: path))).run()
        try execute("""
            CREATE TABLE main.time_approvals (
                seq INTEGER PRIMARY KEY, time_entry_id TEXT NOT NULL, occurred_at INTEGER NOT NULL, superseded_at INTEGER,
                contract_id TEXT NOT NULL, role TEXT NOT NULL, work_date TEXT NOT NULL, hours_units INTEGER NOT NULL,
                rate_units INTEGER NOT NULL, amount_units INTEGER NOT NULL, currency TEXT NOT NULL);
            CREATE INDEX main.time_approvals_by_time ON time_approvals(occurred_at);
            CREATE INDEX main.time_approvals_by_entry
                ON time_approvals(time_entry_id, occurred_at, seq, superseded_at, hours_units, amount_units, currency);
            INSERT INTO main.time_approvals SELECT * FROM companion_of_old.time_approvals;
            DROP TABLE companion_of_old.time_approvals;
            PRAGMA companion_of_old.user_version = 4;
            DETACH DATABASE companion_of_old;
            """)
    }

    /// Takes a store back to before schema 12: `event_hours` lists every event's time, no `event_seconds`.
    func dropEventSeconds() throws {
        try moveApprovalsBackToTheLog()
        try execute("DROP TABLE event_seconds; DROP TABLE event_hours;" + SQLiteSchema.eventHoursWithTimes)
    }

    /// Takes a store back to before schema 11: no indexes of open exceptions per sort key, no counts per group.
    func dropQueueIndexes() throws {
        try moveApprovalsBackToTheLog()
        try execute(ExceptionSortKey.allCases.map { "DROP INDEX \(ExceptionQueueIndexes.name($0));\n" }.joined() + """
            DROP TRIGGER exception_open_groups_insert; DROP TRIGGER exception_open_groups_update_out;
            DROP TRIGGER exception_open_groups_update_in; DROP TRIGGER exception_open_groups_delete;
            DROP TABLE exception_open_groups;
            """)
    }

    /// Takes a store back to before the queue's text index (``SQLiteQueueText``): its tables and triggers.
    func dropQueueText() throws {
        try moveApprovalsBackToTheLog()
        try execute("""
            DROP TRIGGER exception_text_insert; DROP TRIGGER exception_text_update; DROP TRIGGER exception_text_delete;
            DROP TABLE exception_text; DROP TABLE exception_text_ids; DROP TABLE exception_text_pending;
            """)
    }

    /// Takes a store back to before schema 19: the text index written by a trigger per changed row.
    func restoreRowByRowTextIndexing() throws {
        try moveApprovalsBackToTheLog()
        try execute("DROP TRIGGER exception_text_insert; DROP TRIGGER exception_text_update; DROP TRIGGER exception_text_delete;"
            + "DROP TABLE exception_text_pending;" + SQLiteQueueText.rowByRowTriggers)
    }

    /// Takes a store back to before schema 18: no typed raises.
    func dropExceptionRaises() throws {
        try moveApprovalsBackToTheLog()
        try execute("DROP TABLE exception_raises;")
    }

    /// Takes a store back to before schema 17: no typed payments.
    func dropInvoicePayments() throws {
        try moveApprovalsBackToTheLog()
        try execute("DROP TABLE invoice_payments;")
    }

    /// Takes a store back to before schema 15: schema 7's index of invoices by payment, no index of the unpaid ones.
    func dropInvoiceIndexesOfSchema15() throws {
        try moveApprovalsBackToTheLog()
        try execute("DROP INDEX invoices_unpaid; DROP INDEX invoices_by_payment; CREATE INDEX invoices_by_payment ON invoices(paid_at, posted_at);")
    }

    /// Takes a store back to before schema 14: no bounds of §10.5's candidates.
    func dropContractValueBounds() throws {
        try moveApprovalsBackToTheLog()
        try execute("DROP TABLE contract_value_bounds; DROP INDEX invoice_postings_by_contract;")
    }

    /// Takes a store back to before schema 10: no amendment projection, schema 5's index of applications in the log.
    func dropAmendmentProjection() throws {
        try moveApprovalsBackToTheLog()
        try execute("""
            DROP TABLE amendment_terms;
            CREATE INDEX applications_by_contract ON events(entity_key, occurred_at) WHERE type = 'amendment.applied';
            """)
    }

    /// Takes a store back to before schema 9: no §10 projection tables, no index of invoices by posting time.
    func dropReconciliationProjection() throws {
        try moveApprovalsBackToTheLog()
        try execute("""
            DROP TABLE time_approvals; DROP TABLE invoice_postings; DROP TABLE invoice_lines; DROP TABLE contract_terms;
            DROP TABLE contract_rates; DROP TABLE milestone_acceptances; DROP INDEX invoices_by_posting;
            """)
    }
}

extension TemporaryDirectory {
    /// Good lines, a bad JSON line, an invalid event, a blank line, an unknown type and a duplicate.
    func mixedFile() throws -> String {
        try write("mixed.jsonl", [
            EventLines.approved("e1", at: "2026-11-01T09:00:00Z"),
            "{not json",
            EventLines.envelope("e2", "project.provisioned", "2026-11-01T10:00:00Z", data: #"{"contract_id":"C-1"}"#),
            "",
            EventLines.envelope("e3", "contract.exploded", "2026-11-01T10:00:00Z", data: "{}"),
            EventLines.approved("e1", at: "2026-11-01T09:00:00Z"),
            EventLines.timeApproved("e4", entry: "T1", hours: "\"7.5\"", amount: "750", at: "2026-11-02T09:00:00+02:00"),
        ].joined(separator: "\n") + "\n")
    }
}
