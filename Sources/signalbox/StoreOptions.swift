import ArgumentParser
import Foundation
import Logging
import SignalboxCore
import SignalboxPostgres
import SignalboxSQLite
import SignalboxStore
import SignalboxTerminal
#if canImport(Glibc)
import Glibc
#endif

/// `--store`, shared by every command that reads or writes a store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite file path or postgres:// URL (default: $SIGNALBOX_STORE, else $XDG_DATA_HOME/signalbox/store.sqlite).",
        valueName: "path|url"))
    var store: String?

    /// The store location this invocation names.
    var location: StoreLocation { StoreLocation.resolve(option: store, environment: ProcessEnvironment.current) }

    /// Opens the store; a writable store is migrated. A SQLite file that does not exist is created (with its
    /// directory) only when `creating` (ingest, migrate, simulate): every other command says it does not exist.
    /// `application` is PostgreSQL's `application_name` (seen in `pg_stat_activity`) unless the URL or `PGAPPNAME`
    /// sets one. `logger` receives the PostgreSQL driver's messages (by default none, so nothing reaches the screen).
    /// `console`: the store stays open all day, so a SQLite file gets a page cache sized for the console's working set.
    /// Any other read-only open is a command that reads once and exits (signals, reconcile, trace, lists), so a SQLite
    /// file is read through a memory map.
    func open(readOnly: Bool, creating: Bool = false, application: String, console: Bool = false,
              logger: Logger = PostgresStore.silentLogger) async throws -> any EventStore {
        switch location {
        case .sqlite(let path):
            guard creating || FileManager.default.fileExists(atPath: path) else { throw Self.missing(path) }
            if !readOnly { try ProcessEnvironment.createParentDirectory(of: path) }
            if !readOnly, let upgrade = SQLiteStore.pendingUpgrade(at: path) {
                announce(from: upgrade.from, to: upgrade.to, of: path)
            }
            let store = try SQLiteStore(path: path, readOnly: readOnly,
                                        pageCacheKibibytes: console ? SQLiteStore.consolePageCacheKibibytes : nil,
                                        memoryMapped: readOnly && !console)
            await store.onWaitingForAnotherWriter { printError("waiting for another writer (such as an ingest) to commit…") }
            return store
        case .postgres(let url):
            let store = try await PostgresStore.open(url: url, environment: .current(warn: { ProcessEnvironment.warn($0) }),
                                                     readOnly: readOnly, applicationName: application, logger: logger)
            if !readOnly {
                do {
                    try await store.migrate { announce(from: $0, to: $1, of: store.displayName) }
                } catch {
                    await store.close()
                    throw error
                }
            }
            return store
        }
    }
}

extension StoreOptions {
    /// Says, before a writer's open upgrades the store's schema, that it will: the terminal would otherwise stay blank.
    private func announce(from: Int, to: Int, of store: String) {
        printError("upgrading \(TerminalSafeText.sanitize(store)) from schema \(from) to \(to), once: on a store of "
                   + "millions of events this can take a minute…")
    }

    /// A store that does not exist, with what to do next.
    static func missing(_ path: String) -> CommandFailure {
        CommandFailure(.noInput, "no store at \(TerminalSafeText.sanitize(path)): it does not exist (nothing was created)", next: [
            "signalbox demo                                  a demo store with live simulated data",
            "signalbox ingest --store \(TerminalSafeText.sanitize(path)) FILE.jsonl   create this store from canonical events",
            "--store PATH|URL or $SIGNALBOX_STORE            use another store",
        ])
    }
}

/// The process's environment and file-system helpers for the command line.
enum ProcessEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    /// Writes a warning to standard error, e.g. about an ignored password file.
    static func warn(_ message: String) {
        printError("warning: \(TerminalSafeText.sanitize(message))")
    }

    /// Creates the directories above `path` (mode 0700) when missing.
    static func createParentDirectory(of path: String) throws {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        var prefix = ""
        for component in path[..<slash].split(separator: "/", omittingEmptySubsequences: false) {
            prefix += prefix.isEmpty && path.hasPrefix("/") ? "/" + component : (prefix.isEmpty ? "" : "/") + component
            if prefix.isEmpty || prefix == "/" { continue }
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw CommandFailure(.cannotCreate, "cannot create directory \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }
}
