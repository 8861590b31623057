import Foundation
import SiftTestSupport
import Testing

@Suite("sift dedup")
struct DedupCommandTests {
    static let input = """
    {"id": "a", "text": "The committee met on Tuesday to review the budget for the new library and agreed to fund the reading room."}
    {"id": "b", "text": "THE COMMITTEE met on Tuesday to review the budget for the new library and agreed to fund the reading room."}
    {"id": "c", "text": "The committee met on Tuesday to review the budget for the new library and agreed to fund the reading room and the garden."}
    {"id": "d", "text": ""}
    {"id": "e", "title": "no text"}
    {"id": "f", "text": "Rain is expected across the northern valleys tonight with clearing skies by the weekend."}
    {"id": "g", "text": "
    """

    @Test("writes kept and removed records and a JSON report whose counts add up")
    func endToEnd() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("in.jsonl", Self.input + "\n")
        let run = try SiftProcess.run(["dedup", input, "--out", dir.path("kept.jsonl"), "--removed", dir.path("removed.jsonl"),
                                       "--threshold", "0.7", "--json", dir.path("report.json")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("kept       4"))
        #expect(run.stdout.contains("4 kept + 2 removed + 1 malformed = 7 read"))
        #expect(run.stderr.contains("warning: 1 records have no document text"))
        let kept = try readJSONLines(dir.path("kept.jsonl"))
        #expect(kept.map { $0["id"] as? String } == ["a", "d", "e", "f"])
        let removed = try readJSONLines(dir.path("removed.jsonl"))
        let annotations = removed.compactMap { ($0["_sift"] as? [String: Any])?["dedup"] as? [String: Any] }
        #expect(annotations.map { $0["reason"] as? String } == ["exact", "near"])
        #expect(annotations.allSatisfy { $0["duplicate_of"] as? String == "a" && $0["cluster"] as? Int == 1 })
        let rejected = try #require((removed.last?["_sift"] as? [String: Any])?["reject"] as? [String: Any])
        #expect(rejected["line"] as? Int == 7)

        let report = try readJSONObject(dir.path("report.json"))
        #expect(report["counts_add_up"] as? Bool == true)
        let output = try #require(report["output"] as? [String: Any])
        #expect(output["kept"] as? Int == 4)
        #expect(output["removed"] as? Int == 2)
        #expect(output["rejected_malformed"] as? Int == 1)
        #expect((report["blank_texts"] as? [String: Any])?["records"] as? [String] == ["d"])
        #expect((report["without_text"] as? [String: Any])?["records"] as? [String] == ["e"])
        let parameters = try #require(report["parameters"] as? [String: Any])
        #expect(parameters["bands"] as? Int == 20 && parameters["rows"] as? Int == 6)
    }

    @Test("outputs are byte-identical with one and two threads and across runs")
    func deterministic() throws {
        let dir = try TemporaryDirectory()
        var lines: [String] = []
        let words = ["river", "stone", "light", "garden", "window", "market", "winter", "signal", "harbor", "paper", "engine", "forest"]
        var state: UInt64 = 17
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for i in 0..<300 {
            var text = (0..<60).map { _ in words[next() % words.count] }
            if i % 3 == 1, let previous = lines.last.flatMap({ $0.split(separator: "\"").dropLast().last }) {
                text = previous.split(separator: " ").map(String.init)
                text[next() % text.count] = "edited"
            }
            lines.append("{\"id\": \"r\(i)\", \"text\": \"\(text.joined(separator: " "))\"}")
        }
        let input = try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        var outputs: [String] = []
        for (run, threads) in ["1", "2", "2"].enumerated() {
            let result = try SiftProcess.run(["dedup", input, "--out", dir.path("k\(run).jsonl"), "--removed", dir.path("r\(run).jsonl"),
                                              "--json", dir.path("j\(run).json")], environment: ["SIFT_THREADS": threads])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try dir.read("k\(run).jsonl") + dir.read("r\(run).jsonl") + dir.read("j\(run).json"))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[1] == outputs[2])
        #expect(try dir.read("r0.jsonl").contains("\"reason\":\"near\""))
    }

    @Test("bad usage and bad input give clear errors and sysexits statuses")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("in.jsonl", "{\"title\": \"no text\"}\n{\"title\": \"none either\"}\n")
        let noText = try SiftProcess.run(["dedup", input])
        #expect(noText.status == 65)
        #expect(noText.stderr.contains("no record has document text"))
        #expect(noText.stderr.contains("--field"))
        let missing = try SiftProcess.run(["dedup", dir.path("nope.jsonl")])
        #expect(missing.status == 66)
        let stdin = try SiftProcess.run(["dedup", "-"], stdin: "{\"text\": \"x\"}\n")
        #expect(stdin.status == 64)
        #expect(stdin.stderr.contains("not standard input"))
        let bands = try SiftProcess.run(["dedup", input, "--bands", "4"])
        #expect(bands.status == 64)
        #expect(bands.stderr.contains("--bands and --rows go together"))
        let threshold = try SiftProcess.run(["dedup", input, "--threshold", "1.5"])
        #expect(threshold.status == 64)
        let field = try SiftProcess.run(["dedup", input, "--field", "title", "--method", "exact", "--json", "-"])
        #expect(field.status == 0, "\(field.stderr)")
        #expect(field.stdout.contains("\"counts_add_up\": true"))
    }
}
