import Foundation
import XCTest

/// The product's contract travels with the repository: the specs and design notes are in docs/, identical to the
/// shared originals when those are present, and every relative link of the READMEs resolves inside a clone.
final class RepositoryDocsTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testDocsAreIdenticalToTheSharedSpecAndDesignNotes() throws {
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
        let pairs = ["spec/canonical-events.md": "docs/spec/canonical-events.md",
                     "spec/golden-signals.md": "docs/spec/golden-signals.md", "DESIGN.md": "docs/DESIGN.md"]
        for (original, copy) in pairs {
            let copied = try Data(contentsOf: root.appendingPathComponent(copy))
            guard let source = try? Data(contentsOf: shared.appendingPathComponent(original)) else { continue }
            XCTAssertEqual(copied, source, "\(copy) differs from ../shared/\(original): copy it again")
        }
    }

    func testEveryReadmeLinkResolvesInsideTheClone() throws {
        for readme in ["README.md", "demo-data/README.md", "Themes/README.md", "Benchmarks/README.md"] {
            let file = root.appendingPathComponent(readme)
            let text = try String(contentsOf: file, encoding: .utf8)
            XCTAssertFalse(text.contains("../shared"), "\(readme) points outside the repository (../shared)")
            for target in Self.relativeLinks(in: text) {
                let resolved = file.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL
                XCTAssertTrue(resolved.path.hasPrefix(root.standardizedFileURL.path + "/"), "\(readme): \(target) leaves the repository")
                XCTAssertTrue(FileManager.default.fileExists(atPath: resolved.path), "\(readme): \(target) does not exist")
            }
        }
    }

    /// The targets of `[text](target)` links that are not URLs or anchors, without their `#fragment`.
    static func relativeLinks(in markdown: String) -> [String] {
        var links: [String] = []
        var rest = Substring(markdown)
        while let open = rest.range(of: "](") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            let target = String(rest[..<close].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
            if !target.isEmpty, !target.contains("://"), !target.hasPrefix("mailto:") { links.append(target) }
            rest = rest[close...]
        }
        return links
    }
}
