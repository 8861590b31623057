import Foundation
import SiftTestSupport
import Testing

@Suite("sift filter")
struct FilterCommandTests {
    static let goodDocument = """
    The river runs through the old town and past the market, where traders have sold fish since the \
    twelfth century. Visitors walk along the stone bridge to see the cathedral, which was rebuilt after \
    the great fire of 1666. The museum near the harbour holds maps, paintings and letters that describe \
    the life of the sailors who left from this port to trade with distant countries.
    In summer the festival fills the square with music, and local families open their gardens to guests. \
    Most of them cook for hours. The evenings end with songs by the water.
    """

    static func record(_ id: String, _ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["id": id, "text": text])
        return String(decoding: data, as: UTF8.self)
    }

    @Test("kept + removed = input; removed records carry _sift.filter with rule, value, threshold and the other failures")
    func keptAndRemoved() throws {
        let dir = try TemporaryDirectory()
        let lines = [
            Self.record("good", Self.goodDocument),
            Self.record("short", "Too short to be a document."),
            Self.record("lorem", Self.goodDocument + "\nLorem ipsum dolor sit amet, consectetur adipiscing elit."),
            "{\"id\": \"broken\", \"text\": ",
        ]
        let input = try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let run = try SiftProcess.run(["filter", input, "--out", dir.path("kept.jsonl"), "--removed", dir.path("removed.jsonl"),
                                       "--rules", "gopher-quality,gopher-repetition,c4,fineweb", "--json", dir.path("report.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let kept = try readJSONLines(dir.path("kept.jsonl"))
        let removed = try readJSONLines(dir.path("removed.jsonl"))
        #expect(kept.map { $0["id"] as? String } == ["good"])
        #expect(kept.first?["_sift"] == nil)
        #expect(removed.count == 3)
        let short = try #require(removed.first { $0["id"] as? String == "short" })
        let filter = try #require((short["_sift"] as? [String: Any])?["filter"] as? [String: Any])
        #expect(filter["rule"] as? String == "gopher-quality.min_doc_words")
        #expect(filter["value"] as? Int == 6)
        #expect(filter["threshold"] as? Int == 50)
        let also = try #require(filter["also"] as? [[String: Any]])
        #expect(also.contains { $0["rule"] as? String == "c4.min_num_sentences" })
        let lorem = try #require(removed.first { $0["id"] as? String == "lorem" })
        #expect(((lorem["_sift"] as? [String: Any])?["filter"] as? [String: Any])?["rule"] as? String == "c4.lorem_ipsum")
        let broken = try #require(removed.first { $0["raw"] != nil })
        #expect((broken["raw"] as? String)?.hasPrefix("{\"id\": \"broken\"") == true)

        let report = try readJSONObject(dir.path("report.json"))
        #expect(report["input"] as? Int == 4)
        #expect(report["kept"] as? Int == 1)
        #expect(report["removed"] as? Int == 3)
        #expect(report["malformed"] as? Int == 1)
        let rules = try #require(report["rules"] as? [String: [String: Any]])
        #expect(rules["gopher-quality.min_doc_words"]?["first"] as? Int == 1)
        #expect(rules["c4.min_num_sentences"]?["total"] as? Int == 1)
        #expect(rules["malformed"]?["first"] as? Int == 1)
        let firsts = rules.values.compactMap { $0["first"] as? Int }.reduce(0, +)
        #expect(firsts == 3, "every removed record is attributed to exactly one rule")
    }

    @Test("kept JSON Lines records are written as their lines, byte for byte; CSV rows as compact JSON")
    func keptLinesUnchanged() throws {
        let dir = try TemporaryDirectory()
        let escaped = Self.goodDocument.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "river", with: "r\\u0069ver")
        let kept = [
            "{ \"text\" : \"\(escaped)\",   \"id\": \"spaced\", \"score\": 1.50e0 }",
            "{\"id\":\"compact\",\"text\":\"\(escaped)\"}\r",
        ]
        let input = try dir.write("in.jsonl", (kept + [Self.record("short", "Too short.")]).joined(separator: "\n") + "\n")
        let run = try SiftProcess.run(["filter", input, "--out", dir.path("kept.jsonl"), "--removed", dir.path("removed.jsonl")])
        #expect(run.status == 0, "\(run.stderr)")
        // The CRLF line's carriage return is its line break, not part of the record.
        #expect(try String(contentsOfFile: dir.path("kept.jsonl"), encoding: .utf8) == kept[0] + "\n" + kept[1].dropLast() + "\n")
        #expect(try readJSONLines(dir.path("removed.jsonl")).map { $0["id"] as? String } == ["short"])

        let csv = try dir.write("in.csv", "id,text\nrow,\"\(Self.goodDocument.replacingOccurrences(of: "\n", with: " "))\"\n")
        let csvRun = try SiftProcess.run(["filter", csv, "--out", dir.path("kept-csv.jsonl")])
        #expect(csvRun.status == 0, "\(csvRun.stderr)")
        let written = try String(contentsOfFile: dir.path("kept-csv.jsonl"), encoding: .utf8)
        #expect(written.hasPrefix("{\"id\":\"row\",\"text\":\"The river"))
    }

    @Test("--set changes a threshold; output order and content do not depend on the thread count")
    func overridesAndDeterminism() throws {
        let dir = try TemporaryDirectory()
        var lines: [String] = []
        for i in 0..<300 {
            let text = i % 3 == 0 ? "Short text for entry." : Self.goodDocument + " Entry \(i)."
            lines.append(Self.record("r\(i)", text))
        }
        let input = try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        var outputs: [String] = []
        for threads in ["1", "2"] {
            let run = try SiftProcess.run(["filter", input, "--out", dir.path("kept-\(threads).jsonl"), "--removed", dir.path("removed-\(threads).jsonl"),
                                           "--rules", "gopher-quality", "--json", dir.path("report-\(threads).json")],
                                          environment: ["SIFT_THREADS": threads])
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(try dir.read("kept-\(threads).jsonl") + "|" + dir.read("removed-\(threads).jsonl"))
        }
        #expect(outputs[0] == outputs[1])
        #expect(try readJSONObject(dir.path("report-1.json"))["kept"] as? Int == 200)

        let relaxed = try SiftProcess.run(["filter", input, "--out", dir.path("relaxed.jsonl"), "--rules", "gopher-quality",
                                           "--set", "gopher-quality.min_doc_words=3", "--set", "gopher-quality.min_stop_words=off"])
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
        #expect(try readJSONLines(dir.path("relaxed.jsonl")).count == 300)
    }

    @Test("instruction rules on chat data; usage errors for unknown rules and parameters")
    func instructionAndErrors() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("chat.jsonl", """
        {"id": "ok", "messages": [{"role": "user", "content": "Name a primary colour."}, {"role": "assistant", "content": "Red is a primary colour."}]}
        {"id": "refusal", "messages": [{"role": "user", "content": "Tell me a joke."}, {"role": "assistant", "content": "I'm sorry, but I can't help with that."}]}
        {"id": "order", "messages": [{"role": "user", "content": "Hi"}, {"role": "user", "content": "Anyone there?"}, {"role": "assistant", "content": "Yes, I am here."}]}

        """)
        let run = try SiftProcess.run(["filter", input, "--out", dir.path("kept.jsonl"), "--removed", dir.path("removed.jsonl"), "--rules", "instruction"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try readJSONLines(dir.path("kept.jsonl")).map { $0["id"] as? String } == ["ok"])
        let rules = try readJSONLines(dir.path("removed.jsonl")).map { (($0["_sift"] as? [String: Any])?["filter"] as? [String: Any])?["rule"] as? String }
        #expect(rules == ["instruction.refusal", "instruction.role_order"])
        #expect(run.stdout.contains("instruction.refusal"))

        let unknown = try SiftProcess.run(["filter", input, "--out", dir.path("x.jsonl"), "--rules", "gopher,c4"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown rule set 'gopher'"))
        let parameter = try SiftProcess.run(["filter", input, "--out", dir.path("x.jsonl"), "--rules", "c4", "--set", "c4.min_sentences=2"])
        #expect(parameter.status == 64)
        #expect(parameter.stderr.contains("c4.min_sentences"))
        let text = try dir.write("text.jsonl", "{\"text\": \"plain\"}\n")
        let wrongKind = try SiftProcess.run(["filter", text, "--out", dir.path("x.jsonl"), "--rules", "instruction"])
        #expect(wrongKind.status == 65)
    }
}
