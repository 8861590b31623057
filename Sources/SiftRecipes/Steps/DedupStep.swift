import SiftCore
import SiftDedup

/// `dedup`: exact and MinHash-LSH near-duplicate removal, as `sift dedup` does. Removed records
/// carry `_sift.dedup {reason, cluster, duplicate_of, similarity}`.
public struct DedupStep: RecipeStepRunner {
    public static let schema = StepSchema(kind: "dedup", summary: "Remove exact and near-duplicate records (docs/dedup.md).", parameters: [
        ParameterSpec("method", .choice(DedupMethod.allCases.map(\.rawValue)), help: "exact, minhash or both (default both)"),
        ParameterSpec("threshold", .number(0.01...1), help: "Jaccard similarity for near-duplicates (default 0.8)"),
        ParameterSpec("ngram", .integer(1...64), help: "shingle size (default 5)"),
        ParameterSpec("shingle", .choice(["word", "char"]), help: "shingle unit (default word)"),
        ParameterSpec("num_perm", .integer(8...1024), help: "MinHash permutations (default 128)"),
        ParameterSpec("bands", .integer(1...1024), help: "LSH bands (with rows; default chosen from threshold)"),
        ParameterSpec("rows", .integer(1...1024), help: "LSH rows per band"),
        ParameterSpec("keep", .choice(KeepPolicy.allCases.map(\.rawValue)), help: "which record of a cluster survives (default first)"),
        ParameterSpec("field", .string, help: "compare this field instead of the kind's text"),
        ParameterSpec("verify", .boolean, help: "confirm near-duplicates by exact Jaccard (default false)"),
        ParameterSpec("seed", .integer(0...Int.max), help: "MinHash seed (default 1)"),
    ])

    let options: DedupOptions

    public init(parameters: StepParameters) throws {
        var options = DedupOptions()
        if let method = parameters.string("method").flatMap(DedupMethod.init(rawValue:)) { options.method = method }
        if let threshold = parameters.double("threshold") { options.threshold = threshold }
        options.shingler = Shingler(unit: ShingleUnit(rawValue: parameters.string("shingle") ?? "word") ?? .word, size: parameters.int("ngram") ?? 5)
        if let numPerm = parameters.int("num_perm") { options.numPerm = numPerm }
        if let bands = parameters.int("bands"), let rows = parameters.int("rows") {
            guard bands * rows <= options.numPerm else { throw SiftError("dedup: bands × rows exceeds num_perm", status: .config) }
            options.banding = LSHParameters(bands: bands, rows: rows)
        } else if parameters.has("bands") || parameters.has("rows") {
            throw SiftError("dedup: give both bands and rows, or neither", status: .config)
        }
        if let keep = parameters.string("keep").flatMap(KeepPolicy.init(rawValue:)) { options.keep = keep }
        options.field = parameters.string("field")
        options.verify = parameters.bool("verify") ?? false
        if let seed = parameters.int("seed") { options.seed = UInt64(seed) }
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
