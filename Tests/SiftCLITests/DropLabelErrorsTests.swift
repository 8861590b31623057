import Foundation
import SiftTestSupport
import SiftCore
import Testing

/// `sift split --drop-label-errors` and the recipe step `drop-label-errors` remove exactly what
/// `sift label-errors` lists, and every input record ends in a split or the rejects.
@Suite("dropping label errors in sift split and recipes")
struct DropLabelErrorsTests {
    /// 300 records, three classes with their own words, every 20th label flipped.
    func data(_ dir: TemporaryDirectory) throws -> (path: String, flipped: Set<String>) {
        try LearnCommandTests().noisyData(dir, count: 300)
    }

    /// The ids `sift label-errors` flags, with each issue line.
    func labelErrors(_ input: String, _ dir: TemporaryDirectory, _ extra: [String] = []) throws -> [String: [String: Any]] {
        let run = try SiftProcess.run(["label-errors", input, "--label", "label", "--out", dir.path("issues.jsonl")] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        var issues: [String: [String: Any]] = [:]
        for line in try readJSONLines(dir.path("issues.jsonl")) { issues[try #require(line["id"] as? String)] = line }
        return issues
    }

    func ids(_ path: String) throws -> [String] { try readJSONLines(path).compactMap { $0["id"] as? String } }

    @Test("split --drop-label-errors rejects exactly the records label-errors flags, with given, suggested and score; counts add up")
    func split() throws {
        let dir = try TemporaryDirectory()
        let (input, flipped) = try data(dir)
        let issues = try labelErrors(input, dir)
        #expect(issues.count >= 10 && Set(issues.keys).intersection(flipped).count >= 10, "\(issues.keys.sorted())")

        let run = try SiftProcess.run(["split", input, "--drop-label-errors", "--label", "label", "--ratios", "0.8,0.2",
                                       "--stratify", "label", "--out-dir", dir.path("out"), "--json", dir.path("split.json")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\(issues.count) likely label errors"), "\(run.stdout)")
        let rejects = try readJSONLines(dir.path("out/rejects.jsonl"))
        #expect(Set(rejects.compactMap { $0["id"] as? String }) == Set(issues.keys))
        #expect(rejects.count == issues.count)
        for reject in rejects {
            let id = try #require(reject["id"] as? String)
            let annotation = try #require((reject["_sift"] as? [String: Any])?["label_errors"] as? [String: Any])
            let issue = try #require(issues[id])
            #expect(annotation["reason"] as? String == "label_error")
            #expect(annotation["given"] as? String == reject["label"] as? String)
            #expect(annotation["given"] as? String == issue["given"] as? String)
            #expect(annotation["suggested"] as? String == issue["suggested"] as? String)
            #expect(annotation["self_confidence"] as? Double == issue["self_confidence"] as? Double)
            #expect(annotation["rank"] as? Int == issue["rank"] as? Int)
        }
        // Every input record is in exactly one split or in the rejects.
        let all = try ids(dir.path("out/train.jsonl")) + ids(dir.path("out/test.jsonl")) + rejects.compactMap { $0["id"] as? String }
        let inputIds = Set(try ids(input))
        #expect(all.count == 300 && Set(all) == inputIds)
        let report = try readJSONObject(dir.path("split.json"))
        #expect(report["input_records"] as? Int == 300)
        #expect(report["excluded"] as? Int == issues.count)
        #expect((report["records"] as? Int).map { $0 + issues.count } == 300)
        #expect((report["label_errors"] as? [String: Any])?["flagged"] as? Int == issues.count)
    }

    @Test("malformed lines still go to the rejects as malformed, and the label errors are the same records")
    func malformedLines() throws {
        let dir = try TemporaryDirectory()
        let (input, _) = try data(dir)
        let issues = try labelErrors(input, dir)
        var lines = try dir.read("data.jsonl").split(separator: "\n").map(String.init)
        lines.insert("{broken", at: 40)
        lines.insert("not json", at: 200)
        let damaged = try dir.write("damaged.jsonl", lines.joined(separator: "\n") + "\n")
        let run = try SiftProcess.run(["split", damaged, "--drop-label-errors", "--label", "label", "--out-dir", dir.path("out"),
                                       "--json", dir.path("split.json")])
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = try readJSONLines(dir.path("out/rejects.jsonl"))
        #expect(Set(rejects.compactMap { $0["id"] as? String }) == Set(issues.keys))
        #expect(rejects.filter { (($0["_sift"] as? [String: Any])?["reject"] as? [String: Any])?["reason"] as? String == "malformed" }.count == 2)
        let report = try readJSONObject(dir.path("split.json"))
        #expect(report["input_records"] as? Int == 302 && report["malformed"] as? Int == 2)
    }

    @Test("a recipe's drop-label-errors step removes the same records, in one process and sharded")
    func recipe() throws {
        let dir = try TemporaryDirectory()
        let (input, _) = try data(dir)
        let issues = try labelErrors(input, dir)
        func recipe(_ name: String) throws -> String {
            try dir.write("\(name).yaml", """
            output: \(dir.path(name))
            steps:
              - read: {path: \(input)}
              - drop-label-errors: {label: label}
              - split: {ratios: [0.8, 0.2], stratify: label}
            """)
        }
        let run = try SiftProcess.run(["run", try recipe("single")])
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = try readJSONLines(dir.path("single/rejects.jsonl"))
        #expect(Set(rejects.compactMap { $0["id"] as? String }) == Set(issues.keys) && rejects.count == issues.count)
        for reject in rejects {
            let annotation = (reject["_sift"] as? [String: Any])?["label_errors"] as? [String: Any]
            #expect(annotation?["suggested"] as? String == issues[reject["id"] as? String ?? ""]?["suggested"] as? String)
        }
        let all = try ids(dir.path("single/train.jsonl")) + ids(dir.path("single/test.jsonl")) + rejects.compactMap { $0["id"] as? String }
        #expect(all.count == 300 && Set(all).count == 300)
        let manifest = try readJSONObject(dir.path("single/manifest.json"))
        let step = try #require((manifest["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "drop-label-errors" })
        #expect(step["in"] as? Int == 300 && step["removed"] as? Int == issues.count && step["out"] as? Int == 300 - issues.count)

        // Sharded: the step runs as one task over the shards, so the files are the same byte for byte.
        let sharded = try SiftProcess.run(["run", try recipe("sharded"), "--executor", "local", "--tasks", "3", "--parallel", "2"])
        #expect(sharded.status == 0, "\(sharded.stdout)\n\(sharded.stderr)")
        for name in ["train.jsonl", "test.jsonl", "rejects.jsonl"] {
            #expect(try dir.bytes("sharded/\(name)") == dir.bytes("single/\(name)"), "\(name)")
        }
    }

    @Test("bad input: a record without the label, one class, options without the flag, a step without its label")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        let (input, _) = try data(dir)
        var lines = try dir.read("data.jsonl").split(separator: "\n").map(String.init)
        lines[2] = "{\"id\": \"r2\", \"text\": \"c0x1 w3 w4\"}"
        let unlabelled = try dir.write("unlabelled.jsonl", lines.joined(separator: "\n") + "\n")
        let missing = try SiftProcess.run(["split", unlabelled, "--drop-label-errors", "--label", "label", "--out-dir", dir.path("out1")])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("unlabelled.jsonl:3: field \"label\" is missing or empty"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out1")), "nothing is written before the data is judged")

        let one = try dir.write("one.jsonl", (0..<20).map { "{\"text\": \"word\($0) other\", \"label\": \"x\"}" }.joined(separator: "\n") + "\n")
        let single = try SiftProcess.run(["split", one, "--drop-label-errors", "--label", "label", "--out-dir", dir.path("out2")])
        #expect(single.status == 65 && single.stderr.contains("at least 2 classes"), "\(single.stderr)")

        let stray = try SiftProcess.run(["split", input, "--label", "label", "--folds", "3", "--out-dir", dir.path("out3")])
        #expect(stray.status == 64 && stray.stderr.contains("--label, --folds only apply with --drop-label-errors"), "\(stray.stderr)")
        let noLabel = try SiftProcess.run(["split", input, "--drop-label-errors", "--out-dir", dir.path("out4")])
        #expect(noLabel.status == 64 && noLabel.stderr.contains("--drop-label-errors needs --label"), "\(noLabel.stderr)")

        let withoutLabel = try dir.write("r.yaml", "output: \(dir.path("r"))\nsteps:\n  - read: {path: \(input)}\n  - drop-label-errors: {folds: 3}\n")
        let recipe = try SiftProcess.run(["run", withoutLabel])
        #expect(recipe.status == 78 && recipe.stderr.contains("r.yaml:4:5: step `drop-label-errors` needs parameter `label`"), "\(recipe.stderr)")
        let oneClass = try dir.write("c.yaml", "output: \(dir.path("c"))\nsteps:\n  - read: {path: \(one)}\n  - drop-label-errors: {label: label}\n")
        let recipeOneClass = try SiftProcess.run(["run", oneClass])
        #expect(recipeOneClass.status == 65 && recipeOneClass.stderr.contains("at least 2 classes"), "\(recipeOneClass.stderr)")
    }
}
