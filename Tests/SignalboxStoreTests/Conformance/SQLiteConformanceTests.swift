@testable import SignalboxSQLite
import SignalboxCore
import SignalboxStore
import XCTest

/// The store conformance suite against SQLite.
final class SQLiteConformanceTests: StoreConformanceTests {
    /// Several people act on one OS account here, so the store allows named actors (`signalbox actors --allow-named`).
    override func makeEmptyStore() async throws -> any EventStore {
        let store = try SQLiteStore(path: directory.file("store-\(UUID().uuidString).sqlite"))
        try await store.setNamedActorsAllowed(true)
        return store
    }

    override func openAnotherHandle(on store: any EventStore) async throws -> any EventStore {
        try SQLiteStore(path: store.displayName)
    }

    override func openReadOnlyHandle(on store: any EventStore) async throws -> any EventStore {
        try SQLiteStore(path: store.displayName, readOnly: true)
    }

    override func executeBehindTheStore(_ sql: String, on store: any EventStore) async throws {
        try SQLiteConnection(path: store.displayName, readOnly: false).execute(sql)
    }

    /// A read-only store refuses a write as read-only before it asks who acts: someone the store does not let act
    /// hears that the store is read-only, not that they may not act (the file is opened read-only too, so this
    /// order is what the store's own refusal decides).
    func testAReadOnlyStoreRefusesAsReadOnlyBeforeAskingWhoActs() async throws {
        let writable = try await storeWithExceptions(["X-1"])
        try await writable.setNamedActorsAllowed(false)
        let store = try await readOnlyHandle(on: writable)
        let now = minutes(1)
        let plan = try await store.previewResolveAll(subject: RecordKey(system: "CRM", key: "C-17"),
                                                     target: RecordKey(system: "ERP", key: "100234"), note: nil, by: "mallory", now: now)
        XCTAssertEqual(plan.included.map(\.exceptionID), ["X-1"])
        let version = try await version(of: "X-1", in: store)
        let writes: [(name: String, write: () async throws -> Void)] = [
            ("perform", { _ = try await store.perform(.note("n"), on: "X-1", seenVersion: version, by: "mallory", now: now) }),
            ("resolveAll", { _ = try await store.resolveAll(plan, by: "mallory", now: now) }),
            ("setReprocessPolicy", { _ = try await store.setReprocessPolicy(ReprocessPolicy(fourEyes: false), by: "mallory", now: now) }),
        ]
        for (name, write) in writes {
            do {
                try await write()
                XCTFail("\(name) wrote to a read-only store")
            } catch let error as StoreError {
                XCTAssertEqual(error, .readOnly, name)
            }
        }
    }

