import ArgumentParser
import SignalboxStore

/// `signalbox migrate`: create the store or upgrade its schema explicitly.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.signalbox(
        "migrate",
        abstract: "Create the store, or upgrade an older schema to this build's."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        try await Self.reportingFailures {
            let store = try await storeOptions.open(readOnly: false, creating: true, application: "signalbox migrate")
            try await store.migrate()
            await store.close()
            print("store ready: \(storeOptions.location)")
        }
    }
}
