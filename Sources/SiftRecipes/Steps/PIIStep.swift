import Foundation
import SiftClean
import SiftCore

/// `pii`: finds personal data and redacts, hashes (salted) or drops it, as `sift pii` does. The
/// salt comes from an environment variable named in the recipe, never from the recipe itself, so
/// the recipe can be shared without the secret that would let anyone reverse the pseudonyms.
public struct PIIStep: RecipeStepRunner {
    public static let schema = StepSchema(kind: "pii", summary: "Redact, hash or drop personal data (docs/pii.md).", parameters: [
        ParameterSpec("action", .choice(PIIAction.allCases.map(\.rawValue)), help: "what to do with matches (default redact: a cleaning step; `sift pii` defaults to report)"),
        ParameterSpec("types", .list(.choice(PIIType.allCases.map(\.rawValue))), help: "detectors (default all)"),
        ParameterSpec("fields", .list(.string), help: "only these top-level fields (default every string)"),
        ParameterSpec("salt_env", .string, help: "environment variable holding the salt for `hash` (default SIFT_PII_SALT)"),
    ])

    let action: PIIAction
    let types: [PIIType]
    let fields: Set<String>?
    let saltVariable: String

    public init(parameters: StepParameters) throws {
        action = PIIAction(rawValue: parameters.string("action") ?? "redact") ?? .redact
        types = (parameters.strings("types") ?? PIIType.allCases.map(\.rawValue)).compactMap(PIIType.init(rawValue:))
        fields = parameters.strings("fields").map(Set.init)
        saltVariable = parameters.string("salt_env") ?? "SIFT_PII_SALT"
    }

    public func run(_ io: StepIO) throws -> StepResult {
        guard let input = io.input else { throw SiftError("pii needs an input", status: .config) }
        var salt = ""
        if action == .hash {
            guard let value = ProcessInfo.processInfo.environment[saltVariable], !value.isEmpty else {
                throw SiftError("pii with action hash needs a salt in the environment variable \(saltVariable)", status: .config)
            }
            salt = value
        }
        let scrubber = PIIScrubber(scanner: PIIScanner(types: Set(types)), action: action, fields: fields, salt: salt)
        let output = try DatasetWriter(path: io.output)
        let removed = try DatasetWriter(path: io.rejects)
        let report = try PIIPipeline.run(try DatasetStream(paths: [input], options: io.readOptions), scrubber: scrubber,
                                         output: output, removed: removed, types: types)
        try output.close()
        try removed.close()
        var details = JSONObject()
        for key in ["matches", "records_with_pii"] { if let value = report.json[key] { details[key] = value } }
        return StepResult(inputRecords: output.count + removed.count, outputRecords: output.count, removedRecords: removed.count, details: details)
    }
}
