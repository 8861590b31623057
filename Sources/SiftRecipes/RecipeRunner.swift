import Foundation
import Collections
import SiftCore

/// Runs a recipe step by step. Each step streams its input checkpoint into a new checkpoint under
/// `<output>/.sift-run/`, so memory stays bounded, and a finished step leaves a marker holding the
/// digest of what it was given (parameters, input bytes, external files) and what it produced.
/// `--resume` skips every step whose marker still matches, which is how an interrupted run continues
/// without redoing work; any change upstream invalidates everything after it.
public struct RecipeRunner {
    public let recipe: Recipe
    public let registry: StepRegistry
    public var readOptions = ReadOptions()
    /// Called after each step with its label, result and whether it was resumed from a checkpoint.
    public var onStep: ((RecipeStep, StepResult, Bool) -> Void)?

    public init(recipe: Recipe, registry: StepRegistry) {
        self.recipe = recipe
        self.registry = registry
    }

    public func run(resume: Bool) throws -> RecipeManifest {
        // Build every step first: parameter errors surface before any data is read or any
        // directory is made.
        let runners = try recipe.steps.map { try registry.make($0, file: recipe.path) }
        let fm = FileManager.default
        let output = recipe.outputDirectory
        let work = output + "/.sift-run"
        if !resume { try? fm.removeItem(atPath: work) }
        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        var manifest = RecipeManifest(recipe: recipe)
        var input: String?
        var inputDigest = recipe.sha256
        var stillResuming = resume
        var rejectFiles: [String] = []

        for (step, runner) in zip(recipe.steps, runners) {
            let checkpoint = "\(work)/\(step.label).jsonl"
            let rejects = "\(work)/\(step.label).rejects.jsonl"
            let markerPath = "\(work)/\(step.label).done.json"
            var externalDigests: [(String, String)] = []
            for path in runner.externalInputs { externalDigests.append((path, try SHA256Digest.file(path))) }
            let key = SHA256Digest.hex([step.kind, JSONWriter().string(step.parametersJSON), inputDigest,
                                        externalDigests.map { "\($0.0)=\($0.1)" }.joined(separator: ";")].joined(separator: "\n"))

            var result: StepResult
            var resumed = false
            if stillResuming, let marker = StepMarker.load(markerPath), marker.key == key,
               fm.fileExists(atPath: marker.checkpoint), fm.fileExists(atPath: rejects) {
                result = marker.result
                resumed = true
            } else {
                stillResuming = false
                try? fm.removeItem(atPath: markerPath)
                result = try runner.run(StepIO(input: input, output: checkpoint, rejects: rejects, outputDirectory: output, readOptions: readOptions))
                if !fm.fileExists(atPath: rejects) { try writeFileAtomically(rejects, "") }
                if result.passthrough { try? fm.removeItem(atPath: checkpoint) }
            }
            let produced = result.passthrough ? (input ?? checkpoint) : checkpoint
            let producedDigest = try SHA256Digest.file(produced)
            if !resumed {
                try StepMarker(key: key, checkpoint: produced, result: result).save(markerPath)
            }
            manifest.add(step: step, result: result, externalInputs: externalDigests)
            for path in result.outputsWritten { try manifest.addOutput(path) }
            rejectFiles.append(rejects)
            onStep?(step, result, resumed)
            input = produced
            inputDigest = producedDigest
        }

        // All removed records, in step order, each carrying the reason its step gave.
        let allRejects = output + "/rejects.jsonl"
        let writer = try DatasetWriter(path: allRejects)
        for file in rejectFiles {
            try DatasetStream(paths: [file], options: readOptions).forEach { event in
                if case .record(let record) = event { try writer.write(record) }
            }
        }
        try writer.close()
        try manifest.addOutput(allRejects, role: "rejects")
        try writeFileAtomically(output + "/manifest.json", JSONWriter(style: .pretty).string(manifest.json) + "\n")
        return manifest
    }
}

/// The checkpoint marker of a finished step.
struct StepMarker {
    var key: String
    var checkpoint: String
    var result: StepResult

    static func load(_ path: String) -> StepMarker? {
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONParser.parse(Array(data)),
              let key = value["key"]?.stringValue, let checkpoint = value["checkpoint"]?.stringValue,
              let r = value["result"] else { return nil }
        let result = StepResult(
            inputRecords: r["in"]?.intValue ?? 0, outputRecords: r["out"]?.intValue ?? 0, removedRecords: r["removed"]?.intValue ?? 0,
            details: r["details"]?.objectValue ?? [:], inputsRead: r["inputs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            outputsWritten: r["outputs"]?.arrayValue?.compactMap(\.stringValue) ?? [], passthrough: r["passthrough"]?.boolValue ?? false)
        return StepMarker(key: key, checkpoint: checkpoint, result: result)
    }

    func save(_ path: String) throws {
        let value: JSONValue = [
            "key": .string(key), "checkpoint": .string(checkpoint),
            "result": [
                "in": .integer(result.inputRecords), "out": .integer(result.outputRecords), "removed": .integer(result.removedRecords),
                "details": .object(result.details), "inputs": .array(result.inputsRead.map(JSONValue.string)),
                "outputs": .array(result.outputsWritten.map(JSONValue.string)), "passthrough": .bool(result.passthrough),
            ],
        ]
        try writeFileAtomically(path, JSONWriter().string(value))
    }
}
