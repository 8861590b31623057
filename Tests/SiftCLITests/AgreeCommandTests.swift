import Foundation
import SiftTestSupport
import Testing

@Suite("sift agree")
struct AgreeCommandTests {
    static let pilot = """
    item,annotator,label,created_at
    1,alice,pos,2024-03-04T10:00:00Z
    1,bob,pos,2024-03-04T11:00:00Z
    1,carol,neg,2024-03-05T09:00:00Z
    2,alice,neg,2024-03-04T10:05:00Z
    2,bob,neg,2024-03-04T11:05:00Z
    2,carol,neg,2024-03-05T09:05:00Z
    3,alice,neu,2024-03-12T10:10:00Z
    3,bob,pos,2024-03-12T11:10:00Z
    3,carol,neg,2024-03-12T09:10:00Z
    4,alice,pos,2024-03-12T10:15:00Z
    4,bob,pos,2024-03-12T11:15:00Z
    5,alice,neu,2024-03-13T10:20:00Z
    5,bob,neu,2024-03-13T11:20:00Z
    5,carol,neu,2024-03-13T09:20:00Z
    6,bob,neg,2024-03-13T11:25:00Z
    6,carol,pos,2024-03-13T09:25:00Z

    """

    @Test("long CSV: the JSON contract, verdict and exit status 1 below the threshold")
    func longFormat() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("labels.csv", Self.pilot)
        let run = try SiftProcess.run(["agree", input, "--json", dir.path("report.json"), "--bootstrap", "100"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("verdict: FAIL"))
        let report = try readJSONObject(dir.path("report.json"))
        #expect(report["items"] as? Int == 6)
        #expect(report["annotators"] as? [String] == ["alice", "bob", "carol"])
        #expect(report["labels"] as? [String] == ["neg", "neu", "pos"])
        let cohen = try #require(report["cohen_kappa"] as? [String: Any])
        let pairs = try #require(cohen["pairs"] as? [[String: Any]])
        #expect(pairs.count == 3)
        #expect(pairs[0]["a"] as? String == "alice" && pairs[0]["b"] as? String == "bob")
        #expect(abs((pairs[0]["kappa"] as? Double ?? 0) - 0.6875) < 1e-12)
        #expect(pairs[0]["n"] as? Int == 5)
        #expect(abs((report["fleiss_kappa"] as? Double ?? 0) - 0.3617021276595744) < 1e-12)
        #expect(abs((report["krippendorff_alpha"] as? Double ?? 0) - 0.375) < 1e-12)
        #expect(report["verdict"] as? String == "fail")
        #expect(report["threshold"] as? Double == 0.7)
        #expect((report["ci"] as? [String: [Double]])?["cohen_kappa"]?.count == 2)
        let confusions = try #require(report["confusions"] as? [[String: Any]])
        #expect(confusions.first?["labels"] as? [String] == ["neg", "pos"])
        let windows = report["windows"]
        #expect(windows == nil)

        let pass = try SiftProcess.run(["agree", input, "--threshold", "0.3", "--bootstrap", "0"])
        #expect(pass.status == 0)
        #expect(pass.stdout.contains("verdict: PASS"))
    }

