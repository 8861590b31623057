import SiftClean
import SiftCore

/// `filter`: the published quality rule sets (Gopher quality and repetition, C4, FineWeb) and the
/// instruction-data rules, as `sift filter` runs them. Removed records carry `_sift.filter`.
public struct FilterStep: RecipeStepRunner {
    public static let schema = StepSchema(kind: "filter", summary: "Remove records failing quality rules (docs/filters.md).", parameters: [
        ParameterSpec("rules", .list(.choice(RuleSetName.allCases.map(\.rawValue))), required: true, help: "rule sets, in order"),
        ParameterSpec("set", .mapping, help: "threshold overrides, e.g. {gopher-quality.min_doc_words: 100}"),
        ParameterSpec("field", .string, help: "filter this field instead of the kind's main text"),
    ])

    let configuration: FilterConfiguration

    public init(parameters: StepParameters) throws {
        var configuration = FilterConfiguration(ruleSets: (parameters.strings("rules") ?? []).compactMap(RuleSetName.init(rawValue:)),
                                                textField: parameters.string("field"))
        for (name, value) in parameters.mapping("set") { try configuration.set("\(name)=\(value)") }
        self.configuration = configuration
    }

    public func run(_ io: StepIO) throws -> StepResult {
        guard let input = io.input else { throw SiftError("filter needs an input", status: .config) }
        var options = io.readOptions
        options.keepsSourceLines = true
        let stream = try DatasetStream(paths: [input], options: options)
        let kind = try io.kind ?? stream.detectKind()
        let kept = try DatasetWriter(path: io.output)
        let removed = try DatasetWriter(path: io.rejects)
        let report = try FilterPipeline.run(stream, kind: kind, configuration: configuration, kept: kept, removed: removed)
        try kept.close()
        try removed.close()
        var details = JSONObject()
        if let rules = report.json["rules"] { details["rules"] = rules }
        return StepResult(inputRecords: report.records + report.malformed, outputRecords: report.kept,
                          removedRecords: report.removed + report.malformed, details: details)
    }
}
