import Foundation
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

    /// The §10 fixture (``ReconciliationEvents``) written into a directory of its own, removed when the test ends.
    func reconciliationEventsFile() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return try ReconciliationEvents.write(in: directory)
    }
}
