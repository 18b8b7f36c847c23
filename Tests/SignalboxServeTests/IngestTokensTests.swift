import SignalboxCore
@testable import SignalboxServe
import XCTest

final class IngestTokensTests: XCTestCase {
    private let digest = String(repeating: "ab", count: 32)

    func testAFreshTokenIsGrantedThroughItsFileLineAndOnlyItsSources() throws {
        let fresh = try NewIngestToken(name: "psa-relay", sources: ["PSA,erp"])
        XCTAssertEqual(fresh.token.count, 64)
        XCTAssertNotEqual(try NewIngestToken(name: "psa-relay", sources: ["PSA"]).token, fresh.token)
        let tokens = IngestTokens(try IngestTokens.parse(fresh.entry.fileEntry + "\n"))
        let grant = try XCTUnwrap(tokens.grant(bearer: fresh.token))
        XCTAssertEqual(grant.name, "psa-relay")
        XCTAssertEqual(grant.sources, [.psa, .erp])
        XCTAssertNil(tokens.grant(bearer: fresh.token + "x"))
        XCTAssertNil(tokens.grant(bearer: fresh.entry.sha256), "the digest itself is not a token")
    }

    func testTheDigestIsTheHexSHA256OfTheToken() {
        XCTAssertEqual(IngestToken.digest(of: "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testEveryProblemNamesTheEntryAndTheField() {
        let cases: [(String, String)] = [
            ("{name: a}", "expected a list of {name, sha256, sources}"),
            ("- {sha256: \(digest), sources: [PSA]}", "entry 1: field name"),
            ("- {name: a, sha256: xyz, sources: [PSA]}", "entry 1 (a): field sha256"),
            ("- {name: a, sha256: \(digest), sources: []}", "entry 1 (a): field sources: name at least one"),
            ("- {name: a, sha256: \(digest), sources: [POS]}", "entry 1 (a): field sources: \"POS\" is not a source system"),
            ("- {name: a, sha256: \(digest), sources: [CONSOLE]}", "entry 1 (a): field sources: CONSOLE events are recorded by signalbox"),
            ("- {name: a, sha256: \(digest), sources: [PSA], extra: 1}", "entry 1: unknown field \"extra\""),
            ("- {name: a, sha256: \(digest), sources: [PSA]}\n- {name: a, sha256: \(String(repeating: "cd", count: 32)), sources: [PSA]}",
             "entry 2: name \"a\" is used twice"),
            ("- {name: a, sha256: \(digest), sources: [PSA]}\n- {name: b, sha256: \(digest), sources: [PSA]}",
             "entry 2 (b): sha256 repeats"),
            ("- [unclosed", "not valid YAML"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try IngestTokens.parse(text), text) { error in
                let reason = (error as? TokenProblem)?.reason ?? ""
                XCTAssertTrue(reason.hasPrefix(expected), "\(text): \(reason)")
            }
        }
        XCTAssertEqual(try IngestTokens.parse("").count, 0)
        XCTAssertEqual(try IngestTokens.parse("- name: a\n  sha256: \(digest.uppercased())\n  sources: PSA\n"),
                       [IngestToken(name: "a", sha256: digest, sources: [.psa])])
    }

    func testNewTokenRefusesConsoleBadNamesAndNoSources() {
        XCTAssertThrowsError(try NewIngestToken(name: "ops", sources: ["CONSOLE"]))
        XCTAssertThrowsError(try NewIngestToken(name: "a b", sources: ["PSA"]))
        XCTAssertThrowsError(try NewIngestToken(name: "ops", sources: []))
    }

    func testListenAddressesAndWhichAreLoopback() throws {
        XCTAssertEqual(try ListenAddress(parsing: "127.0.0.1:8470"), ListenAddress(host: "127.0.0.1", port: 8470))
        XCTAssertEqual(try ListenAddress(parsing: "[::1]:0"), ListenAddress(host: "::1", port: 0))
        XCTAssertTrue(try ListenAddress(parsing: "127.1.2.3:1").isLoopback)
        XCTAssertTrue(try ListenAddress(parsing: "localhost:1").isLoopback)
        XCTAssertFalse(try ListenAddress(parsing: "0.0.0.0:1").isLoopback)
        XCTAssertFalse(try ListenAddress(parsing: "127.0.0.1.evil.example:1").isLoopback)
        XCTAssertFalse(try ListenAddress(parsing: "[::]:1").isLoopback)
        for bad in ["8470", ":8470", "host:99999", "[::1]8470", "host:http"] {
            XCTAssertThrowsError(try ListenAddress(parsing: bad), bad)
        }
        let exposed = ServeSettings(listen: ListenAddress(host: "0.0.0.0", port: 1), tokens: IngestTokens([]))
        XCTAssertThrowsError(try exposed.validate())
        var insecure = exposed
        insecure.insecureListen = true
        XCTAssertNoThrow(try insecure.validate())
    }
}
