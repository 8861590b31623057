import Foundation
import SiftTestSupport
import Testing
@testable import SiftCore

/// Converting JSON Lines to Parquet shreds most lines straight from their bytes
/// (`RecordShredder.add(line:)`). The contract: the file is byte for byte the one the record path
/// writes from the records `JSONParser` makes, and the same lines are reported malformed.
@Suite("Writing Parquet straight from JSON Lines")
struct ParquetLineShreddingTests {
    /// Writes `lines` to Parquet through `write(lines:)` and through `write(records:)`; returns
    /// both files' bytes, both malformed lists and how many lines were shredded from their bytes.
    func bothWays(_ lines: [[UInt8]], rowGroupBytes: Int) throws -> (lines: Data, records: Data, linesMalformed: [String],
                                                                        recordsMalformed: [String], shredded: Int) {
        let dir = try TemporaryDirectory()
        let input = dir.path("in.jsonl")
        try Data(lines.joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: input))

        let fromLines = try DatasetWriter(path: dir.path("lines.parquet"), compression: .snappy, rowGroupBytes: rowGroupBytes)
        var linesMalformed: [String] = []
        let stream = try DatasetStream(paths: [input])
        var written = 0
        while let chunk = try stream.nextChunk() {
            guard case .lines(let raw) = chunk else {
                Issue.record("JSON Lines should come as lines")
                break
            }
            written += try fromLines.write(lines: raw) { linesMalformed.append($0.description) }
        }
        try fromLines.close()

        let fromRecords = try DatasetWriter(path: dir.path("records.parquet"), compression: .snappy, rowGroupBytes: rowGroupBytes)
        let read = try readAll([input])
        try fromRecords.write(records: read.records)
        try fromRecords.close()
        #expect(written == read.records.count)
        return (try Data(contentsOf: URL(fileURLWithPath: dir.path("lines.parquet"))),
                try Data(contentsOf: URL(fileURLWithPath: dir.path("records.parquet"))),
                linesMalformed, read.malformed.map(\.description), fromLines.shreddedLines)
    }

    /// Chat records that keep one schema, written every way JSON allows: keys in any order or
    /// missing, nulls, empty lists, escapes and non-ASCII text, integers where the schema has
    /// doubles, whitespace between tokens.
    struct SteadyRecords {
        var random: AdversarialJSON

        mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

        mutating func space() -> String { ["", " ", "  ", "\t", " \r "][below(5)] }

        mutating func member(_ key: String, _ value: String) -> String? {
            switch below(10) {
            case 0: return nil
            case 1: return "\"\(key)\"\(space()):\(space())null"
            default: return "\"\(key)\"\(space()):\(space())\(value)"
            }
        }

        mutating func object(_ members: [(String, String)]) -> String {
            var present = members.compactMap { member($0.0, $0.1) }
            // An empty object is not a struct the schema holds: keep one member.
            if present.isEmpty { present = ["\"\(members[0].0)\":\(members[0].1)"] }
            if below(4) == 0 { present.shuffle(using: &random) }
            return "{" + space() + present.joined(separator: "," + space()) + space() + "}"
        }

        mutating func text() -> String { String(decoding: random.string(valid: true), as: UTF8.self) }

        mutating func line(_ i: Int) -> [UInt8] {
            var messages: [String] = []
            for _ in 0..<below(4) {
                messages.append(below(12) == 0 ? "null" : object([("role", ["\"user\"", "\"assistant\"", "\"system\""][below(3)]),
                                                                  ("content", text())]))
            }
            let score = ["0.5", "3", "-2.5E-3", "1e10", "0", "-0", "12.0"][below(7)]
            let tags = "[" + (0..<below(3)).map { _ in below(8) == 0 ? "null" : text() }.joined(separator: ",") + "]"
            let meta = object([("source", text()), ("n", String(below(1000) - 500)), ("ok", below(2) == 0 ? "true" : "false")])
            return Array(object([("id", String(i)), ("text", text()), ("messages", "[" + messages.joined(separator: ",") + "]"),
                                 ("score", score), ("tags", tags), ("meta", meta)]).utf8)
        }
    }

    @Test("steady records: the same file as the record path, nearly every line shredded from its bytes",
          arguments: [300, 4_000, 1 << 20])
    func steady(rowGroupBytes: Int) throws {
        var records = SteadyRecords(random: AdversarialJSON(seed: UInt64(rowGroupBytes)))
        // The first record has every field, so the first row group's schema holds them all.
        var lines: [[UInt8]] = [Array(#"{"id":0,"text":"t","messages":[{"role":"user","content":"c"}],"score":0.5,"tags":["a"],"meta":{"source":"s","n":1,"ok":true}}"#.utf8)]
        for i in 1..<1_500 { lines.append(records.line(i)) }
        let both = try bothWays(lines, rowGroupBytes: rowGroupBytes)
        #expect(both.lines == both.records)
        #expect(both.linesMalformed.isEmpty && both.recordsMalformed.isEmpty)
        // The first row group's lines too, kept as bytes until its schema is known.
        #expect(both.shredded > 1_400)
    }

    @Test("lines the schema does not hold: new fields, other types, repeated keys, JSON columns, malformed lines")
    func deviations() throws {
        var records = SteadyRecords(random: AdversarialJSON(seed: 7))
        let odd: [String] = [
            #"{"id":1,"text":"x","extra":"a new field"}"#,
            #"{"id":"two","text":"an id that is now a string"}"#,
            #"{"id":3,"id":4,"text":"a repeated key"}"#,
            #"{"id":5,"meta":{}}"#,
            #"{"id":6,"meta":{"source":"s","deeper":{"a":1}}}"#,
            #"{"id":7,"score":123456789012345678901234567890}"#,
            #"{"id":8,"messages":{"role":"not a list"}}"#,
            #"{"id":9,"tags":[1,2]}"#,
            #"{"id":10,"text":"\ud800 lone surrogate"}"#,
            #"{"id":11,"te\u0078t":"an escaped key"}"#,
            #"["not","an","object"]"#,
            #"{"id":12,"text":"unterminated}"#,
            #"{"id":13,"text":"trailing"} x"#,
            #"{"id":14,"score":1.5e400}"#,
            "",
        ]
        var lines: [[UInt8]] = [Array(#"{"id":0,"text":"t","messages":[{"role":"user","content":"c"}],"score":0.5,"tags":["a"],"meta":{"source":"s","n":1,"ok":true}}"#.utf8)]
        for i in 1..<1_200 {
            lines.append(i % 40 == 0 ? Array(odd[(i / 40) % odd.count].utf8) : records.line(i))
        }
        for rowGroupBytes in [500, 20_000] {
            let both = try bothWays(lines, rowGroupBytes: rowGroupBytes)
            #expect(both.lines == both.records, "row groups of \(rowGroupBytes) bytes")
            #expect(both.linesMalformed == both.recordsMalformed)
            #expect(!both.linesMalformed.isEmpty)
            #expect(both.shredded > 100)
        }
    }

    @Test("adversarial lines of every shape: the same file and the same malformed lines")
    func adversarial() throws {
        for seed in 0..<3 {
            var generator = AdversarialJSON(seed: UInt64(100 + seed))
            let lines = (0..<300).map { generator.line(AdversarialJSON.Shape.allCases[($0 / 100) % 3]) }
            let both = try bothWays(lines.filter { !$0.contains(0x0A) }, rowGroupBytes: 2_000)
            #expect(both.lines == both.records, "seed \(seed)")
            #expect(both.linesMalformed == both.recordsMalformed, "seed \(seed)")
        }
    }
}
