import Foundation
import SiftTestSupport
import Testing
@testable import SiftCore

@Suite("Reading JSON documents")
struct JSONDocumentReaderTests {
    @Test("a top-level array of objects, pretty-printed, with element line numbers")
    func topLevelArray() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("a.json", """
        [
          {"id": "a", "text": "first, with [brackets] and {braces}"},
          {
            "id": "b",
            "text": "second \\" quote"
          }
        ]
        """)
        let result = try readAll([path], options: ReadOptions(chunkBytes: 16))
        #expect(result.stream.formats == [.json])
        #expect(result.records.map(\.reference) == ["a", "b"])
        #expect(result.records.map(\.location.line) == [2, 3])
        #expect(result.records[1].fields["text"]?.stringValue == "second \" quote")
    }

    @Test("an object holding the records array, with other members ignored")
    func wrapperObject() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("b.json", #"{"version": {"major": 2, "tags": ["x", "]"]}, "data": [{"id": 1}, {"id": 2}, {"id": 3}], "count": 3}"#)
        let result = try readAll([path])
        #expect(result.records.map(\.reference) == ["1", "2", "3"])
        #expect(result.malformed.isEmpty)
    }

    @Test("a single chat object is one record")
    func singleConversation() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("c.json", #"{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}"#)
        let result = try readAll([path])
        #expect(result.records.count == 1)
        #expect(DatasetKind.of(result.records[0].fields) == .chat)
    }

    @Test("bad elements are malformed with their line; a truncated document is reported")
    func badElements() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("d.json", "[\n{\"id\": 1},\n42,\n{\"id\": 2, \"x\": tru},\n{\"id\": 3},\n{\"id\": 4, \"text\": \"cut")
        let result = try readAll([path])
        #expect(result.records.map(\.reference) == ["1", "3"])
        #expect(result.malformed.map(\.line) == [3, 4, 6])
        #expect(result.malformed[0].error.contains("found an integer"))
        #expect(result.malformed[2].error.contains("truncated"))
        #expect(result.records.count + result.malformed.count == result.stream.itemsSeen)
    }

    @Test(".json files holding JSON Lines are read as JSON Lines")
    func jsonLinesNamedJSON() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("e.json", "{\"a\": 1}\n{\"a\": 2}\n")
        let result = try readAll([path])
        #expect(result.stream.formats == [.jsonl])
        #expect(result.records.count == 2)
    }

    @Test("an empty or whitespace-only document yields a note")
    func empty() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("f.json", "  \n")
        let result = try readAll([path], options: ReadOptions(format: .json))
        #expect(result.records.isEmpty)
        #expect(result.stream.diagnostics.contains { $0.message.contains("empty") })
    }
}
