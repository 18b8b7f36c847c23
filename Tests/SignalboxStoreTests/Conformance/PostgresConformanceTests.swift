import PostgresNIO
import PostgresTestSupport
@testable import SignalboxPostgres
import SignalboxStore
import XCTest

/// The store conformance suite against PostgreSQL: one throwaway cluster for the class, a database per store.
final class PostgresConformanceTests: StoreConformanceTests {
    nonisolated(unsafe) private static var cluster: Result<PostgresTestCluster, any Error>?

    override class func setUp() {
        super.setUp()
        cluster = Result { try PostgresTestCluster.startOrSkip() }
    }

    override class func tearDown() {
        if case .success(let cluster) = cluster { cluster.tearDown() }
        cluster = nil
        super.tearDown()
    }

    override func makeEmptyStore() async throws -> any EventStore {
        let cluster = try XCTUnwrap(Self.cluster).get()
        let database = "conformance_\(UUID().uuidString.prefix(8).lowercased())"
        let url = try cluster.createDatabase(database)
        let store = try await PostgresStore.open(try PostgresConfiguration(
            url: url, environment: PostgresEnvironment(currentUserName: "nobody")))
        try await store.migrate()
        return store
    }

    override func openAnotherHandle(on store: any EventStore) async throws -> any EventStore {
        try await PostgresStore.open(try XCTUnwrap(store as? PostgresStore).configuration)
    }

    override func openReadOnlyHandle(on store: any EventStore) async throws -> any EventStore {
        try await PostgresStore.open(try XCTUnwrap(store as? PostgresStore).configuration, readOnly: true)
    }

    override func executeBehindTheStore(_ sql: String, on store: any EventStore) async throws {
        _ = try await XCTUnwrap(store as? PostgresStore).withConnection(sql) { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    // Linux test discovery does not run inherited tests, so each behaviour is listed here.
    func testActingOnAStaleVersionIsAConflictNamingWhoChangedItAndWhen() async throws { try await checkActingOnAStaleVersionIsAConflictNamingWhoChangedItAndWhen() }
    func testApplyToAllResolvesEveryOpenExceptionAboutTheSubject() async throws { try await checkApplyToAllResolvesEveryOpenExceptionAboutTheSubject() }
    func testAuditVerificationFindsAnEditedRowAndADeletedNewestRow() async throws { try await checkAuditVerificationFindsAnEditedRowAndADeletedNewestRow() }
    func testClaimReleaseAndResolveWithACandidateShowInTheQueue() async throws { try await checkClaimReleaseAndResolveWithACandidateShowInTheQueue() }
    func testConcurrentConsolesLoseNoUpdateAndAuditEachActionOnce() async throws { try await checkConcurrentConsolesLoseNoUpdateAndAuditEachActionOnce() }
    func testFourEyesFollowsThePolicyKeptInTheStoreAndOneRequestIsApprovedOnce() async throws { try await checkFourEyesFollowsThePolicyKeptInTheStoreAndOneRequestIsApprovedOnce() }
    func testIngestingTheSameFileAgainChangesNothing() async throws { try await checkIngestingTheSameFileAgainChangesNothing() }
    func testATransactionSpansBatchesAndOnlyCommittedOnesAreSeen() async throws { try await checkATransactionSpansBatchesAndOnlyCommittedOnesAreSeen() }
    func testAFailedInputRollsBackTheOpenTransactionOnly() async throws { try await checkAFailedInputRollsBackTheOpenTransactionOnly() }
    func testMixedFileStoresGoodLinesAndKeepsEachRejectedLineWithItsReason() async throws { try await checkMixedFileStoresGoodLinesAndKeepsEachRejectedLineWithItsReason() }
    func testResolveToATargetKeyDismissWithAReasonAndNotes() async throws { try await checkResolveToATargetKeyDismissWithAReasonAndNotes() }
    func testAReadOnlyStoreRefusesEveryWriteAndWritesNothing() async throws { try await checkAReadOnlyStoreRefusesEveryWriteAndWritesNothing() }
    func testSameInstantTiesGoByArrivalLikeTheReference() async throws { try await checkSameInstantTiesGoByArrivalLikeTheReference() }
    func testSameInstantTiesGiveTheLaterArrivalsKindAndTheEarlierArrivalsFirstAttempt() async throws { try await checkSameInstantTiesGiveTheLaterArrivalsKindAndTheEarlierArrivalsFirstAttempt() }
    func testStoreSignalsEqualTheReferenceAtEveryAsOfAndWindow() async throws { try await checkStoreSignalsEqualTheReferenceAtEveryAsOfAndWindow() }
    func testTheTrickyCasesProduceTheExpectedNumbers() async throws { try await checkTheTrickyCasesProduceTheExpectedNumbers() }
}
