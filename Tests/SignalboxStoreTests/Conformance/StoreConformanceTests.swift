import Foundation
import SignalboxCore
import SignalboxSQLite
import SignalboxStore
import XCTest

/// Store behaviour every ``EventStore`` must show, written once (the `check…` methods) and run against each
/// store by a subclass (``SQLiteConformanceTests``, ``PostgresConformanceTests``) that says how to make one.
class StoreConformanceTests: XCTestCase {
    var directory: TemporaryDirectory!
    /// Every store opened by a test, closed after it.
    private var opened: [any EventStore] = []

    override func setUp() async throws {
        try await super.setUp()
        directory = try TemporaryDirectory()
    }

    override func tearDown() async throws {
        for store in opened { await store.close() }
        opened = []
        directory?.cleanup()
        try await super.tearDown()
    }

    // MARK: What each store's subclass provides

    // A subclass that forgets one fails its tests (it must not pass them by skipping).

    /// A new, empty, migrated store.
    func makeEmptyStore() async throws -> any EventStore { throw MissingOverride(name: "makeEmptyStore()", in: self) }
    /// Another connection to the same store, as a second console would open it.
    func openAnotherHandle(on store: any EventStore) async throws -> any EventStore {
        throw MissingOverride(name: "openAnotherHandle(on:)", in: self)
    }
    /// Another connection to the same store, opened read-only.
    func openReadOnlyHandle(on store: any EventStore) async throws -> any EventStore {
        throw MissingOverride(name: "openReadOnlyHandle(on:)", in: self)
    }
    /// Runs SQL on the store's database behind its back (to tamper with it).
    func executeBehindTheStore(_ sql: String, on store: any EventStore) async throws {
        throw MissingOverride(name: "executeBehindTheStore(_:on:)", in: self)
    }
    /// The handle `actor` acts through: `store` itself, unless the subclass gives each actor a login of its own.
    func handle(of actor: String, on store: any EventStore) async throws -> any EventStore { store }
    /// Another connection to the store as `actor`'s console would open it.
    func anotherHandle(on store: any EventStore, actingAs actor: String) async throws -> any EventStore {
        try await anotherHandle(on: store)
    }

    // MARK: Helpers

    func makeStore() async throws -> any EventStore {
        let store = try await makeEmptyStore()
        opened.append(store)
        return store
    }

    func readOnlyHandle(on store: any EventStore) async throws -> any EventStore {
        let other = try await openReadOnlyHandle(on: store)
        opened.append(other)
        return other
    }

    func anotherHandle(on store: any EventStore) async throws -> any EventStore {
        let other = try await openAnotherHandle(on: store)
        opened.append(other)
        return other
    }
}

/// A conformance subclass does not override a method the suite needs: an error, so the test fails.
struct MissingOverride: Error, CustomStringConvertible {
    var description: String

    init(name: String, in test: StoreConformanceTests) {
        description = "\(type(of: test)) must override \(name)"
    }
}

/// `XCTUnwrap` for an async expression.
func unwrap<T>(_ value: @autoclosure () async throws -> T?, _ message: String = "", file: StaticString = #filePath,
               line: UInt = #line) async throws -> T {
    let resolved = try await value()
    return try XCTUnwrap(resolved, message, file: file, line: line)
}

/// `XCTAssertEqual` for async expressions.
func assertEqual<T: Equatable>(_ actual: @autoclosure () async throws -> T, _ expected: @autoclosure () async throws -> T,
                               _ message: String = "", file: StaticString = #filePath, line: UInt = #line) async throws {
    let (actualValue, expectedValue) = (try await actual(), try await expected())
    XCTAssertEqual(actualValue, expectedValue, message, file: file, line: line)
}

/// The outcome of `body`, success or failure.
func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
