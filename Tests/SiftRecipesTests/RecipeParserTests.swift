import Foundation
import Testing
import SiftCore
@testable import SiftRecipes

@Suite("Recipe parsing and validation")
struct RecipeParserTests {
    func parse(_ yaml: String) throws -> Recipe {
        try RecipeParser.parse(yaml: yaml, path: "r.yaml", sha256: "x", registry: .standard)
    }

    func error(_ yaml: String) -> RecipeError? {
        do {
            _ = try parse(yaml)
            return nil
        } catch let error as RecipeError {
            return error
        } catch {
            return nil
        }
    }

    @Test("a valid recipe keeps its steps, parameters and positions")
    func valid() throws {
        let recipe = try parse("""
        name: demo
        output: out/demo
        steps:
          - read: {path: [a.jsonl, b.jsonl]}
          - sample:
              n: 10
              seed: 3
          - write: {path: final.jsonl}
        """)
        #expect(recipe.name == "demo")
        #expect(recipe.outputDirectory == "out/demo")
        #expect(recipe.steps.map(\.kind) == ["read", "sample", "write"])
        #expect(recipe.steps.map(\.label) == ["01-read", "02-sample", "03-write"])
        #expect(recipe.steps[1].mark == RecipeMark(line: 5, column: 5))
        #expect(recipe.steps[1].parametersJSON == ["n": 10, "seed": 3])
    }

    @Test("an unknown step is reported with its line and column")
    func unknownStep() {
        let e = error("steps:\n  - read: {path: a.jsonl}\n  - dedupe: {threshold: 0.8}\n")
        #expect(e?.mark == RecipeMark(line: 3, column: 5))
        #expect(e?.message.contains("unknown step `dedupe`") == true)
        #expect(e?.description.hasPrefix("r.yaml:3:5: ") == true)
    }

    @Test("a parameter of the wrong type is reported at the value")
    func wrongType() {
        let e = error("steps:\n  - read: {path: a.jsonl}\n  - sample: {n: many}\n")
        #expect(e?.mark == RecipeMark(line: 3, column: 17))
        #expect(e?.message == "`sample.n` must be an integer, got \"many\"")
    }

    @Test("unknown and missing parameters, bad order and invalid YAML are errors")
    func otherErrors() {
        #expect(error("steps:\n  - read: {paht: a.jsonl}\n")?.message.contains("unknown parameter `paht`") == true)
        #expect(error("steps:\n  - read: {}\n")?.message.contains("needs parameter `path`") == true)
        #expect(error("steps:\n  - write: {path: x.jsonl}\n")?.message.contains("starts with a `read` step") == true)
        #expect(error("steps:\n  - read: {path: a}\n  - read: {path: b}\n")?.message.contains("only be the first step") == true)
        let yaml = error("steps:\n  - read: {path: [a, b}\n")
        #expect(yaml?.message.hasPrefix("invalid YAML") == true)
        #expect(yaml?.mark?.line == 2)
        #expect(error("nme: x\nsteps: []\n")?.message.contains("unknown recipe key `nme`") == true)
    }
}
