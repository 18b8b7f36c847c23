import SignalboxCore
import SignalboxTerminal

/// Every line the command line writes to standard output passes here: this module's `print` shadows the standard
/// library's, so no command can write untrusted text (a file name, a rejection reason, an actor, an id echoed
/// back) raw. Each line goes through the one sanitiser (``TerminalSafeText/sanitize(_:)``); line feeds between
/// lines are kept. JSON documents are escaped with ``PrintableText/json(_:)`` first, so they stay valid JSON, carry
/// the exact text, and pass through unchanged.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { String(describing: $0) }.joined(separator: separator)
    let safe = text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { TerminalSafeText.sanitize(String($0)) }.joined(separator: "\n")
    Swift.print(safe, terminator: terminator)
}

/// Prints a serialised JSON document (or JSON line) with every unsafe character escaped as `\uXXXX`.
func printJSON(_ document: String) {
    print(PrintableText.json(document))
}
