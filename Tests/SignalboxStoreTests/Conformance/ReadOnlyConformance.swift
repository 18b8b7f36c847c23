import SignalboxCore
import SignalboxStore
import XCTest

/// A store opened read-only refuses every write itself (not only the console that holds it), and writes nothing.
extension StoreConformanceTests {
    func checkAReadOnlyStoreRefusesEveryWriteAndWritesNothing() async throws {
        let writable = try await storeWithExceptions(["X-1", "X-2"])
        let store = try await readOnlyHandle(on: writable)
        XCTAssertTrue(store.isReadOnly)
        var versions: [String: Int64] = [:]
        for id in ["X-1", "X-2"] { versions[id] = try await unwrap(try await store.exceptionRecord(id: id)).version }
        let version = try XCTUnwrap(versions["X-1"])
        let policy = try await writable.reprocessPolicy()
        let now = minutes(1)

        try await assertReadOnly("perform") {
            _ = try await store.perform(.note("n"), on: "X-1", seenVersion: version, by: "alice", now: now)
        }
        let plan = try await store.previewResolveAll(subject: RecordKey(system: "CRM", key: "C-17"),
                                                     target: RecordKey(system: "ERP", key: "100234"), note: nil, by: "alice", now: now)
        try await assertReadOnly("resolveAll") {
            _ = try await store.resolveAll(plan, by: "alice", now: now)
        }
        try await assertReadOnly("setReprocessPolicy") {
            _ = try await store.setReprocessPolicy(ReprocessPolicy(fourEyes: false), by: "alice", now: now)
        }

        for id in ["X-1", "X-2"] {
            let record = try await unwrap(try await writable.exceptionRecord(id: id))
            XCTAssertEqual(record.version, versions[id], "\(id) unchanged")
            XCTAssertEqual(record.notes.count, 0)
        }
        try await assertEqual(try await writable.auditTrail(since: nil).filter { $0.event.source == .console }.count, 0,
                              "no console action audited")
        try await assertEqual(try await writable.reprocessPolicy(), policy, "the policy unchanged")
    }

    private func assertReadOnly(_ name: String, file: StaticString = #filePath, line: UInt = #line,
                                _ write: @Sendable () async throws -> Void) async throws {
        do {
            try await write()
            XCTFail("\(name) wrote to a read-only store", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error, .readOnly, "\(name)", file: file, line: line)
        }
    }
}
