import XCTest

/// One throwaway cluster per test class: started from the class's `setUp()`, stopped from its `tearDown()`, and
/// read by its tests, which skip or fail the way the start did.
public enum ClusterPerTestClass {
    nonisolated(unsafe) private static var clusters: [ObjectIdentifier: Result<PostgresTestCluster, any Error>] = [:]

    /// Starts `testClass`'s cluster (`start` defaults to a trusting cluster with the default settings).
    public static func start(for testClass: AnyClass,
                             _ start: () throws -> PostgresTestCluster = { try PostgresTestCluster.startOrSkip() }) {
        clusters[ObjectIdentifier(testClass)] = Result { try start() }
    }

    /// Stops `testClass`'s cluster and deletes its files.
    public static func stop(for testClass: AnyClass) {
        if case .success(let cluster) = clusters.removeValue(forKey: ObjectIdentifier(testClass)) { cluster.tearDown() }
    }

    /// `testClass`'s cluster, or the error its start threw (an `XCTSkip` when PostgreSQL is missing outside CI).
    public static func cluster(for testClass: AnyClass) throws -> PostgresTestCluster {
        try XCTUnwrap(clusters[ObjectIdentifier(testClass)]).get()
    }
}
