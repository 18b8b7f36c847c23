import Foundation
import XCTest

/// What the sqlite3 shell prints for `sql` on the store file `store` (it must succeed).
func sqliteShell(_ store: String, _ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [store, sql]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, sql, file: file, line: line)
    return String(decoding: data, as: UTF8.self)
}
