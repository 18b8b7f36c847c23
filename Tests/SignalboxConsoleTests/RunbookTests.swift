import Foundation
import SignalboxConsole
import SignalboxCore
import SignalboxTerminal
import XCTest

/// Runbooks: the nine shipped files, compiled in; overriding per installation; bad files as `file: line: reason`;
/// the runbook in the exception's detail view.
final class RunbookTests: XCTestCase {
    private var shipped: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Runbooks").path
    }

    /// Every kind has a shipped file; the compiled-in copy is identical, so a copied binary shows the same runbook.
    func testEveryKindHasAShippedRunbookAndTheBinaryHasTheSame() throws {
        let empty = RunbookCatalog(directories: [try temporaryDirectory(self)])
        for kind in ExceptionKind.allCases {
            let file = shipped + "/\(kind.rawValue).yaml"
            let fromFile = try Runbook(yaml: try String(contentsOfFile: file, encoding: .utf8), kind: kind, file: file)
            var builtIn = try empty.runbook(for: kind)
            XCTAssertEqual(builtIn.file, "(built-in) \(kind.rawValue).yaml")
            builtIn.file = file
            XCTAssertEqual(builtIn, fromFile, kind.rawValue)
            XCTAssertFalse(fromFile.owner.isEmpty, kind.rawValue)
            XCTAssertGreaterThanOrEqual(fromFile.steps.count, 3, kind.rawValue)
        }
    }

    func testInstallationDirectoryOverridesTheShippedRunbook() throws {
        let user = try temporaryDirectory(self)
        try write("owner: Team Rates\nsteps:\n  - Call Dana\nlinks: [\"Dana: ext. 4411\"]\n", to: "rate_mismatch.yaml", in: user)
        let catalog = RunbookCatalog(directories: [shipped, user])
        let runbook = try catalog.runbook(for: .rateMismatch)
        XCTAssertEqual(runbook, Runbook(kind: .rateMismatch, title: "", owner: "Team Rates", steps: ["Call Dana"],
                                        links: ["Dana: ext. 4411"], file: user + "/rate_mismatch.yaml"))
        XCTAssertEqual(try catalog.runbook(for: .postingFailed).owner, "Finance systems")   // the others stay shipped
    }

    func testStandardSearchPathIsTheThemesOneWithRunbooks() {
        let catalog = RunbookCatalog(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/ana"],
                                     executablePath: "/src/signalbox/.build/x86_64-unknown-linux-gnu/debug/signalbox")
        XCTAssertEqual(catalog.directories, [
            "/usr/share/signalbox/runbooks",
            "/src/signalbox/.build/x86_64-unknown-linux-gnu/share/signalbox/runbooks",
            "/src/signalbox/Runbooks",
            "/cfg/signalbox/runbooks",
        ])
    }

    /// Each broken file names its path, the line and the reason; a good shipped file does not hide a broken override.
    func testBadRunbookFilesAreReportedAsFileLineReason() throws {
        let user = try temporaryDirectory(self)
        let file = user + "/rate_mismatch.yaml"
        let cases: [(yaml: String, expected: String)] = [
            ("owner: Billing\nsteps:\n  - One\nowners: x\n", "4: owners: unknown key (expected one of: title, owner, steps, links)"),
            ("owner: Billing\nsteps:\n", "2: steps: must list at least one step"),
            ("owner: Billing\nsteps: []\n", "2: steps: must list at least one step"),
            ("owner: Billing\nsteps:\n  - One\n  - {do: this}\n", "4: steps[1]: expected a single value, found a mapping"),
            ("owner: \"Bill\\u001b[31ming\"\nsteps: [One]\n", "1: owner: contains the control character U+001B"),
            ("owner: Billing\nsteps:\n  - \"  \"\n", "3: steps[0]: is blank"),
            ("owner: Billing\nsteps: [One\n", "3: not valid YAML"),
            ("steps: [One]\n", "owner: missing (name the team that owns this kind)"),
            ("owner: Billing\n", "steps: missing (a runbook needs at least one step)"),
        ]
        let catalog = RunbookCatalog(directories: [shipped, user])
        for (yaml, expected) in cases {
            try write(yaml, to: "rate_mismatch.yaml", in: user)
            guard case .failure(let problem) = catalog.lookup(.rateMismatch) else {
                XCTFail("accepted: \(yaml)")
                continue
            }
            XCTAssertTrue(problem.description.hasPrefix("\(file): \(expected)"), "\(problem.description)\nexpected \(expected)")
            XCTAssertFalse(problem.description.contains("\n"), problem.description)
        }
    }

    /// The detail view lists the runbook under the exception (scrolled to it at 80×24), or the broken file's problem.
    func testDetailViewShowsTheRunbook() throws {
        var state = try QueueFixtures.detailState()
        let runbook = try RunbookCatalog(directories: [shipped]).runbook(for: .ambiguousCustomerMapping)
        state = ConsoleUpdate.update(state, .exceptionLoaded(id: "X1", try QueueFixtures.record, suggestion: QueueFixtures.suggestion,
                                                             runbook: .success(runbook))).0
        for _ in 0..<6 { state = ConsoleUpdate.update(state, .key(.down)).0 }
        let buffer = ConsoleView.render(state, size: state.size, theme: .builtInDefault, lineSet: .unicode)
        assertSnapshot(buffer, named: "exception-detail-runbook-80x24")
        let text = buffer.lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("Runbook  owner: Master data team"), text)
        XCTAssertTrue(text.contains("1. Compare the subject"), text)
        XCTAssertTrue(text.contains("link: Customer master data policy"), text)

        let problem = RunbookError(file: "/etc/sb/runbooks/ambiguous_customer_mapping.yaml", line: 3, reason: "steps: is blank")
        state = ConsoleUpdate.update(state, .exceptionLoaded(id: "X1", try QueueFixtures.record, suggestion: nil, runbook: .failure(problem))).0
        let broken = ConsoleView.render(state, size: state.size, theme: .builtInDefault, lineSet: .unicode).lines().joined(separator: "\n")
        XCTAssertTrue(broken.contains("/etc/sb/runbooks/ambiguous_customer_mapping.yaml: 3: steps: is blank"), broken)
    }
}
