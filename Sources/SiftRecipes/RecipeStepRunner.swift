import Collections
import SiftCore

/// What a step reads and where it writes. Steps stream: they read `input` (the previous step's
/// checkpoint, JSON Lines) and write kept records to the file `output` and removed ones, each
/// annotated with why, to the file `rejects` (both written atomically by the step).
public struct StepIO: Sendable {
    /// The previous step's output; nil for `read`.
    public var input: String?
    public var output: String
    public var rejects: String
    /// Where final outputs (write, split) go.
    public var outputDirectory: String
    public var readOptions: ReadOptions
    /// The dataset kind of the whole stream, when the input is one shard of it (a sharded run):
    /// steps that detect the kind use it, so every shard reads records as the unsharded run does.
    public var kind: DatasetKind? = nil
    /// The position of the input's first record in the whole stream (0 unless sharded).
    public var firstIndex = 0
}

/// What a step did, for the manifest and the terminal summary.
public struct StepResult: Sendable {
    public var inputRecords: Int
    public var outputRecords: Int
    public var removedRecords: Int
    /// Extra detail for the manifest (per-rule counts, clusters...).
    public var details: JSONObject
    /// Dataset files the step read from outside the pipeline (`read` inputs, a `decontam` eval set).
    public var inputsRead: [String]
    /// Final files the step wrote (`write`, `split`).
    public var outputsWritten: [String]
    /// True when the step passes its input through unchanged (`write`): the runner then reuses the
    /// input as the step's checkpoint instead of copying it.
    public var passthrough: Bool

    public init(inputRecords: Int, outputRecords: Int, removedRecords: Int, details: JSONObject? = nil,
                inputsRead: [String] = [], outputsWritten: [String] = [], passthrough: Bool = false) {
        self.inputRecords = inputRecords
        self.outputRecords = outputRecords
        self.removedRecords = removedRecords
        self.details = details ?? [:]
        self.inputsRead = inputsRead
        self.outputsWritten = outputsWritten
        self.passthrough = passthrough
    }
}

/// One kind of recipe step (datatrove-style: one step, one type).
public protocol RecipeStepRunner {
    static var schema: StepSchema { get }
    init(parameters: StepParameters) throws
    /// Files outside the pipeline this step will read, hashed up front so a resumed run knows
    /// whether they changed.
    var externalInputs: [String] { get }
    func run(_ io: StepIO) throws -> StepResult
}

extension RecipeStepRunner {
    public var externalInputs: [String] { [] }
}

/// The step kinds a recipe may use.
public struct StepRegistry: Sendable {
    private var entries: [(schema: StepSchema, make: @Sendable (StepParameters) throws -> any RecipeStepRunner)] = []

    public init() {}

    public mutating func register<Step: RecipeStepRunner>(_ type: Step.Type) {
        entries.append((Step.schema, { try Step(parameters: $0) }))
    }

    public var kinds: [String] { entries.map(\.schema.kind) }
    public var schemas: [StepSchema] { entries.map(\.schema) }

    public func schema(for kind: String) -> StepSchema? { entries.first { $0.schema.kind == kind }?.schema }

    /// The step's runner. A `ParameterError` from the capability becomes a recipe error at the
    /// offending YAML key's line, with the keys spelled as the recipe spells them.
    func make(_ step: RecipeStep, file: String) throws -> any RecipeStepRunner {
        guard let entry = entries.first(where: { $0.schema.kind == step.kind }) else {
            throw SiftError("unknown step \(step.kind)", status: .config)
        }
        do {
            return try entry.make(StepParameters(step))
        } catch let error as ParameterError {
            let mark = step.parameters.first { $0.key == error.parameter }?.value.mark ?? step.mark
            throw RecipeError(file: file, mark: mark, error.message { "`\(step.kind).\($0)`" })
        }
    }

    /// `read` comes first and only first; a terminal step (`split`) comes last.
    func validateOrder(_ steps: [RecipeStep], file: String) throws {
        for (i, step) in steps.enumerated() {
            guard let schema = schema(for: step.kind) else { continue }
            if i == 0 && schema.position != .first {
                throw RecipeError(file: file, mark: step.mark, "a recipe starts with a `read` step, not `\(step.kind)`")
            }
            if i > 0 && schema.position == .first {
                throw RecipeError(file: file, mark: step.mark, "`\(step.kind)` can only be the first step")
            }
            if i < steps.count - 1 && schema.position == .last {
                throw RecipeError(file: file, mark: step.mark, "`\(step.kind)` must be the last step (it ends the stream)")
            }
        }
    }
}
