import Foundation
import SiftTestSupport
import SiftCore
import Testing

@Suite("sift curve and sift label-errors")
struct LearnCommandTests {
    /// Three classes with their own words, 5% of labels flipped (ids listed).
    func noisyData(_ dir: TemporaryDirectory, count: Int = 600) throws -> (path: String, flipped: Set<String>) {
        var rng = SplitMix64(seed: 17)
        var lines: [String] = []
        var flipped = Set<String>()
        for i in 0..<count {
            let truth = i % 3
            var words = (0..<3).map { _ in "c\(truth)x\(rng.next() % 30)" } + (0..<10).map { _ in "w\(rng.next() % 200)" }
            words.shuffle(using: &rng)
            var label = truth
            if i % 20 == 7 { label = (truth + 1) % 3; flipped.insert("r\(i)") }
            lines.append("{\"id\": \"r\(i)\", \"text\": \"\(words.joined(separator: " "))\", \"label\": \"l\(label)\"}")
        }
        return (try dir.write("data.jsonl", lines.joined(separator: "\n") + "\n"), flipped)
    }

    @Test("label-errors finds the flipped labels; counts add up; 1 and 2 threads agree")
    func labelErrors() throws {
        let dir = try TemporaryDirectory()
        let (input, flipped) = try noisyData(dir)
        let one = try SiftProcess.run(["label-errors", input, "--label", "label", "--out", dir.path("issues.jsonl"), "--json", dir.path("one.json"),
                                       "--html", dir.path("report.html")], environment: ["SIFT_THREADS": "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try SiftProcess.run(["label-errors", input, "--label", "label", "--json", dir.path("two.json")], environment: ["SIFT_THREADS": "2"])
        #expect(two.status == 0, "\(two.stderr)")
        let report = try readJSONObject(dir.path("one.json"))
        let records = report["records"] as? Int, flagged = report["flagged"] as? Int, rest = report["not_flagged"] as? Int
        #expect(records == 600 && flagged! + rest! == 600)
        let issues = try readJSONLines(dir.path("issues.jsonl"))
        #expect(issues.count == flagged)
        let ids = Set(issues.compactMap { $0["id"] as? String })
        #expect(Double(ids.intersection(flipped).count) >= 0.8 * Double(flipped.count), "found \(ids.intersection(flipped).count) of \(flipped.count)")
        let issuesOne = (report["issues"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        let issuesTwo = (try readJSONObject(dir.path("two.json"))["issues"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(issuesOne == issuesTwo)
        let html = try String(contentsOfFile: dir.path("report.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
    }

    @Test("curve writes the report, warns about sizes beyond the data, plots an inline SVG")
    func curve() throws {
        let dir = try TemporaryDirectory()
        let (input, _) = try noisyData(dir)
        let run = try SiftProcess.run(["curve", input, "--label", "label", "--sizes", "50,100,200,400,1000", "--repeats", "2",
                                       "--json", dir.path("curve.json"), "--html", dir.path("curve.html")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("--sizes 1000 dropped"))
        let report = try readJSONObject(dir.path("curve.json"))
        #expect((report["points"] as? [Any])?.count == 4)
        #expect((report["forecast"] as? [String: Any])?["text"] is String)
        let html = try String(contentsOfFile: dir.path("curve.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("<polygon"))
    }

    @Test("bad input: one class, a missing file, bad sizes")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        let one = try dir.write("one.jsonl", (0..<20).map { "{\"text\": \"word\($0) other\", \"label\": \"x\"}" }.joined(separator: "\n") + "\n")
        let single = try SiftProcess.run(["label-errors", one, "--label", "label"])
        #expect(single.status == 65 && single.stderr.contains("at least 2 classes"))
        let missing = try SiftProcess.run(["curve", dir.path("nope.jsonl"), "--label", "label"])
        #expect(missing.status == 66)
        let sizes = try SiftProcess.run(["curve", one, "--label", "label", "--sizes", "10,x"])
        #expect(sizes.status == 64)
    }
    @Test("--pred-probs: a user's probabilities, checked row by row; --fail-above is a gate")
    func predictedProbabilities() throws {
        let dir = try TemporaryDirectory()
        var records: [String] = [], rows: [String] = []
        for i in 0..<30 {
            let label = i % 2
            records.append("{\"id\": \"r\(i)\", \"text\": \"item \(i)\", \"label\": \"\(label == 0 ? "ham" : "spam")\"}")
            // Record 5 (labelled spam) is confidently ham.
            rows.append(i == 5 ? "[0.97, 0.03]" : label == 0 ? "[0.9, 0.1]" : "[0.2, 0.8]")
        }
        let input = try dir.write("data.jsonl", records.joined(separator: "\n") + "\n")
        let probs = try dir.write("probs.jsonl", rows.joined(separator: "\n") + "\n")
        let run = try SiftProcess.run(["label-errors", input, "--label", "label", "--pred-probs", probs, "--json", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let issues = (report?["issues"] as? [[String: Any]]) ?? []
        #expect(issues.map { $0["id"] as? String } == ["r5"])
        #expect(issues.first?["suggested"] as? String == "ham")
        let gate = try SiftProcess.run(["label-errors", input, "--label", "label", "--pred-probs", probs, "--fail-above", "0.01"])
        #expect(gate.status == 1)
        let short = try dir.write("short.jsonl", rows.dropLast().joined(separator: "\n") + "\n")
        let bad = try SiftProcess.run(["label-errors", input, "--label", "label", "--pred-probs", short])
        #expect(bad.status == 65 && bad.stderr.contains("29 rows of probabilities for 30 records"))
    }

    @Test("curve --train-command: a failing command exits 70 with its status and stderr; a working one is cached")
    func trainCommand() throws {
        let dir = try TemporaryDirectory()
        let (input, _) = try noisyData(dir)
        let common = ["curve", input, "--label", "label", "--sizes", "50,100,200", "--repeats", "1", "--cache", dir.path("cache")]
        let failed = try SiftProcess.run(common + ["--train-command", "echo 'disk full' >&2; exit 4; {train}"])
        #expect(failed.status == 70)
        #expect(failed.stderr.contains("exited with status 4") && failed.stderr.contains("disk full"), "\(failed.stderr)")
        let command = "test -s {eval} && echo '{\"metric\": 0.5}'; : {train}"
        let first = try SiftProcess.run(common + ["--train-command", command, "--json", dir.path("first.json")])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try SiftProcess.run(common + ["--train-command", command, "--json", dir.path("second.json")])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try readJSONObject(dir.path("first.json"))["cached_runs"] as? Int == 0)
        #expect(try readJSONObject(dir.path("second.json"))["cached_runs"] as? Int == 3)
    }
}
