import Foundation
import SiftTestSupport
import Testing

@Suite("sift stats")
struct StatsCommandTests {
    @Test("reports records, kind, fields and malformed lines as JSON")
    func jsonReport() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("data.jsonl", """
        {"text": "great product", "label": "positive"}
        {"text": "broken on arrival", "label": "negative"
        {"text": "", "label": "negative"}

        """)
        let run = try SiftProcess.run(["stats", input, "--json", dir.path("report.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try readJSONObject(dir.path("report.json"))
        #expect(report["records"] as? Int == 2)
        #expect(report["kind"] as? String == "classification")
        let fields = try #require(report["fields"] as? [String: Any])
        let text = try #require(fields["text"] as? [String: Any])
        #expect(text["present"] as? Int == 2)
        #expect(text["empty"] as? Int == 1)
        #expect((text["types"] as? [String: Int])?["string"] == 2)
        let malformed = try #require(report["malformed"] as? [[String: Any]])
        #expect(malformed.count == 1)
        #expect(malformed.first?["line"] as? Int == 2)
        #expect(malformed.first?["file"] as? String == input)
    }

    @Test("hundreds of shards read under a limit of 64 open files: one descriptor at a time")
    func manyShards() throws {
        let dir = try TemporaryDirectory()
        let shards = try (0..<300).map { i in
            try dir.write(String(format: "shard-%03d.jsonl", i), "{\"text\": \"shard \(i) a\"}\n{\"text\": \"shard \(i) b\"}\n")
        }
        let run = try SiftProcess.run(["stats"] + shards + ["--json", dir.path("report.json")], openFileLimit: 64)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try readJSONObject(dir.path("report.json"))
        #expect(report["records"] as? Int == 600)
    }

    @Test("--strict stops at the first malformed record with status 65")
    func strict() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("data.jsonl", "{\"text\": \"ok\"}\nnot json\n")
        let run = try SiftProcess.run(["stats", input, "--strict"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("data.jsonl:2"))
    }

    @Test("a missing file and a directory are clear errors with status 66")
    func missingInputs() throws {
        let dir = try TemporaryDirectory()
        let missing = try SiftProcess.run(["stats", dir.path("nope.jsonl")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.jsonl: no such file"))
        let directory = try SiftProcess.run(["stats", dir.url.path])
        #expect(directory.status == 66)
        #expect(directory.stderr.contains("is a directory"))
    }
}
