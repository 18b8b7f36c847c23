import PostgresTestSupport
import XCTest

/// A command-line test case with one throwaway PostgreSQL cluster for the whole class.
class CommandClusterTestCase: XCTestCase {
    override class func setUp() {
        super.setUp()
        ClusterPerTestClass.start(for: self)
    }

    override class func tearDown() {
        ClusterPerTestClass.stop(for: self)
        super.tearDown()
    }

    /// The class's cluster; skips or fails the test the way cluster start-up did.
    var cluster: PostgresTestCluster {
        get throws { try ClusterPerTestClass.cluster(for: Self.self) }
    }
}
