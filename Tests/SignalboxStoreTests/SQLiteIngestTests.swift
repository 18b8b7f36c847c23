import Foundation
import SignalboxCore
@testable import SignalboxSQLite
import SignalboxStore
import XCTest

final class SQLiteIngestTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }


    func testOverlongNonUTF8AndCRLFLines() async throws {
        var bytes = Array((EventLines.approved("e1", at: "2026-11-01T09:00:00Z") + "\r\n").utf8)
        bytes += Array(#"{"event_id":"bad"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8) + [0x0A]
        bytes += Array(("{\"pad\":\"" + String(repeating: "x", count: 3_000) + "\"}\n").utf8)
        let path = directory.file("odd.jsonl")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let store = try SQLiteStore(path: directory.file("store.sqlite"))

        let outcome = try await IngestPipeline(batchSize: 2, maximumLineLength: 1_000).ingest(path: path, into: store)

        XCTAssertEqual(outcome.summary.accepted, 1, "a CRLF-terminated line is accepted")
        let rejected = try await store.rejectedLines(limit: 10)
        XCTAssertEqual(rejected.map(\.lineNumber), [2, 3])
        XCTAssertTrue(rejected[0].reason.contains("not valid UTF-8"), rejected[0].reason)
        XCTAssertTrue(rejected[0].rawText.contains("\u{FFFD}"))
        XCTAssertTrue(rejected[1].reason.contains("3010 bytes, longer than the 1000-byte limit"), rejected[1].reason)
        XCTAssertEqual(rejected[1].rawText.utf8.count, 1_001, "the first bytes of an over-long line are kept")
    }

    func testFieldsThisVersionDoesNotKnowAreStoredAsReceived() async throws {
        let line = EventLines.envelope("e9", "project.provisioned", "2026-11-01T10:00:00Z", source: "PSA",
                                       data: #"{"contract_id":"C-1","project_id":"P-1","psa_region":"emea"}"#)
        let path = try directory.write("extended.jsonl", line.replacingOccurrences(of: #""data""#, with: #""trace":{"span":"abc"},"data""#) + "\n")
        let store = try SQLiteStore(path: directory.file("store.sqlite"))
        _ = try await IngestPipeline().ingest(path: path, into: store)

        let payload = try SQLiteConnection(path: directory.file("store.sqlite"), readOnly: true)
            .statement("SELECT payload FROM events WHERE event_id = 'e9'").rows { $0.text(0) }
        XCTAssertEqual(payload.count, 1)
        XCTAssertTrue(payload[0].contains(#""psa_region":"emea""#), payload[0])
        XCTAssertTrue(payload[0].contains(#""trace":{"span":"abc"}"#), payload[0])
    }

    func testMissingInputIsAnInputErrorNotARejection() async throws {
        let store = try SQLiteStore(path: directory.file("store.sqlite"))
        do {
            _ = try await IngestPipeline().ingest(path: directory.file("absent.jsonl"), into: store)
            XCTFail("expected an error")
        } catch let error as IngestInputError {
            XCTAssertEqual(error, .missing(directory.file("absent.jsonl")))
        }
    }

    func testNewerSchemaIsRefusedWithAClearMessage() throws {
        let path = directory.file("store.sqlite")
        _ = try SQLiteStore(path: path)
        try SQLiteConnection(path: path, readOnly: false).execute("PRAGMA user_version = 99")
        XCTAssertThrowsError(try SQLiteStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(found: 99, supported: SQLiteSchema.currentVersion))
            XCTAssertTrue("\(error)".contains("written by a newer Signalbox"))
        }
    }

    func testAnEmptyFileIsMigratedWhenOpenedWritable() async throws {
        let path = directory.file("store.sqlite")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        XCTAssertThrowsError(try SQLiteStore(path: path, readOnly: true)) { error in
            guard case .notMigrated = error as? StoreError else { return XCTFail("\(error)") }
        }
        let store = try SQLiteStore(path: path)
        let summary = try await store.ingest(IngestBatch(lines: []))
        XCTAssertEqual(summary, IngestSummary())
        XCTAssertEqual(try SQLiteConnection(path: path, readOnly: true).scalar("PRAGMA user_version"),
                       Int64(SQLiteSchema.currentVersion))
    }

    func testReadOnlyStoreRefusesWritesAndLeavesTheFileUntouched() async throws {
        let path = directory.file("store.sqlite")
        let writer = try SQLiteStore(path: path)
        _ = try await IngestPipeline().ingest(path: try directory.mixedFile(), into: writer)
        await writer.close()
        try SQLiteConnection(path: path, readOnly: false).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytesBefore = try Data(contentsOf: URL(fileURLWithPath: path))

        let reader = try SQLiteStore(path: path, readOnly: true)
        _ = try await reader.signals(asOf: ts("2026-11-05T00:00:00Z"), window: .days(7))
        do {
            _ = try await reader.ingest(IngestBatch(lines: []))
            XCTFail("a read-only store accepted a write")
        } catch {
            XCTAssertEqual(error, .readOnly)
        }
        await reader.close()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytesBefore)
    }

    func testChangeTokenMovesWhenAnotherConnectionWrites() async throws {
        let path = directory.file("store.sqlite")
        let writer = try SQLiteStore(path: path)
        let reader = try SQLiteStore(path: path, readOnly: true)
        let before = try await reader.changeToken()
        let unchanged = try await reader.changeToken()
        XCTAssertEqual(before, unchanged)
        _ = try await IngestPipeline().ingest(path: try directory.mixedFile(), into: writer)
        let after = try await reader.changeToken()
        XCTAssertNotEqual(before, after)
    }
}
