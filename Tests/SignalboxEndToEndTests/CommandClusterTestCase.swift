import PostgresTestSupport
import XCTest

/// A command-line test case with one throwaway PostgreSQL cluster for the whole class.
class CommandClusterTestCase: XCTestCase {
    nonisolated(unsafe) private static var clusters: [ObjectIdentifier: Result<PostgresTestCluster, any Error>] = [:]

    override class func setUp() {
        super.setUp()
        clusters[ObjectIdentifier(self)] = Result { try PostgresTestCluster.startOrSkip() }
    }

    override class func tearDown() {
        if case .success(let cluster) = clusters.removeValue(forKey: ObjectIdentifier(self)) { cluster.tearDown() }
        super.tearDown()
    }

    /// The class's cluster; skips or fails the test the way cluster start-up did.
    var cluster: PostgresTestCluster {
        get throws { try XCTUnwrap(Self.clusters[ObjectIdentifier(Self.self)]).get() }
    }
}
