import Foundation
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

final class PostgresStoreLifecycleTests: ClusterTestCase {
    func testMigratingTwiceIsANoOp() async throws {
        let (store, database) = try await migratedStore()
        try await store.migrate()
        let version = try await store.schemaVersion()
        XCTAssertEqual(version, PostgresSchema.currentVersion)
        XCTAssertEqual(try cluster.psql("SELECT count(*) FROM schema_version", database: database)
            .trimmingCharacters(in: .whitespacesAndNewlines), "\(PostgresSchema.migrations.count)")
    }

    /// A store the previous release migrated (schema 3) upgrades to the same triggers and functions as a new one:
    /// schema 5 replaces schema 3's looser check of reprocess requests with the queue checks instead of adding to it.
    func testAStoreAtSchemaThreeUpgradesToTheSameChecksAsANewStore() async throws {
        let catalog = """
            SELECT string_agg(name, ',' ORDER BY name) FROM (
                SELECT 'trigger ' || tgname AS name FROM pg_trigger WHERE NOT tgisinternal
                UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE proname LIKE 'signalbox%') AS objects
            """
        let (_, fresh) = try await migratedStore()
        let old = try makeDatabase()
        var script = PostgresSchema.createVersionTable + ";\n"
        for migration in PostgresSchema.migrations where migration.version <= 3 {
            script += migration.statements.map { $0 + ";\n" }.joined()
            script += "INSERT INTO schema_version (version) VALUES (\(migration.version));\n"
        }
        try cluster.psql(script, database: old)
        XCTAssertTrue(try cluster.psql(catalog, database: old).contains("function signalbox_request_logged"))

        try await openStore(database: old).migrate()
        XCTAssertEqual(try cluster.psql("SELECT max(version) FROM schema_version", database: old)
            .trimmingCharacters(in: .whitespacesAndNewlines), "\(PostgresSchema.currentVersion)")
        let upgraded = try cluster.psql(catalog, database: old)
        XCTAssertEqual(upgraded, try cluster.psql(catalog, database: fresh))
        XCTAssertTrue(upgraded.contains("trigger exceptions_queue_follows_log"), upgraded)
        XCTAssertFalse(upgraded.contains("signalbox_request_logged"), upgraded)
    }

    func testNewerSchemaIsRefused() async throws {
        let (store, database) = try await migratedStore()
        try cluster.psql("INSERT INTO schema_version (version) VALUES (99)", database: database)
        await assertThrows(.newerSchema(found: 99, supported: PostgresSchema.currentVersion)) { () async throws(StoreError) in
            try await store.migrate()
        }
        let readOnly = try await openStore(database: database, readOnly: true)
        await assertThrows(.newerSchema(found: 99, supported: PostgresSchema.currentVersion)) { () async throws(StoreError) in
            try await readOnly.migrate()
        }
    }

    func testUnmigratedStoreSaysSo() async throws {
        let store = try await openStore(database: try makeDatabase())
        do {
            _ = try await store.rejectedLines(limit: 10)
            XCTFail("expected notMigrated")
        } catch {
            guard case .notMigrated = error else { return XCTFail("expected notMigrated, got \(error)") }
        }
    }

    func testReadOnlyStoreRefusesWritesAtBothLayers() async throws {
        let (_, database) = try await migratedStore()
        let store = try await openStore(database: database, readOnly: true)
        XCTAssertTrue(store.isReadOnly)
        let line = RejectedLine(sourceName: "in.jsonl", lineNumber: 1, rawText: "{", reason: "bad json")
        await assertThrows(.readOnly) { () async throws(StoreError) in
            try await store.ingest(IngestBatch(lines: [.rejected(line)]))
        }
        // Even a write that slipped past the store's own guard is refused by the server.
        await assertThrows(.readOnly) { () async throws(StoreError) in
            try await self.execute("""
                INSERT INTO rejected_lines (source_name, line_number, raw_text, reason, rejected_at) VALUES ('x', 1, 'y', 'z', 0)
                """, on: store)
        }
        try await store.migrate()   // up to date: nothing to write, so allowed
        let lines = try await store.rejectedLines(limit: 10)
        XCTAssertEqual(lines, [])
    }

