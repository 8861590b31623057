import Foundation
import Testing
import SiftCore
import SiftTestSupport
@testable import SiftStats

/// `sift stats` reads Parquet from its columns (`StatsColumnReader`) and assembles records only
/// for the rows it declines; both ways must give the same report.
@Suite("Stats read from Parquet columns against the assembled records")
struct StatsColumnReaderTests {
    enum Shape: String, CaseIterable {
        /// Chat with null, empty and odd conversations: null elements, roles and contents.
        case chat
        case sharegpt
        /// Documents with a text field that is sometimes null or blank, and an integer label.
        case document
        /// Chat whose content is sometimes a list of parts: the column is JSON text, read as records.
        case multimodal
    }

    static func text(_ random: inout SplitMix64) -> JSONValue {
        switch Int.random(in: 0..<12, using: &random) {
        case 0: return nil
        case 1: return "  \n\u{3000}"
        case 2: return ""
        default: return .string(RandomText.make(&random, pieces: ["hello", "assistant", " \u{2028} "], length: Int.random(in: 1..<120, using: &random)))
        }
    }

    static func conversation(_ random: inout SplitMix64, roleKey: String, contentKey: String, parts: Bool) -> JSONValue {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return nil
        case 1: return []
        default: break
        }
        let roles: [JSONValue] = ["user", "assistant", "system", "human", "gpt", "Model", "tool", "", nil, "ASSISTANT"]
        var turns: [JSONValue] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            if Int.random(in: 0..<15, using: &random) == 0 {
                turns.append(nil)
                continue
            }
            var content = text(&random)
            if parts, Int.random(in: 0..<4, using: &random) == 0 { content = [["type": "text", "text": content]] }
            turns.append([roleKey: roles.randomElement(using: &random)!, contentKey: content])
        }
        return .array(turns)
    }

    static func record(_ shape: Shape, _ i: Int, _ random: inout SplitMix64) -> JSONValue {
        let label: JSONValue = Int.random(in: 0..<6, using: &random) == 0 ? nil : .string(["yes", "no", "maybe"].randomElement(using: &random)!)
        switch shape {
        case .chat:
            return ["id": .string("c\(i)"), "messages": conversation(&random, roleKey: "role", contentKey: "content", parts: false),
                    "label": label, "source": Bool.random(using: &random) ? "web" : nil]
        case .sharegpt:
            return ["id": .string("s\(i)"), "conversations": conversation(&random, roleKey: "from", contentKey: "value", parts: false)]
        case .document:
            return ["id": .number(String(i)), "text": text(&random), "title": text(&random),
                    "label": Bool.random(using: &random) ? .number(String(i % 3)) : nil]
        case .multimodal:
            return ["id": .string("m\(i)"), "messages": conversation(&random, roleKey: "role", contentKey: "content", parts: true)]
        }
    }

    func write(_ shape: Shape, in directory: TemporaryDirectory) throws -> String {
        var random = SplitMix64(seed: UInt64(shape.rawValue.utf8.count) * 7919)
        let path = directory.path("\(shape.rawValue).parquet")
        // Small row groups, so that batches end at row group boundaries too.
        let writer = try DatasetWriter(path: path, compression: .zstd, rowGroupBytes: 1 << 16)
        try writer.write(contentsOf: (0..<3_000).map { Self.record(shape, $0, &random) })
        try writer.close()
        return path
    }

    @Test("whole files: the same report from the columns or from records, on 1 and 2 threads", arguments: Shape.allCases)
    func sameReport(_ shape: Shape) throws {
        let directory = try TemporaryDirectory()
        let path = try write(shape, in: directory)
        var reports: [String] = []
        for threads in [1, 2] {
            for readingColumns in [true, false] {
                let stream = try DatasetStream(paths: [path], options: ReadOptions(chunkBytes: 1 << 14, threads: threads))
                let stats = try StatsCollector.collect(stream, kind: nil, strict: false, readingLines: readingColumns)
                #expect(stats.records == 3_000)
                reports.append(JSONWriter(style: .pretty).string(stats.json))
            }
        }
        #expect(reports.allSatisfy { $0 == reports[0] }, "shape \(shape)")
    }

    @Test("well-formed conversations and documents are read from the columns; list content is left to the records", arguments: Shape.allCases)
    func readsColumns(_ shape: Shape) throws {
        let directory = try TemporaryDirectory()
        let path = try write(shape, in: directory)
        let stream = try DatasetStream(paths: [path], options: ReadOptions(chunkBytes: 1 << 14, threads: 1))
        let kind = try stream.detectKind()
        let reader = StatsColumnReader(kind: kind)
        var batches = 0, read = 0
        while let chunk = try stream.nextChunk() {
            guard case .columns(let rows) = chunk else { continue }
            batches += 1
            if let partials = reader.partials(rows, threads: 2) {
                read += 1
                #expect(partials.reduce(0) { $0 + $1.records } == rows.rowCount)
            }
        }
        #expect(batches > 3)
        #expect(read == (shape == .multimodal ? 0 : batches))
    }

    @Test("every file of the parquet-testing corpus: the same report from the columns or from records",
          .enabled(if: ParquetTesting.data != nil, Comment(rawValue: ParquetTesting.missing)))
    func corpus() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ParquetTesting.data!).filter { $0.hasSuffix(".parquet") }.sorted()
        #expect(names.count > 50)
        for name in names {
            var reports: [String] = []
            for readingColumns in [true, false] {
                let stream = try DatasetStream(paths: [ParquetTesting.file(name)!], options: ReadOptions(chunkBytes: 1 << 12, threads: 2))
                let stats = try StatsCollector.collect(stream, kind: nil, strict: false, readingLines: readingColumns)
                reports.append(JSONWriter(style: .pretty).string(stats.json))
            }
            #expect(reports[0] == reports[1], "\(name)")
        }
    }
}
