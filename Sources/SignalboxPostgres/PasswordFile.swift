import Foundation

/// The entries of a libpq password file (`~/.pgpass` or `$PGPASSFILE`).
///
/// Each line is `hostname:port:database:username:password`; `*` in the first four fields matches anything;
/// `\:` and `\\` stand for a literal colon and backslash; lines starting with `#` are comments.
/// The first matching line wins.
public struct PasswordFile: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var fields: [String]   // host, port, database, user
        var password: String
    }

    var entries: [Entry]

    /// Parses the file's text; malformed lines (fewer than five fields) are skipped, as libpq does.
    public init(contents: String) {
        entries = contents.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = Self.splitFields(line)
            guard fields.count >= 5 else { return nil }
            return Entry(fields: Array(fields[0..<4]), password: fields[4...].joined(separator: ":"))
        }
    }

    /// The password of the first entry matching the connection, if any.
    public func password(host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        return entries.first { entry in
            zip(entry.fields, wanted).allSatisfy { $0 == "*" || $0 == $1 }
        }?.password
    }

    /// Loads the file at `path`. Returns nil when there is no file there. Throws (and the caller should ignore
    /// the file) when it is not a regular file or when group or others may read or write it: libpq requires
    /// mode 0600 or stricter.
    public static func load(path: String) throws(PostgresConfigurationError) -> PasswordFile? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw PostgresConfigurationError("password file \(path) is not a plain file; ignored")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw PostgresConfigurationError(
                "password file \(path) has group or world access (permissions should be u=rw (0600) or less); ignored")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PostgresConfigurationError("password file \(path) could not be read; ignored")
        }
        return PasswordFile(contents: String(decoding: data, as: UTF8.self))
    }

    /// Splits at unescaped colons and removes the escapes.
    private static func splitFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaping = false
        for character in line {
            if escaping {
                current.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
