import Foundation
@testable import SignalboxPostgres
import XCTest

/// `service=NAME` and `pg_service.conf` read as libpq reads them.
final class ServiceFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func write(_ text: String, _ name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testTheNamedSectionOnlyWithCommentsBlanksAndTheFirstEqualsSign() throws {
        let text = """
            # the firm's services
            [other]
            host=elsewhere

              [ledger]\r
            host=db1.internal,db2.internal
            # a comment inside
               dbname=integration\t
            password=a=b
            [ledger]
            host=ignored-second-section
            """
        let settings = try XCTUnwrap(try ServiceFile.settings(of: "ledger", in: text, path: "f"))
        XCTAssertEqual(settings, [
            ServiceFile.Setting(keyword: "host", value: "db1.internal,db2.internal", line: 6),
            ServiceFile.Setting(keyword: "dbname", value: "integration", line: 8),
            ServiceFile.Setting(keyword: "password", value: "a=b", line: 9),
        ])
        XCTAssertNil(try ServiceFile.settings(of: "led", in: text, path: "f"), "a prefix of a name is not the name")
    }

    func testLinesLibpqRefusesAreNamedWithFileAndLine() throws {
        XCTAssertThrowsError(try ServiceFile.settings(of: "s", in: "[s]\nhost db1\n", path: "/etc/pg_service.conf")) {
            XCTAssertEqual(($0 as? PostgresConfigurationError)?.message,
                           "syntax error in service file /etc/pg_service.conf, line 2: expected keyword=value")
        }
        XCTAssertThrowsError(try ServiceFile.settings(of: "s", in: "[s]\nservice=t\n", path: "p")) {
            XCTAssertEqual(($0 as? PostgresConfigurationError)?.message,
                           "nested service specifications not supported in service file p, line 2")
        }
        let path = try write("[s]\nhost=h\nkeepalives=1\n", "bad.conf")
        XCTAssertThrowsError(try PostgresConfiguration(url: "postgres://?service=s", environment: PostgresEnvironment(
            variables: ["PGSERVICEFILE": path], currentUserName: "u"))) {
            XCTAssertEqual(($0 as? PostgresConfigurationError)?.message,
                           "service file \(path), line 3: unsupported keyword \"keepalives\"")
        }
        XCTAssertNil(try ServiceFile.settings(of: "s", in: "host=outside-any-section\n", path: "p"))
    }

    /// The URL's own parameters win over the service's, which win over PG* variables, as in libpq.
    func testServiceFillsWhatTheURLLeavesOut() throws {
        let path = try write("[ledger]\nhost=db1,db2\nport=6432\ndbname=integration\nuser=svc\nsslmode=disable\n"
                             + "target_session_attrs=read-write\napplication_name=from-service\n", "services.conf")
        let environment = PostgresEnvironment(variables: ["PGSERVICEFILE": path, "PGDATABASE": "envdb", "PGUSER": "envuser"],
                                              currentUserName: "u")
        let config = try PostgresConfiguration(url: "postgres://ana@/?service=ledger&application_name=mine", environment: environment)
        XCTAssertEqual(config.servers.map(\.description), ["db1:6432", "db2:6432"])
        XCTAssertEqual(config.database, "integration")
        XCTAssertEqual(config.user, "ana")
        XCTAssertEqual(config.sslMode, .disable)
        XCTAssertEqual(config.targetSessionAttributes, .readWrite)
        XCTAssertEqual(config.applicationName, "mine")
        let fromVariable = PostgresEnvironment(variables: ["PGSERVICEFILE": path, "PGSERVICE": "ledger"], currentUserName: "u")
        XCTAssertEqual(try PostgresConfiguration(url: "postgres://", environment: fromVariable).database, "integration")
    }

    /// `PGSERVICEFILE`, else `~/.pg_service.conf`; a service not found there comes from `PGSYSCONFDIR/pg_service.conf`.
    func testWhereTheServiceIsLookedFor() throws {
        let home = directory.appendingPathComponent("home").path
        _ = try write("[mine]\ndbname=from-home\n", "home/.pg_service.conf")
        _ = try write("[mine]\ndbname=from-system\n[shared]\ndbname=system-only\n", "etc/pg_service.conf")
        let explicit = try write("[mine]\ndbname=from-explicit\n", "explicit.conf")
        func database(_ service: String, _ variables: [String: String]) throws -> String {
            var all = variables
            all["PGSYSCONFDIR"] = directory.appendingPathComponent("etc").path
            return try PostgresConfiguration(url: "postgres://?service=\(service)",
                                             environment: PostgresEnvironment(variables: all, currentUserName: "u", homeDirectory: home)).database
        }
        XCTAssertEqual(try database("mine", [:]), "from-home")
        XCTAssertEqual(try database("mine", ["PGSERVICEFILE": explicit]), "from-explicit")
        XCTAssertEqual(try database("shared", [:]), "system-only")
        XCTAssertEqual(try database("mine", ["PGSERVICEFILE": directory.appendingPathComponent("none.conf").path]), "from-system")
        XCTAssertThrowsError(try database("absent", [:])) {
            XCTAssertTrue(String(describing: $0).contains("definition of service \"absent\" not found"), "\($0)")
        }
    }
}
