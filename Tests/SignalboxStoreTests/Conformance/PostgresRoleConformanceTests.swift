import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// The exception queue's conformance checks on PostgreSQL with the roles `signalbox roles` documents: the owner
/// migrates and ingests; each person acts through a login of their own (alice, bob and carol approvers,
/// user0…user3 analysts), under which name the server records the action.
final class PostgresRoleConformanceTests: PostgresClusterConformanceTests {
    static let approvers = ["alice", "bob", "carol"]
    static let analysts = (0..<4).map { "user\($0)" }
    private var logins: [String: PostgresStore] = [:]

    override func tearDown() async throws {
        for store in logins.values { await store.close() }
        logins = [:]
        try await super.tearDown()
    }

    /// A database migrated by the owner, with the roles script run as documented and the logins granted their roles.
    override func makeEmptyStore() async throws -> any EventStore {
        let (owner, database) = try await makeMigratedDatabase(prefix: "roles")
        try cluster.psql(PostgresRoles.script, database: database)
        let grants = Self.approvers.map { ($0, PostgresRoles.approver) } + Self.analysts.map { ($0, PostgresRoles.analyst) }
        try cluster.psql(grants.map { login, role in
            """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(login)') THEN CREATE ROLE \(login) LOGIN; END IF;
            END $$;
            GRANT \(role) TO \(login);
            """
        }.joined(separator: "\n"), database: database)
        return owner
    }

    /// `actor`'s own login on the store's database (one per actor and test).
    override func handle(of actor: String, on store: any EventStore) async throws -> any EventStore {
        if let open = logins[actor] { return open }
        var configuration = try XCTUnwrap(store as? PostgresStore).configuration
        configuration.user = actor
        let login = try await PostgresStore.open(configuration)
        try await login.migrate()
        let identity = try await login.identity()
        XCTAssertEqual(identity.actor, actor, "the server records \(actor)'s actions under the login")
        logins[actor] = login
        return login
    }

    override func anotherHandle(on store: any EventStore, actingAs actor: String) async throws -> any EventStore {
        try await handle(of: actor, on: store)
    }

    // Linux test discovery does not run inherited tests, so each behaviour is listed here: the actions' part.
    func testActingOnAStaleVersionIsAConflictNamingWhoChangedItAndWhen() async throws { try await checkActingOnAStaleVersionIsAConflictNamingWhoChangedItAndWhen() }
    func testApplyToAllResolvesEveryOpenExceptionAboutTheSubject() async throws { try await checkApplyToAllResolvesEveryOpenExceptionAboutTheSubject() }
    func testAuditVerificationFindsAnEditedRowAndADeletedNewestRow() async throws { try await checkAuditVerificationFindsAnEditedRowAndADeletedNewestRow() }
    func testClaimReleaseAndResolveWithACandidateShowInTheQueue() async throws { try await checkClaimReleaseAndResolveWithACandidateShowInTheQueue() }
    func testConcurrentConsolesLoseNoUpdateAndAuditEachActionOnce() async throws { try await checkConcurrentConsolesLoseNoUpdateAndAuditEachActionOnce() }
    func testFourEyesFollowsThePolicyKeptInTheStoreAndOneRequestIsApprovedOnce() async throws { try await checkFourEyesFollowsThePolicyKeptInTheStoreAndOneRequestIsApprovedOnce() }
    func testResolveToATargetKeyDismissWithAReasonAndNotes() async throws { try await checkResolveToATargetKeyDismissWithAReasonAndNotes() }
}
