import SiftCore
import SiftLearn

/// `drop-label-errors`: removes the records `sift label-errors` flags (confident learning on
/// out-of-fold probabilities, docs/learn.md) with the same defaults, by the same code
/// (`LabelErrorRemoval`). Removed records carry `_sift.label_errors {reason, given, suggested,
/// self_confidence, rank, filter_by}`. Like `sample` with `n`, it needs every record at once (the
/// folds and thresholds are over the whole set): it reads its input checkpoint twice, once to
/// learn, once to write, and a sharded run gives it the shards concatenated in one task.
public struct DropLabelErrorsStep: RecipeStepRunner {
    public static let schema = StepSchema(kind: "drop-label-errors", summary: "Remove likely wrong labels (confident learning, as sift label-errors).",
                                          parameters: [
        ParameterSpec("label", .string, required: true, help: "field holding the class label"),
        ParameterSpec("text_field", .string, help: "field holding the text to classify (default: the kind's text)"),
        ParameterSpec(CrossValidation.folds, default: LabelErrorRemoval.defaultFolds),
        ParameterSpec("filter_by", .choice(ConfidentLearning.FilterBy.allCases.map(\.rawValue)),
                      help: "confident learning rule (default \(LabelErrorRemoval.defaultFilterBy.rawValue))"),
        ParameterSpec("pred_probs", .string, help: "the user's predicted probabilities, one JSON array per record of this step's input"),
        ParameterSpec("seed", .integer(0...Int.max), help: "random seed of the folds (default \(LabelErrorRemoval.defaultSeed))"),
    ])

    let removal: LabelErrorRemoval

    public init(parameters: StepParameters) throws {
        var removal = LabelErrorRemoval(labelField: parameters.string("label") ?? "")
        removal.textField = parameters.string("text_field")
        removal.probabilitiesFile = parameters.string("pred_probs")
        if let folds = parameters.int("folds") { removal.folds = folds }
        try CrossValidation.folds.check(removal.folds)
        if let filterBy = parameters.string("filter_by").flatMap(ConfidentLearning.FilterBy.init(rawValue:)) { removal.filterBy = filterBy }
        if let seed = parameters.int("seed") { removal.seed = UInt64(seed) }
        self.removal = removal
    }

    public var externalInputs: [String] { removal.probabilitiesFile.map { [$0] } ?? [] }

    public func run(_ io: StepIO) throws -> StepResult {
        guard let input = io.input else { throw SiftError("drop-label-errors needs an input", status: .config) }
        let report = try removal.find(paths: [input], readOptions: io.readOptions)
        let annotations = report.removalAnnotations
        let output = try DatasetWriter(path: io.output)
        let rejects = try DatasetWriter(path: io.rejects)
        var index = 0, kept = 0, removed = 0
        try DatasetStream(paths: [input], options: io.readOptions).forEach { event in
            guard case .record(var record) = event else {
                // A checkpoint holds well-formed records; should one not, it still is accounted for.
                if case .malformed(let malformed) = event { try rejects.write(malformed.rejectRecord); removed += 1 }
                return
            }
            defer { index += 1 }
            if let annotation = annotations[index] {
                record.annotate(LabelErrorRemoval.annotationKey, annotation)
                try rejects.write(record)
                removed += 1
            } else {
                try output.write(record)
                kept += 1
            }
        }
        try output.close()
        try rejects.close()
        return StepResult(inputRecords: kept + removed, outputRecords: kept, removedRecords: removed,
                          details: ["flagged": .integer(report.flaggedCount), "filter_by": .string(report.filterBy.rawValue),
                                    "probabilities": .string(report.probabilitySource),
                                    "estimated_noise_rate": .double(report.result.estimatedNoiseRate)],
                          inputsRead: externalInputs)
    }
}
