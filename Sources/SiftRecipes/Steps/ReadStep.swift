import Collections
import SiftCore

/// `read`: brings datasets into the pipeline as JSON Lines. Malformed input goes to the rejects with
/// `_sift.reject: {reason, file, line}` and its raw text, so the counts add up from the first step.
public struct ReadStep: RecipeStepRunner {
    public static let schema = StepSchema(kind: "read", summary: "Read datasets (JSON Lines, JSON, CSV, TSV, gzip).", position: .first, parameters: [
        ParameterSpec("path", .list(.string), required: true, help: "input file or list of files"),
        ParameterSpec("format", .choice(["auto"] + DatasetFormat.allCases.map(\.rawValue)), help: "input format (default auto, from the name and first bytes)"),
    ])

    let paths: [String]
    let format: DatasetFormat?

    public init(parameters: StepParameters) throws {
        paths = parameters.strings("path") ?? []
        format = parameters.string("format").flatMap { $0 == "auto" ? nil : DatasetFormat(rawValue: $0) }
    }

    public var externalInputs: [String] { paths }

    public func run(_ io: StepIO) throws -> StepResult {
        var options = io.readOptions
        options.format = format
        let stream = try DatasetStream(paths: paths, options: options)
        let output = try DatasetWriter(path: io.output)
        let rejects = try DatasetWriter(path: io.rejects)
        var kept = 0
        var malformed = 0
        try stream.forEach { event in
            switch event {
            case .record(let record):
                try output.write(record)
                kept += 1
            case .malformed(let item):
                try rejects.write(item.rejectRecord)
                malformed += 1
            }
        }
        try output.close()
        try rejects.close()
        return StepResult(inputRecords: kept + malformed, outputRecords: kept, removedRecords: malformed,
                          details: ["malformed": .integer(malformed)], inputsRead: paths)
    }
}
