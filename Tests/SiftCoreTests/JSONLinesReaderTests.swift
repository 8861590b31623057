import Foundation
import SiftTestSupport
import Testing
@testable import SiftCore

@Suite("Reading JSON Lines")
struct JSONLinesReaderTests {
    @Test("reads records with line numbers, skipping blank lines and CRLF endings")
    func basic() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("a.jsonl", "{\"id\": 1, \"text\": \"a\"}\r\n\n  \n{\"id\": 2, \"text\": \"b\"}\n")
        let result = try readAll([path])
        #expect(result.records.map(\.location.line) == [1, 4])
        #expect(result.records.map(\.location.index) == [0, 1])
        #expect(result.records.map(\.reference) == ["1", "2"])
        #expect(result.stream.blankLines == 2)
        #expect(result.stream.itemsSeen == 2)
        #expect(result.stream.formats == [.jsonl])
    }

    @Test("malformed lines are reported with file, line, column and reason; the rest is read")
    func malformedLines() throws {
        let dir = try TemporaryDirectory()
        var bytes = Array("{\"text\": \"ok\"}\n{\"text\": \"bad\" \"x\"}\n[1, 2]\n".utf8)
        bytes += Array("{\"text\": \"".utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        bytes += Array("{\"text\": \"last\"}\n{\"text\": \"trunc".utf8)
        let path = try dir.write("b.jsonl", bytes: bytes)
        let result = try readAll([path])
        #expect(result.records.count == 2)
        #expect(result.malformed.count == 4)
        #expect(result.records.count + result.malformed.count == result.stream.itemsSeen)
        let byLine = Dictionary(uniqueKeysWithValues: result.malformed.map { ($0.line, $0) })
        #expect(byLine[2]?.column == 16)
        #expect(byLine[2]?.error.contains("expected ',' or '}'") == true)
        #expect(byLine[3]?.error.contains("expected a JSON object, found an array") == true)
        #expect(byLine[4]?.error.contains("invalid UTF-8") == true)
        #expect(byLine[4]?.column == 11)
        #expect(byLine[6]?.error.contains("truncated last line") == true)
        #expect(byLine[6]?.file == path)
    }

    @Test("a last line without newline that parses is a record")
    func lastLineWithoutNewline() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("c.jsonl", "{\"a\": 1}\n{\"a\": 2}")
        let result = try readAll([path])
        #expect(result.records.count == 2)
        #expect(result.malformed.isEmpty)
    }

    @Test("a UTF-8 byte-order mark is skipped and noted")
    func byteOrderMark() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("d.jsonl", bytes: utf8BOM + Array("{\"a\": 1}\n".utf8))
        let result = try readAll([path])
        #expect(result.records.count == 1)
        #expect(result.stream.diagnostics.contains { $0.message.contains("byte-order mark") })
    }

    @Test("an empty file yields no records and a note")
    func emptyFile() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("e.jsonl", "")
        let result = try readAll([path])
        #expect(result.records.isEmpty && result.malformed.isEmpty)
        #expect(result.stream.diagnostics.contains { $0.message == "file is empty" })
    }

    @Test("a single 50 MB line is read whole")
    func hugeLine() throws {
        let dir = try TemporaryDirectory()
        let big = String(repeating: "abcdefghij", count: 5_000_000)
        let path = try dir.write("f.jsonl", "{\"a\": 1}\n{\"text\": \"\(big)\"}\n{\"a\": 3}\n")
        let result = try readAll([path])
        #expect(result.records.count == 3)
        #expect(result.records[1].fields["text"]?.stringValue?.utf8.count == 50_000_000)
        #expect(result.records[2].location.line == 3)
    }

    @Test("a line over the record limit is malformed and skipped without holding it")
    func overlongLine() throws {
        let dir = try TemporaryDirectory()
        let big = String(repeating: "x", count: 300_000)
        let path = try dir.write("g.jsonl", "{\"a\": 1}\n{\"text\": \"\(big)\"}\n{\"a\": 3}\n")
        let result = try readAll([path], options: ReadOptions(maxRecordBytes: 100_000, chunkBytes: 16_384))
        #expect(result.records.map(\.location.line) == [1, 3])
        #expect(result.malformed.count == 1)
        #expect(result.malformed.first?.line == 2)
        #expect(result.malformed.first?.error.contains("longer than the record limit") == true)
    }

    @Test("deeply nested JSON is malformed, not a crash")
    func deepNesting() throws {
        let dir = try TemporaryDirectory()
        let deep = "{\"a\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        let path = try dir.write("h.jsonl", deep + "\n{\"a\": 1}\n")
        let result = try readAll([path])
        #expect(result.records.count == 1)
        #expect(result.malformed.first?.error.contains("nesting deeper than") == true)
    }

    @Test("gzip-compressed JSON Lines stream through the inflater")
    func gzip() throws {
        let dir = try TemporaryDirectory()
        let lines = (0..<5000).map { "{\"id\": \($0), \"text\": \"record number \($0)\"}" }.joined(separator: "\n") + "\n"
        try dir.write("i.jsonl", lines)
        let gz = try dir.gzip("i.jsonl")
        let result = try readAll([gz], options: ReadOptions(chunkBytes: 4096))
        #expect(result.records.count == 5000)
        #expect(result.records.last?.reference == "4999")
        #expect(result.stream.formats == [.jsonl])
    }

    @Test("concatenated gzip members are all read")
    func multiMemberGzip() throws {
        let dir = try TemporaryDirectory()
        try dir.write("p1.jsonl", "{\"a\": 1}\n{\"a\": 2}\n")
        try dir.write("p2.jsonl", "{\"a\": 3}\n")
        let first = try Data(contentsOf: URL(fileURLWithPath: try dir.gzip("p1.jsonl")))
        let second = try Data(contentsOf: URL(fileURLWithPath: try dir.gzip("p2.jsonl")))
        let path = try dir.write("both.jsonl.gz", bytes: Array(first + second))
        let result = try readAll([path])
        #expect(result.records.count == 3)
    }

    @Test("several files form one stream with continuous indices")
    func multipleFiles() throws {
        let dir = try TemporaryDirectory()
        let a = try dir.write("a.jsonl", "{\"a\": 1}\n{\"a\": 2}\n")
        let b = try dir.write("b.jsonl", "{\"a\": 3}\n")
        let result = try readAll([a, b])
        #expect(result.records.map(\.location.index) == [0, 1, 2])
        #expect(result.records.map(\.location.file) == [a, a, b])
    }

    @Test("a missing file and a directory fail before reading, with status 66")
    func missingInputs() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: SiftError.self) { try DatasetStream(paths: [dir.path("missing.jsonl")]) }
        do {
            _ = try DatasetStream(paths: [dir.url.path])
        } catch let error as SiftError {
            #expect(error.status == .noInput)
            #expect(error.message.contains("is a directory"))
        }
    }

    @Test("decoding on several threads gives the same events as on one")
    func parallelDecodeIsDeterministic() throws {
        let dir = try TemporaryDirectory()
        var text = ""
        for i in 0..<20_000 { text += i % 97 == 0 ? "not json \(i)\n" : "{\"id\": \(i), \"text\": \"t\(i)\"}\n" }
        let path = try dir.write("p.jsonl", text)
        let one = try readAll([path], options: ReadOptions(chunkBytes: 65_536, threads: 1))
        let four = try readAll([path], options: ReadOptions(chunkBytes: 65_536, threads: 4))
        #expect(one.records.map(\.reference) == four.records.map(\.reference))
        #expect(one.malformed.map(\.line) == four.malformed.map(\.line))
        #expect(one.records.count + one.malformed.count == 20_000)
    }
}
