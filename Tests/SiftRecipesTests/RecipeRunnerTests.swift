import Foundation
import SiftTestSupport
import Testing
import SiftCore
@testable import SiftRecipes

@Suite("Running recipes")
struct RecipeRunnerTests {

    func recipe(_ scratch: TemporaryDirectory, _ steps: String) throws -> Recipe {
        try scratch.write("recipe.yaml", "name: t\noutput: \(scratch.path("out"))\nsteps:\n" + steps)
        return try RecipeParser.parse(file: scratch.path("recipe.yaml"), registry: .standard)
    }

    @Test("records flow through the steps; outputs + rejects = inputs; manifest has digests and counts")
    func pipeline() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("in.jsonl", (0..<100).map { "{\"id\": \($0)}" }.joined(separator: "\n") + "\nnot json\n")
        let r = try recipe(scratch, "  - read: {path: \(scratch.path("in.jsonl"))}\n  - sample: {n: 30, seed: 7}\n  - write: {path: kept.jsonl}\n")
        let manifest = try RecipeRunner(recipe: r, registry: .standard).run(resume: false)
        let kept = try scratch.read("out/kept.jsonl").split(separator: "\n")
        let rejects = try scratch.read("out/rejects.jsonl").split(separator: "\n")
        #expect(kept.count == 30)
        #expect(rejects.count == 71)
        let ids = kept.compactMap { try? JSONParser.parse(String($0))["id"]?.intValue }
        #expect(ids == ids.sorted(), "sampled records stay in input order")
        let json = manifest.json
        #expect(json["steps"]?.arrayValue?.map { $0["out"]?.intValue } == [100, 30, 30])
        #expect(json["inputs"]?.arrayValue?.first?["sha256"]?.stringValue == (try SHA256Digest.file(scratch.path("in.jsonl"))))
        #expect(json["outputs"]?.arrayValue?.first?["records"] == 30)
        #expect(json["sift_version"]?.stringValue == siftVersion)
    }

    @Test("the same recipe on the same input gives byte-identical outputs and manifest")
    func deterministic() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("in.jsonl", (0..<500).map { "{\"id\": \($0), \"text\": \"t\($0)\"}" }.joined(separator: "\n") + "\n")
        let r = try recipe(scratch, "  - read: {path: \(scratch.path("in.jsonl"))}\n  - sample: {fraction: 0.3, seed: 1}\n  - write: {path: kept.jsonl}\n")
        _ = try RecipeRunner(recipe: r, registry: .standard).run(resume: false)
        let first = (try scratch.read("out/kept.jsonl"), try scratch.read("out/manifest.json"), try scratch.read("out/rejects.jsonl"))
        _ = try RecipeRunner(recipe: r, registry: .standard).run(resume: false)
        #expect(try scratch.read("out/kept.jsonl") == first.0)
        #expect(try scratch.read("out/manifest.json") == first.1)
        #expect(try scratch.read("out/rejects.jsonl") == first.2)
    }

    @Test("--resume skips finished steps and reruns from the first changed one")
    func resume() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("in.jsonl", (0..<50).map { "{\"id\": \($0)}" }.joined(separator: "\n") + "\n")
        let r = try recipe(scratch, "  - read: {path: \(scratch.path("in.jsonl"))}\n  - sample: {n: 10}\n  - write: {path: kept.jsonl}\n")
        var resumed: [String] = []
        var runner = RecipeRunner(recipe: r, registry: .standard)
        _ = try runner.run(resume: false)
        runner.onStep = { step, _, wasResumed in if wasResumed { resumed.append(step.kind) } }
        _ = try runner.run(resume: true)
        #expect(resumed == ["read", "sample", "write"])
        // Change the input: nothing can be reused.
        try scratch.write("in.jsonl", (0..<60).map { "{\"id\": \($0)}" }.joined(separator: "\n") + "\n")
        resumed = []
        let manifest = try runner.run(resume: true)
        #expect(resumed.isEmpty)
        #expect(manifest.json["steps"]?.arrayValue?.first?["out"] == 60)
    }
}
