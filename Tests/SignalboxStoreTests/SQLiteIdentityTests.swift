import SignalboxCore
import SignalboxSQLite
import SignalboxStore
import XCTest

/// On SQLite the actor is the OS account running the process; other names only where the store allows them.
final class SQLiteIdentityTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws { directory = try TemporaryDirectory() }
    override func tearDown() { directory.cleanup() }

    private func storeWithAnException() async throws -> SQLiteStore {
        let store = try SQLiteStore(path: directory.file("store.sqlite"))
        let file = try directory.write("raise.jsonl", EventLines.raised("r1", exception: "X-1", at: "2026-11-20T08:00:00Z") + "\n")
        _ = try await IngestPipeline().ingest(path: file, into: store) { _ in }
        return store
    }

    private func claim(_ store: SQLiteStore, by actor: String) async throws(StoreError) -> [CanonicalEvent] {
        let version = try await store.exceptionRecord(id: "X-1")?.version ?? 0
        return try await store.perform(.note("looked at it"), on: "X-1", seenVersion: version, by: actor,
                                       now: ts("2026-11-20T09:00:00Z"))
    }

    func testTheActorIsTheEffectiveUsersLoginNameAndOtherNamesAreRefused() async throws {
        let store = try await storeWithAnException()
        let identity = try await store.identity()
        let entry = try XCTUnwrap(getpwuid(geteuid()))
        let login = String(cString: entry.pointee.pw_name)
        XCTAssertEqual(identity, StoreIdentity(actor: login, authenticatedAs: "OS account uid \(geteuid())", mayNameOthers: false))

        do {
            _ = try await claim(store, by: "mallory")
            XCTFail("a name other than the OS account was recorded")
        } catch {
            XCTAssertEqual(error, .permissionDenied(
                "actions on this store are recorded as \(login.debugDescription) (OS account uid \(geteuid())); "
                    + "acting as \"mallory\" is refused (named actors are not allowed on this store)"))
        }
        let written = try await claim(store, by: login)
        XCTAssertEqual(written.count, 1)
        try await assertEqual(try await store.auditTrail(since: nil).filter { $0.event.source == .console }.count, 1,
                              "the refused action wrote nothing")
    }

    func testAllowingNamedActorsIsAStoreSettingThatCanBeTakenBack() async throws {
        let store = try await storeWithAnException()
        try await store.setNamedActorsAllowed(true)
        let reopened = try SQLiteStore(path: store.displayName)
        try await assertEqual(try await reopened.identity().mayNameOthers, true, "kept in the file")
        _ = try await claim(reopened, by: "alice")
        try await reopened.setNamedActorsAllowed(false)
        do {
            _ = try await claim(store, by: "alice")
            XCTFail("named actor accepted after --strict")
        } catch {
            guard case .permissionDenied = error else { return XCTFail("\(error)") }
        }
        let readOnly = try SQLiteStore(path: store.displayName, readOnly: true)
        do {
            try await readOnly.setNamedActorsAllowed(true)
            XCTFail("a read-only store changed its settings")
        } catch {
            XCTAssertEqual(error, .readOnly)
        }
    }
}