    /// examples/README.md documents the pilot's exact agreement figures (its answer key).
    @Test("the bundled labelling pilot gives the documented figures")
    func bundledPilot() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        let dir = try TemporaryDirectory()
        let run = try SiftProcess.run(["agree", examples.appendingPathComponent("labeling-pilot.csv").path,
                                       "--gold", examples.appendingPathComponent("labeling-gold.csv").path,
                                       "--items", examples.appendingPathComponent("labeling-pilot-items.jsonl").path,
                                       "--json", dir.path("r.json"), "--markdown", dir.path("f.md"), "--bootstrap", "0"])
        #expect(run.status == 1, "\(run.stderr)")
        let report = try readJSONObject(dir.path("r.json"))
        let pairs = try #require((report["cohen_kappa"] as? [String: Any])?["pairs"] as? [[String: Any]])
        let kappas = pairs.map { (($0["kappa"] as? Double ?? 0) * 10_000).rounded() / 10_000 }
        #expect(kappas == [0.7097, 0.6377, 0.6478])
        func rounded(_ key: String) -> Double? { (report[key] as? Double).map { ($0 * 10_000).rounded() / 10_000 } }
        #expect(rounded("value") == 0.6651)
        #expect(rounded("fleiss_kappa") == 0.6668)
        #expect((report["fleiss_items"] as? [String: Int])?["items"] == 47)
        #expect(rounded("krippendorff_alpha") == 0.6621)
        let gold = try #require(report["gold"] as? [String: [String: Any]])
        #expect(["ann_a", "ann_b", "ann_c"].map { gold[$0]?["accuracy"] as? Double } == [0.8, 0.9, 0.7])
        let annC = try #require((report["per_annotator"] as? [String: [String: Any]])?["ann_c"]?["departures"] as? [[String: Any]])
        #expect(annC.first?["majority"] as? String == "neutral" && annC.first?["label"] as? String == "negative")
        let markdown = try dir.read("f.md")
        #expect(markdown.contains("neutral as negative"))
        #expect(markdown.contains("Returning it."))
    }

    @Test("--time-field and --window give agreement per week")
    func windows() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("labels.csv", Self.pilot)
        let run = try SiftProcess.run(["agree", input, "--time-field", "created_at", "--window", "week", "--bootstrap", "0",
                                       "--metric", "percent_agreement", "--json", dir.path("r.json")])
        #expect(run.status == 1, "\(run.stderr)")
        let windows = try #require(try readJSONObject(dir.path("r.json"))["windows"] as? [[String: Any]])
        #expect(windows.map { $0["start"] as? String } == ["2024-03-04", "2024-03-11"])
        #expect(windows.map { $0["items"] as? Int } == [2, 4])
    }

    @Test("wide CSV and --gold: accuracy and kappa per annotator")
    func wideWithGold() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("wide.csv", "id,alice,bob\n1,pos,pos\n2,neg,pos\n3,neg,neg\n4,pos,pos\n5,neg,\n")
        let gold = try dir.write("gold.csv", "id,gold_label\n1,pos\n2,neg\n5,pos\n")
        let run = try SiftProcess.run(["agree", input, "--gold", gold, "--json", dir.path("r.json"), "--bootstrap", "0", "--threshold", "0.5"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try readJSONObject(dir.path("r.json"))
        #expect(report["layout"] as? String == "wide")
        let gold_ = try #require(report["gold"] as? [String: [String: Any]])
        #expect(gold_["alice"]?["accuracy"] as? Double == 2.0 / 3.0)
        #expect(gold_["bob"]?["accuracy"] as? Double == 0.5)
        #expect(gold_["bob"]?["n"] as? Int == 2)
    }

    @Test("Label Studio export with --markdown and --html guideline reports")
    func labelStudioReports() throws {
        let dir = try TemporaryDirectory()
        func task(_ id: Int, _ text: String, _ labels: [String]) -> String {
            let annotations = labels.enumerated().map { k, label in
                "{\"completed_by\": \(k + 1), \"result\": [{\"from_name\": \"sentiment\", \"to_name\": \"text\", \"type\": \"choices\", \"value\": {\"choices\": [\"\(label)\"]}}]}"
            }
            return "{\"id\": \(id), \"data\": {\"text\": \"\(text)\"}, \"annotations\": [\(annotations.joined(separator: ","))]}"
        }
        let tasks = [task(1, "love it <3", ["Positive", "Positive", "Neutral"]), task(2, "broken <script>x</script>", ["Negative", "Neutral", "Positive"]),
                     task(3, "fine", ["Neutral", "Neutral", "Neutral"])]
        let input = try dir.write("export.json", "[\n" + tasks.joined(separator: ",\n") + "\n]\n")
        let run = try SiftProcess.run(["agree", input, "--markdown", dir.path("feedback.md"), "--html", dir.path("report.html"),
                                       "--bootstrap", "0", "--threshold", "-1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("labelstudio"))
        let markdown = try dir.read("feedback.md")
        #expect(markdown.contains("## Most confused label pairs"))
        #expect(markdown.contains("> love it &lt;3"))
        #expect(markdown.contains("## Items with no majority"))
        #expect(markdown.contains("item 2: 1: **Negative**, 2: **Neutral**, 3: **Positive**"))
        let html = try dir.read("report.html")
        #expect(html.contains("broken &lt;script&gt;x&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }

    @Test("--items supplies texts for the examples")
    func itemsFile() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("labels.csv", Self.pilot)
        let items = try dir.write("items.jsonl", "{\"id\": \"3\", \"text\": \"the battery is ok I guess\"}\n{\"id\": \"6\", \"text\": \"returned it\"}\n")
        let run = try SiftProcess.run(["agree", input, "--items", items, "--markdown", dir.path("f.md"), "--bootstrap", "0"])
        #expect(run.status == 1, "\(run.stderr)")
        let markdown = try dir.read("f.md")
        #expect(markdown.contains("> the battery is ok I guess"))
    }

    @Test("bad input: clear errors naming file and row, data error status")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        let outside = try dir.write("labels.csv", "item,annotator,label\n1,a,pos\n1,b,maybe\n")
        let run = try SiftProcess.run(["agree", outside, "--labels", "pos,neg"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("labels.csv:3: label \"maybe\" is not one of --labels (pos, neg)"))

        let one = try dir.write("one.csv", "item,annotator,label\n1,a,pos\n2,a,neg\n")
        let single = try SiftProcess.run(["agree", one])
        #expect(single.status == 65)
        #expect(single.stderr.contains("only one annotator (\"a\")"))

        let empty = try dir.write("empty.csv", "")
        let emptyRun = try SiftProcess.run(["agree", empty])
        #expect(emptyRun.status == 65)
        #expect(emptyRun.stderr.contains("file is empty"))

        let dup = try dir.write("dup.csv", "item,annotator,label\n1,a,pos\n1,b,pos\n1,a,neg\n")
        let failing = try SiftProcess.run(["agree", dup, "--duplicates", "fail"])
        #expect(failing.status == 65)
        #expect(failing.stderr.contains("dup.csv:4: item \"1\" is labelled twice by annotator \"a\""))
        let lastWins = try SiftProcess.run(["agree", dup, "--json", dir.path("d.json"), "--bootstrap", "0", "--threshold", "-1"])
        #expect(lastWins.status == 0, "\(lastWins.stderr)")
        #expect(lastWins.stdout.contains("1 duplicate labels replaced"))
        #expect((try readJSONObject(dir.path("d.json"))["input"] as? [String: Any])?["duplicates"] as? Int == 1)

        let columns = try SiftProcess.run(["agree", outside, "--annotator", "coder"])
        #expect(columns.status == 65)
        #expect(columns.stderr.contains("unknown annotator field \"coder\""))

        let missing = try SiftProcess.run(["agree", dir.path("nope.csv")])
        #expect(missing.status == 66)
        let usage = try SiftProcess.run(["agree", outside, "--weights", "cubic"])
        #expect(usage.status == 64)
    }

    @Test("--json - writes only JSON to standard output")
    func jsonToStdout() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("labels.csv", Self.pilot)
        let run = try SiftProcess.run(["agree", input, "--json", "-", "--bootstrap", "10", "--weights", "quadratic"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["cohen_kappa"] as? [String: Any])?["weights"] as? String == "quadratic")
    }
}