    func testReadOnlyStoreCannotMigrateAnEmptyDatabase() async throws {
        let store = try await openStore(database: try makeDatabase(), readOnly: true)
        await assertThrows(.readOnly) { () async throws(StoreError) in try await store.migrate() }
    }

    func testOpeningByURLNamesTheStoreWithoutItsPassword() async throws {
        let database = try makeDatabase()
        let url = try cluster.url(database: database, password: "ignored-under-trust")
        let store = try await PostgresStore.open(url: url, environment: PostgresEnvironment(currentUserName: "x"))
        XCTAssertEqual(store.displayName, "\(PostgresTestCluster.superuser)@127.0.0.1:\(try cluster.port)/\(database)")
        await store.close()
        do {
            _ = try await PostgresStore.open(url: "postgres://u:pw@h/db?sslmode=bogus",
                                             environment: PostgresEnvironment(currentUserName: "x"))
            XCTFail("expected unavailable")
        } catch {
            XCTAssertEqual(error, .unavailable(#"invalid PostgreSQL configuration: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, not "bogus""#))
        }
    }

    func testUnreachableServerIsUnavailable() async throws {
        let configuration = PostgresConfiguration(host: "127.0.0.1", port: try cluster.port + 1, user: "x",
                                                  database: "x", sslMode: .disable)
        do {
            _ = try await PostgresStore.open(configuration)
            XCTFail("expected unavailable")
        } catch {
            guard case .unavailable = error else { return XCTFail("expected unavailable, got \(error)") }
        }
    }

    func testMissingDatabaseIsUnavailable() async throws {
        do {
            _ = try await openStore(database: "no_such_database")
            XCTFail("expected unavailable")
        } catch let error as StoreError {
            XCTAssertTrue("\(error)".contains("no_such_database"), "\(error)")
            guard case .unavailable = error else { return XCTFail("expected unavailable, got \(error)") }
        }
    }

    func testRequiringTLSFromAServerWithoutItIsUnavailable() async throws {
        let database = try makeDatabase()
        let url = try cluster.url(database: database).replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
        let configuration = try PostgresConfiguration(url: url, environment: PostgresEnvironment(currentUserName: "x"))
        do {
            _ = try await PostgresStore.open(configuration)
            XCTFail("expected unavailable")
        } catch {
            guard case .unavailable = error else { return XCTFail("expected unavailable, got \(error)") }
        }
        let preferred = try PostgresConfiguration(url: url.replacingOccurrences(of: "=require", with: "=prefer"),
                                                  environment: PostgresEnvironment(currentUserName: "x"))
        await (try await PostgresStore.open(preferred)).close()
    }

    func testRejectedLinesAreKeptOnceAndNotifyChanges() async throws {
        let (store, _) = try await migratedStore()
        let token = try await store.changeToken()
        let lines = [
            RejectedLine(sourceName: "a.jsonl", lineNumber: 3, rawText: "{oops", reason: "not JSON"),
            RejectedLine(sourceName: "a.jsonl", lineNumber: 7, rawText: "{}", reason: "missing event_id"),
        ]
        let summary = try await store.ingest(IngestBatch(lines: lines.map(IngestLine.rejected)))
        XCTAssertEqual(summary, IngestSummary(accepted: 0, duplicates: 0, rejected: 2))
        let changed = try await waitForChange(of: store, after: token)
        XCTAssertGreaterThan(changed, token)
        let again = try await store.ingest(IngestBatch(lines: lines.map(IngestLine.rejected)))
        XCTAssertEqual(again.rejected, 2)
        let stored = try await store.rejectedLines(limit: 10)
        XCTAssertEqual(stored, lines)
        let limited = try await store.rejectedLines(limit: 1)
        XCTAssertEqual(limited, [lines[0]])
    }

    func testClosedStoreRefusesCalls() async throws {
        let (store, _) = try await migratedStore()
        await store.close()
        do {
            _ = try await store.changeToken()
            XCTFail("expected unavailable")
        } catch {
            guard case .unavailable = error else { return XCTFail("expected unavailable, got \(error)") }
        }
    }
}
