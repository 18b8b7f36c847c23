import SignalboxCore

/// How the generator behaves when it plays the integration layer live against a store
/// (``IntegrationSimulator``) rather than writing a file.
///
/// - Ids carry a namespace, so a live run never collides with the demo data or an earlier run.
/// - Only systems act: exceptions are never claimed, resolved, dismissed or reprocessed by simulated
///   operators (no `CONSOLE` events); the people at the console do that.
/// - A contract whose customer maps ambiguously is blocked: it is neither provisioned nor scheduled
///   until someone resolves the mapping (the simulator then activates it).
/// - Contracts are approved around the clock, and none before `notBefore` (the moment the run attaches).
struct LiveMode: Hashable, Sendable {
    /// Inserted into contract, exception, request and event ids (`CTR-<namespace>-0000001`).
    var namespace: String
    /// Size of the customer book (the demo data has 100), so live customers are the demo's customers.
    var customerCount: Int
    /// Contracts approved before this instant are not simulated.
    var notBefore: Timestamp
}

extension GeneratorConfiguration {
    /// `prefix` followed by the live namespace and a dash, or `prefix` alone for file generation.
    func namespaced(_ prefix: String) -> String {
        guard let live else { return prefix }
        return prefix + live.namespace + "-"
    }
}
