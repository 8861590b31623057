import Foundation
import Testing
import SiftCore
import SiftTestSupport
@testable import SiftStats

/// `sift stats` reads JSON Lines straight from the bytes (`StatsLineReader`) and decodes with
/// `JSONParser` only the lines the reader declines; both ways must give the same report.
@Suite("Stats read from the bytes against the decoded records")
struct StatsLineReaderTests {
    /// Everything an accumulator holds that reaches the report.
    func summary(_ a: StatsAccumulator) -> String {
        var out = "records \(a.records) malformed \(a.malformedCount) without-label \(a.recordsWithoutLabel) label-field \(a.labelField ?? "-")\n"
        for (name, stats) in a.fields {
            out += "field \(name) \(stats.present) \(stats.empty) \(stats.types.sorted { $0.key < $1.key })\n"
        }
        for (name, d) in a.textLengths {
            out += "text \(name) \(d.count) \(d.maxCharacters) \(d.maxWords) \(d.meanCharacters) \(d.meanWords) "
            out += "\([5.0, 50, 95].map { "\(d.characters(atPercentile: $0))/\(d.words(atPercentile: $0))" })\n"
        }
        out += "turns \(a.turns.count) \(a.turns.maxCharacters) \(a.turns.meanCharacters)\n"
        out += "labels \(a.labels.sorted { $0.key < $1.key })\n"
        return out
    }

    @Test("line by line: a line read from its bytes counts exactly as its decoded record", arguments: [
        (DatasetKind.chat, AdversarialJSON.Shape.chat), (.sharegpt, .sharegpt), (.text, .document),
        (.classification, .document), (.ragDocument, .document), (.unknown, .chat),
    ])
    func perLine(kind: DatasetKind, shape: AdversarialJSON.Shape) throws {
        var generator = AdversarialJSON(seed: UInt64(kind.rawValue.utf8.count * 31 + 5))
        var fast = StatsAccumulator(kind: kind)
        var plain = StatsAccumulator(kind: kind)
        var reader = StatsLineReader(kind: kind, maxDepth: JSONParser.defaultMaxDepth)
        var readFromBytes = 0
        var records = 0
        for _ in 0..<3_000 {
            let line = generator.line(shape)
            guard case .object(let fields)? = try? JSONParser.parse(line) else {
                let read = line.withUnsafeBufferPointer { reader.add($0, to: &fast) }
                #expect(!read, "read a line the parser rejects: \(String(decoding: line, as: UTF8.self))")
                continue
            }
            records += 1
            let record = Record(fields: fields, location: RecordLocation(fileID: 0, line: records, index: 0))
            let before = summary(fast)
            plain.add(record)
            if line.withUnsafeBufferPointer({ reader.add($0, to: &fast) }) {
                readFromBytes += 1
            } else {
                #expect(summary(fast) == before, "a declined line changed the accumulator")
                fast.add(record)
            }
            #expect(summary(fast) == summary(plain), "diverged at \(String(decoding: line, as: UTF8.self))")
            if summary(fast) != summary(plain) { return }
        }
        #expect(records > 1_000)
        // Most valid records take the fast way; the rest are the shapes it leaves to the parser.
        #expect(readFromBytes > records / 2)
    }

    @Test("whole files: the same report read from the bytes or decoded, on 1 and 2 threads")
    func wholeFiles() throws {
        let directory = try TemporaryDirectory()
        for (index, shape) in AdversarialJSON.Shape.allCases.enumerated() {
            var generator = AdversarialJSON(seed: 99 + UInt64(index))
            var text: [UInt8] = []
            for i in 0..<4_000 {
                // Mostly well-formed lines, so that the detected kind is the shape's.
                text += i % 10 == 0 ? generator.line(shape) : generator.record(shape).map { $0 == 0x0A ? 0x20 : $0 }
                text += i % 500 == 0 ? [0x0D, 0x0A, 0x0A] : [0x0A]
            }
            let path = try directory.write("data-\(index).jsonl", bytes: text)
            var reports: [String] = []
            for threads in [1, 2] {
                for readingLines in [true, false] {
                    let stream = try DatasetStream(paths: [path], options: ReadOptions(chunkBytes: 1 << 14, threads: threads))
                    let stats = try StatsCollector.collect(stream, kind: nil, strict: false, readingLines: readingLines)
                    reports.append(JSONWriter(style: .pretty).string(stats.json))
                }
            }
            #expect(reports.allSatisfy { $0 == reports[0] }, "shape \(shape)")
        }
    }
}
