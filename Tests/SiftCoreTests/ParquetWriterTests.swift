import Foundation
import SiftColumnar
import SiftTestSupport
import Testing
@testable import SiftCore

@Suite("Writing Parquet")
struct ParquetWriterTests {
    static let records: [JSONValue] = [
        ["id": 1, "text": "héllo", "messages": [["role": "user", "content": "hi"], ["role": "assistant", "content": nil]],
         "score": 0.5, "meta": ["source": "web", "tags": ["a", "b"]]],
        ["id": 2, "text": "", "messages": [], "score": 3, "flag": true],
        ["id": 3, "text": nil, "meta": ["source": "book", "tags": []], "mixed": 1],
        ["id": 4, "text": "x", "mixed": "one", "empty": [:]],
    ]

    /// `value` read back from Parquet: fields a record lacked come back as null.
    static func same(_ got: JSONValue, _ want: JSONValue) -> Bool {
        switch (got, want) {
        case (.object(let g), .object(let w)):
            for (k, v) in g where w[k] == nil { if !v.isNull, !(v.objectValue?.values.allSatisfy(\.isNull) ?? false) { return false } }
            return w.allSatisfy { k, v in g[k].map { same($0, v) } ?? false }
        case (.array(let g), .array(let w)):
            return g.count == w.count && zip(g, w).allSatisfy { same($0, $1) }
        case (.number(let g), .number(let w)):
            return Double(g) == Double(w)
        default:
            return got == want
        }
    }

    @Test("records round-trip through every codec: nested lists and structs, nulls, a JSON column for mixed types", arguments: ParquetCompression.allCases)
    func roundTrip(_ compression: ParquetCompression) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("out.parquet")
        let writer = try DatasetWriter(path: path, compression: compression)
        try writer.write(contentsOf: Self.records)
        try writer.close()
        let back = try readAll([path])
        #expect(back.malformed.isEmpty)
        #expect(back.records.count == Self.records.count)
        for (record, want) in zip(back.records, Self.records) {
            #expect(Self.same(.object(record.fields), want), "\(record.fields) vs \(want)")
        }
        let file = try ParquetFile(path: path)
        let mixed = try #require(file.schema.columns.first { $0.path == ["mixed"] })
        #expect(mixed.element.logicalType == .json)
        #expect(file.schema.columns.first { $0.path == ["score"] }?.type == .double)
        #expect(file.metadata.rowGroups[0].columns[0].metaData?.codec == compression.codecRawValue)
        #expect(file.metadata.rowGroups[0].columns[0].metaData?.statistics?.minValue != nil)
    }

    @Test("a later row group that needs a wider schema rewrites the earlier ones")
    func widening() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("wide.parquet")
        let writer = try DatasetWriter(path: path, compression: .snappy, rowGroupBytes: 200)
        var written: [JSONValue] = []
        for i in 0..<40 { written.append(["id": .integer(i), "n": .integer(i)]) }
        written.append(["id": 40, "n": 2.5, "new": "field"])
        written.append(["id": 41, "n": "text now"])
        try writer.write(contentsOf: written)
        try writer.close()
        let file = try ParquetFile(path: path)
        #expect(file.rowGroupCount > 2)
        #expect(file.schema.columns.map(\.dottedPath) == ["id", "n", "new"])
        #expect(file.schema.columns[1].element.logicalType == .json)
        let back = try readAll([path])
        #expect(back.records.count == written.count)
        for (record, want) in zip(back.records, written) { #expect(Self.same(.object(record.fields), want)) }
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())-1"))
    }

    @Test("dictionary pages for repetitive strings, PLAIN for text that does not repeat")
    func dictionary() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("dict.parquet")
        let writer = try DatasetWriter(path: path, compression: .uncompressed)
        for i in 0..<2000 {
            try writer.write(["label": .string(["pos", "neg"][i % 2]), "text": .string("document number \(i) with its own words")])
        }
        try writer.close()
        let file = try ParquetFile(path: path)
        let columns = file.metadata.rowGroups[0].columns.compactMap(\.metaData)
        #expect(columns[0].dictionaryPageOffset != nil)
        #expect(columns[1].dictionaryPageOffset == nil)
        #expect(columns[0].totalCompressedSize < 1000)
        let back = try readAll([path])
        #expect(back.records[1999].fields["label"] == "neg")
    }

    @Test("a folder of part files with key=value folders reads as one dataset with those fields")
    func partitions() throws {
        let dir = try TemporaryDirectory()
        for (year, lang) in [(2023, "en"), (2024, "de"), (2024, "en")] {
            let folder = dir.path("data/year=\(year)/lang=\(lang)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let writer = try DatasetWriter(path: folder + "/part-0.parquet")
            try writer.write(["text": .string("\(year) \(lang)")])
            try writer.close()
        }
        try dir.write("data/_SUCCESS", "")
        let result = try readAll([dir.path("data")])
        #expect(result.records.map { $0.fields["text"] } == ["2023 en", "2024 de", "2024 en"])
        #expect(result.records[0].fields["year"] == 2023)
        #expect(result.records[2].fields["lang"] == "en")
        #expect(Array(result.records[0].fields.keys) == ["text", "year", "lang"])
    }

    @Test("a Hugging Face datasets folder: every split, or one with --split")
    func datasetsFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/chat-datasetdict").path
        let all = try readAll([folder])
        #expect(all.records.map { $0.fields["id"] } == [1, 2, 3, 4])
        #expect(all.records[0].fields["messages"] == [["role": "user", "content": "Where is my order?"], ["role": "assistant", "content": "It ships tomorrow."]])
        #expect(all.records[1].fields["label"] == .null)
        #expect(all.records[2].fields["messages"] == [])
        #expect(all.stream.formats == [.arrow, .arrow])
        var options = ReadOptions()
        options.split = "test"
        let test = try readAll([folder], options: options)
        #expect(test.records.map { $0.fields["label"] } == ["greeting"])
        options.split = "validation"
        #expect(throws: SiftError.self) { try readAll([folder], options: options) }
        #expect(try DatasetStream(paths: [folder]).detectKind() == .chat)
    }
}

extension ParquetCompression {
    var codecRawValue: Int32 {
        switch self {
        case .uncompressed: return 0
        case .snappy: return 1
        case .gzip: return 2
        case .zstd: return 6
        }
    }
}
