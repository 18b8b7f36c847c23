import SignalboxStore
import XCTest

/// The store conformance suite against PostgreSQL, everything done by the store's owner.
final class PostgresConformanceTests: PostgresClusterConformanceTests {
    override func makeEmptyStore() async throws -> any EventStore {
        try await makeMigratedDatabase(prefix: "conformance").owner
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
