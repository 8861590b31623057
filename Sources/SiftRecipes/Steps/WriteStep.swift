import Collections
import SiftCore

/// `write`: writes the records at this point of the pipeline to a file in the output directory
/// (and passes them on unchanged, so a recipe can write intermediate snapshots).
public struct WriteStep: RecipeStepRunner {
    public static let schema = StepSchema(kind: "write", summary: "Write the current records to a JSON Lines file.", parameters: [
        ParameterSpec("path", .string, required: true, help: "file name, relative to the recipe's output directory"),
        ParameterSpec("strip_annotations", .boolean, help: "drop Sift's `_sift` annotations from the written records (default false)"),
    ])

    let path: String
    let strip: Bool

    public init(parameters: StepParameters) throws {
        path = parameters.string("path") ?? ""
        strip = parameters.bool("strip_annotations") ?? false
    }

    public func run(_ io: StepIO) throws -> StepResult {
        guard let input = io.input else { throw SiftError("write needs an input", status: .config) }
        let target = io.outputDirectory + "/" + path
        let writer = try DatasetWriter(path: target)
        var count = 0
        try DatasetStream(paths: [input], options: io.readOptions).forEach { event in
            guard case .record(var record) = event else { return }
            if strip { record.fields.removeValue(forKey: RecordSchema.annotationKey) }
            try writer.write(record)
            count += 1
        }
        try writer.close()
        return StepResult(inputRecords: count, outputRecords: count, removedRecords: 0, outputsWritten: [target], passthrough: true)
    }
}
