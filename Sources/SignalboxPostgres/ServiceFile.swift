import Foundation

/// Connection services (`service=NAME`, `PGSERVICE`) as libpq finds them: the section `[NAME]` of the user's
/// service file (`PGSERVICEFILE`, else `~/.pg_service.conf`), else of `PGSYSCONFDIR/pg_service.conf` (default
/// ``defaultSystemDirectory``, Debian's libpq).
///
/// A file is `[name]` section lines and `keyword=value` lines, as libpq reads it: blank lines and lines starting
/// with `#` are skipped, leading and trailing blanks are dropped, there are no blanks around `=` (the value is
/// everything after the first `=`), the first section of a name counts, and a service cannot name another.
///
/// ```text
/// [ledger]
/// host=db1.internal,db2.internal
/// dbname=integration
/// target_session_attrs=read-write
/// ```
enum ServiceFile {
    /// Where libpq was built to look for the system-wide `pg_service.conf` (Debian's `pg_config --sysconfdir`).
    static let defaultSystemDirectory = "/etc/postgresql-common"

    /// One `keyword=value` line of a service's section.
    struct Setting: Equatable {
        var keyword: String
        var value: String
        /// 1-based line number, for errors.
        var line: Int
    }

    /// The settings of `service` in the file libpq would take it from, with that file's path. Fails when no file
    /// defines the service, or when the file that does has a line libpq would refuse.
    static func settings(of service: String, variables: [String: String],
                         home: String?) throws(PostgresConfigurationError) -> (path: String, settings: [Setting]) {
        var candidates: [String] = []
        if let file = variables["PGSERVICEFILE"].flatMap(PostgresConfiguration.nonEmpty) {
            candidates.append(file)
        } else if let home {
            candidates.append((home as NSString).appendingPathComponent(".pg_service.conf"))
        }
        let system = variables["PGSYSCONFDIR"].flatMap(PostgresConfiguration.nonEmpty) ?? defaultSystemDirectory
        candidates.append((system as NSString).appendingPathComponent("pg_service.conf"))
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PostgresConfigurationError("service file \(path) cannot be read")
            }
            if let settings = try settings(of: service, in: String(decoding: data, as: UTF8.self), path: path) {
                return (path, settings)
            }
        }
        throw PostgresConfigurationError("definition of service \(service.debugDescription) not found (looked in "
                                         + candidates.joined(separator: ", ") + ")")
    }

    /// The lines of section `[service]` in `text` (nil when there is no such section), or an error naming `path`,
    /// the line and why libpq would refuse it.
    static func settings(of service: String, in text: String, path: String) throws(PostgresConfigurationError) -> [Setting]? {
        var found: [Setting]?
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                if found != nil { return found }
                if line == "[\(service)]" { found = [] }
                continue
            }
            guard found != nil else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw PostgresConfigurationError("syntax error in service file \(path), line \(index + 1): expected keyword=value")
            }
            let keyword = String(line[..<equals])
            if keyword == "service" {
                throw PostgresConfigurationError("nested service specifications not supported in service file \(path), line \(index + 1)")
            }
            found?.append(Setting(keyword: keyword, value: String(line[line.index(after: equals)...]), line: index + 1))
        }
        return found
    }
}
