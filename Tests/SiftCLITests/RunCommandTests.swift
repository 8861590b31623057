import Foundation
import SiftTestSupport
import Testing

@Suite("sift run")
struct RunCommandTests {
    /// The repository root, where the bundled examples and recipes live.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the bundled finetuning recipe accounts for every record and finds the planted defects")
    func finetuneRecipe() throws {
        let dir = try TemporaryDirectory()
        let recipe = try String(contentsOf: Self.root.appendingPathComponent("examples/recipes/finetune-cleanup.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "output: out/finetune-cleanup", with: "output: \(dir.path("out"))")
        let recipePath = try dir.write("recipe.yaml", recipe)
        let run = try SiftProcess.run(["run", recipePath, "--json", dir.path("manifest.json")], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try readJSONObject(dir.path("manifest.json"))
        let steps = try #require(manifest["steps"] as? [[String: Any]])
        for step in steps {
            #expect(step["in"] as? Int == (step["out"] as? Int ?? -1) + (step["removed"] as? Int ?? -1), "\(step["step"] ?? "")")
        }
        let details = Dictionary(uniqueKeysWithValues: steps.map { ($0["step"] as! String, $0["details"] as? [String: Any] ?? [:]) })
        #expect(details["dedup"]?["exact"] as? Int == 40)
        #expect(details["dedup"]?["near"] as? Int == 60)
        #expect(details["decontam"]?["contaminated_eval_items"] as? Int == 12)
        #expect(details["pii"]?["records_with_pii"] as? Int == 40)
        #expect(details["split"]?["groups_in_several_splits"] as? Int == 0)
        // Final outputs + rejects = input.
        let train = try readJSONLines(dir.path("out/train.jsonl")).count
        let validation = try readJSONLines(dir.path("out/validation.jsonl")).count
        let rejects = try readJSONLines(dir.path("out/rejects.jsonl")).count
        #expect(train + validation + rejects == 2000)
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["path"] as? String } == ["examples/support-chat.jsonl", "examples/eval-cases.jsonl"])

        // --resume reuses every finished step and gives the same bytes.
        let before = try dir.read("out/train.jsonl")
        let again = try SiftProcess.run(["run", recipePath, "--resume"], in: Self.root)
        #expect(again.status == 0)
        #expect(again.stdout.components(separatedBy: "(resumed)").count - 1 == steps.count)
        #expect(try dir.read("out/train.jsonl") == before)
    }

    @Test("a recipe error names the YAML line and column before any data is read")
    func recipeError() throws {
        let dir = try TemporaryDirectory()
        let recipe = try dir.write("bad.yaml", """
        output: \(dir.path("out"))
        steps:
          - read: {path: does-not-exist.jsonl}
          - dedup: {threshold: high}
        """)
        let run = try SiftProcess.run(["run", recipe])
        #expect(run.status == 78)
        #expect(run.stderr.contains("bad.yaml:4:24: `dedup.threshold` must be a number, got \"high\""), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))
    }
}
