import SignalboxCore
import XCTest

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    private func assertRejected(_ bytes: [UInt8], _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try JSONParser.parse(bytes), file: file, line: line) { error in
            let syntax = error as? JSONSyntaxError
            XCTAssertEqual(syntax?.reason, reason, String(decoding: bytes, as: UTF8.self), file: file, line: line)
        }
    }

    private func assertRejected(_ text: String, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        assertRejected(Array(text.utf8), reason, file: file, line: line)
    }

    func testParsesNestedValuesKeepingNumberLexemesAndMemberOrder() throws {
        let value = try parse(#" {"b": [1, -12.50, 1e3, true, false, null], "a": {"s": "x"}} "#)
        let expected: JSONValue = .object([
            "b": .array([.number("1"), .number("-12.50"), .number("1e3"), .bool(true), .bool(false), .null]),
            "a": .object(["s": .string("x")]),
        ])
        XCTAssertEqual(value, expected)
        guard case .object(let object) = value else { return XCTFail("not an object") }
        XCTAssertEqual(object.keys, ["b", "a"])
    }

    func testRejectsMalformedJSON() {
        let cases: [(text: String, reason: String)] = [
            ("", "unexpected end of input"), ("{", "expected a string key"), (#"{"a":}"#, "unexpected character"),
            ("[1,]", "unexpected character"), ("{'a':1}", "expected a string key"), (#"{"a" 1}"#, "expected ':'"),
            (#"{"a":1,}"#, "expected a string key"), ("[1 2]", "expected ',' or ']'"), (#"{"a":1 "b":2}"#, "expected ',' or '}'"),
            ("01", "unexpected data after the JSON value"), ("1.", "invalid number"), ("-", "invalid number"),
            (".5", "unexpected character"), ("1e", "invalid number"), ("tru", "unexpected end of input"),
            ("nul1", "invalid literal"), ("{} {}", "unexpected data after the JSON value"), (#""abc"#, "unterminated string"),
            (#""\x""#, "invalid escape"), (#""\u12G4""#, "invalid \\u escape"), ("NaN", "unexpected character"),
        ]
        for (text, reason) in cases {
            assertRejected(text, reason)
        }
    }

    func testErrorGivesTheColumn() {
        XCTAssertThrowsError(try parse(#"{"a": txue}"#)) { error in
            XCTAssertEqual((error as? JSONSyntaxError)?.column, 7)
            XCTAssertEqual("\(error)", "invalid JSON at column 7: invalid literal")
        }
    }

    func testRejectsDuplicateKeysAtTheSecondKey() {
        XCTAssertThrowsError(try parse(#"{"a":1,"a":2}"#)) { error in
            XCTAssertEqual((error as? JSONSyntaxError)?.column, 8)
            XCTAssertEqual((error as? JSONSyntaxError)?.reason, #"duplicate key "a""#)
        }
        assertRejected(#"{"x":{"k":1,"k":1}}"#, #"duplicate key "k""#)
        assertRejected(#"{"é":1,"\u00e9":2}"#, #"duplicate key "é""#)
        XCTAssertNoThrow(try parse(#"[{"a":1},{"a":2}]"#))
    }

    func testRejectsInvalidUTF8() {
        let quote = UInt8(ascii: "\"")
        assertRejected([quote, 0xFF, quote], "invalid UTF-8 in string")
        assertRejected([quote, 0xC0, 0x80, quote], "invalid UTF-8 in string")  // overlong NUL
        assertRejected([quote, 0xED, 0xA0, 0x80, quote], "invalid UTF-8 in string")  // encoded surrogate
        assertRejected([quote, 0xE2, 0x82, quote], "invalid UTF-8 in string")  // truncated sequence
        assertRejected([quote, UInt8(ascii: "\\"), UInt8(ascii: "n"), 0xFF, quote], "invalid UTF-8 in string")
        XCTAssertEqual(try JSONParser.parse([quote, 0xE2, 0x82, 0xAC, quote]), .string("€"))
    }

    func testRejectsUnescapedControlCharactersButAcceptsEscapedOnes() {
        assertRejected("\"a\u{01}b\"", "unescaped control character in string")
        assertRejected("\"line\nbreak\"", "unescaped control character in string")
        assertRejected("\"\\t\u{1F}\"", "unescaped control character in string")
        XCTAssertEqual(try parse(#""\u0001\n\t\"\\\/\b\f\r""#), .string("\u{01}\n\t\"\\/\u{08}\u{0C}\r"))
    }

    func testDecodesSurrogatePairsAndRejectsLoneSurrogates() {
        XCTAssertEqual(try parse(#""\uD83D\uDE00""#), .string("😀"))
        XCTAssertEqual(try parse(#""\ud83d\ude00!""#), .string("😀!"))
        assertRejected(#""\uD83D""#, "unpaired surrogate")
        assertRejected(#""\uD83Dx""#, "unpaired surrogate")
        assertRejected(#""\uDE00""#, "unpaired surrogate")
        assertRejected(#""\uD83D\u0041""#, "unpaired surrogate")
    }

    func testLimitsNestingTo64Levels() {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        XCTAssertNoThrow(try parse(deepest))
        assertRejected(String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "nested too deeply")
        assertRejected(String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65), "nested too deeply")
        assertRejected(String(repeating: "[", count: 100_000), "nested too deeply")
    }

    func testParsesHugeInput() throws {
        let longString = String(repeating: "x", count: 4_000_000)
        XCTAssertEqual(try parse("\"\(longString)\""), .string(longString))
        let manyNumbers = "[" + Array(repeating: "123.45", count: 200_000).joined(separator: ",") + "]"
        guard case .array(let items) = try parse(manyNumbers) else { return XCTFail("not an array") }
        XCTAssertEqual(items.count, 200_000)
    }

    func testAcceptsNonContiguousInput() throws {
        let bytes = #"{"a":[1]}"#.utf8.lazy.map { $0 }
        XCTAssertEqual(try JSONParser.parse(bytes), .object(["a": .array([.number("1")])]))
    }

    func testSerializationEscapesAndRoundTrips() throws {
        let value: JSONValue = .object(["t": .string("q\"b\\n\n\u{01}\u{7F}é😀"), "n": .number("-1.50"), "z": .null])
        let text = value.serialized
        XCTAssertEqual(text, #"{"t":"q\"b\\n\n\u0001\u007fé😀","n":-1.50,"z":null}"#)
        XCTAssertEqual(try parse(text), value)
    }
}
