import Foundation
import Testing
import SiftCore
@testable import SiftStats

@Suite("Dataset statistics")
struct StatsCollectorTests {
    func stats(_ text: String, threads: [Int] = [2]) throws -> [DatasetStats] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-stats-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try threads.map { count in
            try StatsCollector.collect(DatasetStream(paths: [url.path], options: ReadOptions(chunkBytes: 64, threads: count)))
        }
    }

    func stats(_ text: String) throws -> DatasetStats { try stats(text, threads: [2])[0] }

    @Test("fields: presence, emptiness and types per field, in order of first appearance")
    func fields() throws {
        let s = try stats("""
        {"id": 1, "text": "a", "label": "x"}
        {"id": 2.5, "text": "  ", "label": null}
        {"id": "3", "text": "b c", "extra": []}
        """)
        #expect(s.records == 3)
        #expect(Array(s.fields.keys) == ["id", "text", "label", "extra"])
        #expect(s.fields["id"]?.types == ["integer": 1, "number": 1, "string": 1])
        #expect(s.fields["text"]?.empty == 1)
        #expect(s.fields["label"]?.present == 2)
        #expect(s.fields["label"]?.empty == 1)
        #expect(s.fields["extra"]?.empty == 1)
        #expect(s.kind == .classification)
    }

    @Test("length quantiles use the nearest-rank definition")
    func quantiles() throws {
        let lines = (1...100).map { "{\"text\": \"\(String(repeating: "a", count: $0))\", \"label\": \"\($0 % 4 == 0 ? "rare" : "common")\"}" }
        let s = try stats(lines.joined(separator: "\n") + "\n")
        let document = try #require(s.textLengths["document"])
        #expect(document.characters(atPercentile: 5) == 5)
        #expect(document.characters(atPercentile: 50) == 50)
        #expect(document.characters(atPercentile: 95) == 95)
        #expect(document.maxCharacters == 100)
        #expect(document.words(atPercentile: 50) == 1)
        #expect(s.labelDistribution.map(\.label) == ["common", "rare"])
        #expect(s.labels["rare"] == 25)
    }

    @Test("chat datasets measure prompts, responses and turns")
    func chat() throws {
        let s = try stats("""
        {"messages": [{"role": "user", "content": "one two"}, {"role": "assistant", "content": "three"}]}
        {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b c d"}, {"role": "user", "content": "e"}, {"role": "assistant", "content": "f"}]}
        """)
        #expect(s.kind == .chat)
        #expect(s.textLengths["prompt"]?.count == 2)
        #expect(s.textLengths["response"]?.maxWords == 1)
        #expect(s.turns.maxCharacters == 4)
    }

    @Test("records + malformed = lines, whatever the thread count")
    func countsAddUp() throws {
        var text = ""
        for i in 0..<2000 { text += i % 13 == 0 ? "{broken \(i)\n" : "{\"text\": \"t \(i)\"}\n" }
        let runs = try stats(text, threads: [1, 2])
        let (one, two) = (runs[0], runs[1])
        #expect(one.records + one.malformedCount == one.lines)
        #expect(one.malformedCount == 154)
        #expect(two.records == one.records)
        #expect(two.malformed.map(\.line) == one.malformed.map(\.line))
        #expect(JSONWriter().string(two.json) == JSONWriter().string(one.json), "reports differ between 1 and 2 threads")
    }

    @Test("the JSON report carries the contract keys")
    func jsonContract() throws {
        let s = try stats("{\"prompt\": \"p\", \"completion\": \"c\"}\nnope\n")
        let json = s.json
        #expect(json["records"] == 1)
        #expect(json["kind"] == "prompt_completion")
        #expect(json["fields"]?["prompt"]?["present"] == 1)
        #expect(json["fields"]?["prompt"]?["types"]?["string"] == 1)
        #expect(json["malformed"]?.arrayValue?.first?["line"] == 2)
        #expect(json["malformed"]?.arrayValue?.first?["error"]?.stringValue?.isEmpty == false)
    }
}
