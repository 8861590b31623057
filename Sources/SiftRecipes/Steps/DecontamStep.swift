import SiftCore
import SiftDedup

/// `decontam`: removes training records that share a 13-gram with an evaluation set (the GPT-3
/// rule, docs/dedup.md). The evaluation files are hashed into the checkpoint key, so a changed
/// eval set reruns the step under `--resume`.
public struct DecontamStep: RecipeStepRunner {
    /// The library's defaults: the step starts from them and the schema prints them.
    private static let defaults = DecontamOptions()

    public static let schema = StepSchema(kind: "decontam", summary: "Remove records leaking evaluation items (n-gram overlap).", parameters: [
        ParameterSpec("eval", .list(.string), required: true, help: "evaluation file(s)"),
        ParameterSpec(DecontamOptions.Parameters.ngram, default: defaults.ngram),
        ParameterSpec(DecontamOptions.Parameters.minWords, default: defaults.minWords),
        ParameterSpec("field", .string, help: "compare this field of the training records"),
        ParameterSpec("eval_field", .string, help: "compare this field of the eval items"),
    ])

    let evalPaths: [String]
    let options: DecontamOptions

    public init(parameters: StepParameters) throws {
        evalPaths = parameters.strings("eval") ?? []
        var options = DecontamOptions()
        if let ngram = parameters.int("ngram") { options.ngram = ngram }
        if let minWords = parameters.int("min_words") { options.minWords = minWords }
        options.trainField = parameters.string("field")
        options.evalField = parameters.string("eval_field")
        try options.validate()
        self.options = options
    }

    public var externalInputs: [String] { evalPaths }

    public func run(_ io: StepIO) throws -> StepResult {
        guard let input = io.input else { throw SiftError("decontam needs an input", status: .config) }
        var decontaminator = Decontaminator(trainPaths: [input], evalPaths: evalPaths, readOptions: io.readOptions, options: options)
        decontaminator.trainKind = io.kind
        let report = try decontaminator.run(out: io.output, removed: io.rejects)
        return StepResult(inputRecords: report.train.items, outputRecords: report.kept, removedRecords: report.removed,
                          details: ["contaminated_eval_items": .integer(report.contaminated.count)], inputsRead: evalPaths)
    }
}