    // Linux test discovery does not run inherited tests, so each behaviour is listed here.
    func testActingOnAStaleVersionIsAConflictNamingWhoChangedItAndWhen() async throws { try await checkActingOnAStaleVersionIsAConflictNamingWhoChangedItAndWhen() }
    func testApplyToAllResolvesEveryOpenExceptionAboutTheSubject() async throws { try await checkApplyToAllResolvesEveryOpenExceptionAboutTheSubject() }
    func testAConfirmedResolveAllWritesExactlyThePreviewedSet() async throws { try await checkAConfirmedResolveAllWritesExactlyThePreviewedSet() }
    func testAPolicyChangeIsAnAuditedValidatedDecision() async throws { try await checkAPolicyChangeIsAnAuditedValidatedDecision() }
    func testARequestNeedsItsFailedEventAndIsCancelledWhenItsExceptionCloses() async throws { try await checkARequestNeedsItsFailedEventAndIsCancelledWhenItsExceptionCloses() }
    func testAuditVerificationFindsAnEditedRowAndADeletedNewestRow() async throws { try await checkAuditVerificationFindsAnEditedRowAndADeletedNewestRow() }
    func testIngestedEventsPassTheExceptionRules() async throws { try await checkIngestedEventsPassTheExceptionRules() }
    func testAnOutcomeDatedBeforeItsApprovalIsRefused() async throws { try await checkAnOutcomeDatedBeforeItsApprovalIsRefused() }
    func testAnEditedEntityKeyIsCaughtByTheChain() async throws { try await checkAnEditedEntityKeyIsCaughtByTheChain() }
    func testACheckpointCatchesARecomputedChainAndTruncation() async throws { try await checkACheckpointCatchesARecomputedChainAndTruncation() }
    func testClaimReleaseAndResolveWithACandidateShowInTheQueue() async throws { try await checkClaimReleaseAndResolveWithACandidateShowInTheQueue() }
    func testConcurrentConsolesLoseNoUpdateAndAuditEachActionOnce() async throws { try await checkConcurrentConsolesLoseNoUpdateAndAuditEachActionOnce() }
    func testFourEyesFollowsThePolicyKeptInTheStoreAndOneRequestIsApprovedOnce() async throws { try await checkFourEyesFollowsThePolicyKeptInTheStoreAndOneRequestIsApprovedOnce() }
    func testIngestingTheSameFileAgainChangesNothing() async throws { try await checkIngestingTheSameFileAgainChangesNothing() }
    func testASecondDeliveryOfAClosingInTheSameFileIsADuplicate() async throws {
        try await checkASecondDeliveryOfAClosingInTheSameFileIsADuplicate()
    }
    func testATransactionSpansBatchesAndOnlyCommittedOnesAreSeen() async throws { try await checkATransactionSpansBatchesAndOnlyCommittedOnesAreSeen() }
    func testAFailedInputRollsBackTheOpenTransactionOnly() async throws { try await checkAFailedInputRollsBackTheOpenTransactionOnly() }
    func testMixedFileStoresGoodLinesAndKeepsEachRejectedLineWithItsReason() async throws { try await checkMixedFileStoresGoodLinesAndKeepsEachRejectedLineWithItsReason() }
    func testResolveToATargetKeyDismissWithAReasonAndNotes() async throws { try await checkResolveToATargetKeyDismissWithAReasonAndNotes() }
    func testAReadOnlyStoreRefusesEveryWriteAndWritesNothing() async throws { try await checkAReadOnlyStoreRefusesEveryWriteAndWritesNothing() }
    func testThroughputAtEveryCutEqualsTheReference() async throws { try await checkThroughputAtEveryCutEqualsTheReference() }
    func testSameInstantTiesGoByArrivalLikeTheReference() async throws { try await checkSameInstantTiesGoByArrivalLikeTheReference() }
    func testSameInstantTiesGiveTheLaterArrivalsKindAndTheEarlierArrivalsFirstAttempt() async throws { try await checkSameInstantTiesGiveTheLaterArrivalsKindAndTheEarlierArrivalsFirstAttempt() }
    func testContractMilestonesAreTheEarliestWhateverTheArrivalOrder() async throws { try await checkContractMilestonesAreTheEarliestWhateverTheArrivalOrder() }
    func testStoreSignalsEqualTheReferenceAtEveryAsOfAndWindow() async throws { try await checkStoreSignalsEqualTheReferenceAtEveryAsOfAndWindow() }
    func testASectionReadHoldsTheFullReadsSectionsAndNoOthers() async throws { try await checkASectionReadHoldsTheFullReadsSectionsAndNoOthers() }
    func testTheTrickyCasesProduceTheExpectedNumbers() async throws { try await checkTheTrickyCasesProduceTheExpectedNumbers() }
    func testUnbilledApprovedBeforeTheCutoffEqualsTheReference() async throws { try await checkUnbilledApprovedBeforeTheCutoffEqualsTheReference() }
    func testUnbilledEntriesBesideEachBucketEdgeFallInTheirBuckets() async throws {
        try await checkUnbilledEntriesBesideEachBucketEdgeFallInTheirBuckets()
    }
    func testStoreSideFiltersOfTimeListsKeepExactlyTheRowsTheInMemoryFilterKeeps() async throws { try await checkStoreSideFiltersOfTimeListsKeepExactlyTheRowsTheInMemoryFilterKeeps() }
    func testAStoreSideFilterOfInvoicesKeepsExactlyTheRowsTheInMemoryFilterKeeps() async throws { try await checkAStoreSideFilterOfInvoicesKeepsExactlyTheRowsTheInMemoryFilterKeeps() }
    func testAStoreSideFilterOfProvisioningFailuresKeepsExactlyTheRowsTheInMemoryFilterKeeps() async throws { try await checkAStoreSideFilterOfProvisioningFailuresKeepsExactlyTheRowsTheInMemoryFilterKeeps() }
    func testAStoreSideFilterKeepsExactlyTheRowsTheInMemoryFilterKeeps() async throws { try await checkAStoreSideFilterKeepsExactlyTheRowsTheInMemoryFilterKeeps() }
    func testMoneyAtRiskBeforeTheCutoffSortsFirstAcrossPages() async throws { try await checkMoneyAtRiskBeforeTheCutoffSortsFirstAcrossPages() }
    func testPagesInEverySortOrderEqualTheDocumentedOrder() async throws { try await checkPagesInEverySortOrderEqualTheDocumentedOrder() }
    func testGroupsCountWhatTheQueueListsBeforeAndAfterChanges() async throws { try await checkGroupsCountWhatTheQueueListsBeforeAndAfterChanges() }
    func testV2SignalsEqualTheReferenceAtEveryAsOfAndWindow() async throws { try await checkV2SignalsEqualTheReferenceAtEveryAsOfAndWindow() }
    func testStoreSignalsEqualTheReferenceOnGeneratedData() async throws { try await checkStoreSignalsEqualTheReferenceOnGeneratedData() }
    func testReconciliationRowsAreTheHandComputedOnes() async throws { try await checkReconciliationRowsAreTheHandComputedOnes() }
    func testReconciliationFollowsTheAsOfTime() async throws { try await checkReconciliationFollowsTheAsOfTime() }
    func testAmendmentStatusesOfSomeContractsAreTheWholeHistorysForThem() async throws {
        try await checkAmendmentStatusesOfSomeContractsAreTheWholeHistorysForThem()
    }
    func testACardCountsOnlyOnceItsContractIsApproved() async throws { try await checkACardCountsOnlyOnceItsContractIsApproved() }
    func testReconciliationEqualsTheReferenceAtEveryAsOfAndWindow() async throws { try await checkReconciliationEqualsTheReferenceAtEveryAsOfAndWindow() }
    func testReconciliationEqualsTheReferenceAfterOutOfOrderAndDuplicateIngest() async throws {
        try await checkReconciliationEqualsTheReferenceAfterOutOfOrderAndDuplicateIngest()
    }
}
