import SiftCore
import SiftDedup

/// `dedup`: exact and MinHash-LSH near-duplicate removal, as `sift dedup` does. Removed records
/// carry `_sift.dedup {reason, cluster, duplicate_of, similarity}`.
public struct DedupStep: RecipeStepRunner {
    /// The library's defaults: the step starts from them and the schema prints them.
    private static let defaults = DedupOptions()

    public static let schema = StepSchema(kind: "dedup", summary: "Remove exact and near-duplicate records (docs/dedup.md).", parameters: [
        ParameterSpec("method", .choice(DedupMethod.allCases.map(\.rawValue)), help: "exact, minhash or both (default \(defaults.method.rawValue))"),
        ParameterSpec(DedupOptions.Parameters.threshold, default: defaults.threshold),
        ParameterSpec(DedupOptions.Parameters.ngram, default: defaults.shingler.size),
        ParameterSpec("shingle", .choice(ShingleUnit.allCases.map(\.rawValue)), help: "shingle unit (default \(defaults.shingler.unit.rawValue))"),
        ParameterSpec(DedupOptions.Parameters.numPerm, default: defaults.numPerm),
        ParameterSpec(DedupOptions.Parameters.bands),
        ParameterSpec(DedupOptions.Parameters.rows),
        ParameterSpec("keep", .choice(KeepPolicy.allCases.map(\.rawValue)), help: "which record of a cluster survives (default \(defaults.keep.rawValue))"),
        ParameterSpec("field", .string, help: "compare this field instead of the kind's text"),
        ParameterSpec("verify", .boolean, help: "confirm near-duplicates by exact Jaccard (default \(defaults.verify))"),
        ParameterSpec("seed", .integer(0...Int.max), help: "MinHash seed (default \(defaults.seed))"),
    ])

    let options: DedupOptions

    public init(parameters: StepParameters) throws {
        var options = DedupOptions()
        if let method = parameters.string("method").flatMap(DedupMethod.init(rawValue:)) { options.method = method }
        if let threshold = parameters.double("threshold") { options.threshold = threshold }
        if let unit = parameters.string("shingle").flatMap(ShingleUnit.init(rawValue:)) { options.shingler.unit = unit }
        if let ngram = parameters.int("ngram") { options.shingler.size = ngram }
        if let numPerm = parameters.int("num_perm") { options.numPerm = numPerm }
        if let bands = parameters.int("bands"), let rows = parameters.int("rows") {
            options.banding = LSHParameters(bands: bands, rows: rows)
        } else if parameters.has("bands") || parameters.has("rows") {
            throw SiftError("dedup: give both bands and rows, or neither", status: .config)
        }
        if let keep = parameters.string("keep").flatMap(KeepPolicy.init(rawValue:)) { options.keep = keep }
        options.field = parameters.string("field")
        if let verify = parameters.bool("verify") { options.verify = verify }
        if let seed = parameters.int("seed") { options.seed = UInt64(seed) }
        try options.validate()
        self.options = options
    }

    public func run(_ io: StepIO) throws -> StepResult {
        guard let input = io.input else { throw SiftError("dedup needs an input", status: .config) }
        let report = try Deduplicator(paths: [input], readOptions: io.readOptions, options: options).run(out: io.output, removed: io.rejects)
        return StepResult(inputRecords: report.items, outputRecords: report.kept,
                          removedRecords: report.removedExact + report.removedNear + report.malformedCount,
                          details: ["exact": .integer(report.removedExact), "near": .integer(report.removedNear), "clusters": .integer(report.clusters)])
    }
}
