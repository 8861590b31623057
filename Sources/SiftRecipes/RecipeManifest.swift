import Collections
import SiftCore

/// `manifest.json`: the lineage of a recipe run. It names the Sift version and the recipe's SHA-256,
/// every input and output with its SHA-256 and record count, and per step its parameters and
/// in/out/removed counts. It holds no timestamps, so the same recipe on the same inputs gives the
/// same manifest, byte for byte.
public struct RecipeManifest {
    public let recipe: Recipe
    public private(set) var steps: [JSONValue] = []
    public private(set) var inputs: [JSONValue] = []
    public private(set) var outputs: [JSONValue] = []
    private var seenInputs: Set<String> = []

    init(recipe: Recipe) {
        self.recipe = recipe
    }

    mutating func add(step: RecipeStep, result: StepResult, externalInputs: [(String, String)]) {
        var entry: JSONObject = [
            "step": .string(step.kind),
            "line": .integer(step.mark.line),
            "parameters": step.parametersJSON,
            "in": .integer(result.inputRecords),
            "out": .integer(result.outputRecords),
            "removed": .integer(result.removedRecords),
        ]
        if !result.details.isEmpty { entry["details"] = .object(result.details) }
        steps.append(.object(entry))
        for (path, digest) in externalInputs where seenInputs.insert(path).inserted {
            var input: JSONObject = ["path": .string(path), "sha256": .string(digest)]
            if step.kind == "read" { input["records_read_by_pipeline"] = .integer(result.inputRecords) }
            inputs.append(.object(input))
        }
    }

    mutating func addOutput(_ path: String, role: String = "data") throws {
        var records = 0
        try DatasetStream(paths: [path]).forEach { if case .record = $0 { records += 1 } }
        outputs.append(["path": .string(path), "role": .string(role), "sha256": .string(try SHA256Digest.file(path)), "records": .integer(records)])
    }

    public var json: JSONValue {
        [
            "sift_version": .string(siftVersion),
            "recipe": ["name": .string(recipe.name), "path": .string(recipe.path), "sha256": .string(recipe.sha256)],
            "inputs": .array(inputs),
            "steps": .array(steps),
            "outputs": .array(outputs),
        ]
    }
}
