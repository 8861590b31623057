import Foundation
import SiftTestSupport
import Testing
@testable import SiftCore

@Suite("Reading CSV and TSV")
struct DelimitedReaderTests {
    @Test("RFC 4180: quoted delimiters, doubled quotes, embedded newlines, CRLF")
    func rfc4180() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("a.csv", "id,text,label\r\n1,\"hello, world\",pos\r\n2,\"she said \"\"hi\"\"\",neg\r\n3,\"two\nlines\",pos\r\n4,,neg\r\n")
        let result = try readAll([path], options: ReadOptions(chunkBytes: 7))
        #expect(result.stream.formats == [.csv])
        #expect(result.records.map { $0.fields["text"]?.stringValue } == ["hello, world", "she said \"hi\"", "two\nlines", ""])
        #expect(result.records.map(\.location.line) == [2, 3, 4, 6])
        #expect(DatasetKind.detect(result.records.map(\.fields)) == .classification)
    }

    @Test("a row with the wrong field count is malformed with its line")
    func wrongFieldCount() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("b.csv", "id,text\n1,a\n2,b,extra\n3\n4,d\n")
        let result = try readAll([path])
        #expect(result.records.map(\.reference) == ["1", "4"])
        #expect(result.malformed.map(\.line) == [3, 4])
        #expect(result.malformed[0].error == "row has 3 fields, the header has 2")
    }

    @Test("an unterminated quote at the end of the file is malformed")
    func unterminatedQuote() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("c.csv", "id,text\n1,ok\n2,\"never closed\n3,x\n")
        let result = try readAll([path])
        #expect(result.records.count == 1)
        #expect(result.malformed.count == 1)
        #expect(result.malformed[0].line == 3)
        #expect(result.malformed[0].error.contains("never closed"))
    }

    @Test("invalid UTF-8 in a field names the field")
    func invalidUTF8() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("d.csv", bytes: Array("id,text\n1,".utf8) + [0xC0, 0xAF] + Array("\n2,ok\n".utf8))
        let result = try readAll([path])
        #expect(result.records.count == 1)
        #expect(result.malformed.first?.error == "invalid UTF-8 in field \"text\" (column 2)")
    }

    @Test("BOM, duplicate headers and TSV")
    func bomAndTSV() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("e.tsv", bytes: utf8BOM + Array("text\ttext\tlabel\n\"a\tb\"\tc\tx\n".utf8))
        let result = try readAll([path])
        #expect(result.stream.formats == [.tsv])
        #expect(Array(result.records[0].fields.keys) == ["text", "text_2", "label"])
        #expect(result.records[0].fields["text"]?.stringValue == "a\tb")
        #expect(result.stream.diagnostics.count == 2)
    }

    @Test("an empty CSV file is noted")
    func emptyCSV() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("f.csv", "")
        let result = try readAll([path])
        #expect(result.records.isEmpty)
        #expect(result.stream.diagnostics.contains { $0.message.contains("empty") })
    }
}
