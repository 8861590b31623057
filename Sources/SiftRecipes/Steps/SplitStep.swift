import Foundation
import SiftCore
import SiftDedup
import SiftSplit

/// `split`: the last step: writes `<output>/<name>.jsonl` per split, random, stratified or grouped
/// (by a field or by near-duplicate cluster), as `sift split` does.
public struct SplitStep: RecipeStepRunner {
    public static let schema = StepSchema(kind: "split", summary: "Write train/validation/test splits without leakage.", position: .last, parameters: [
        ParameterSpec("ratios", .list(.number(SplitOptions.Parameters.ratio.range)), required: true, help: "shares, e.g. [0.8, 0.1, 0.1] (normalised to sum to 1)"),
        ParameterSpec("names", .list(.string), help: "split names (default train, validation, test)"),
        ParameterSpec("stratify", .string, help: "`label` or a field whose proportions every split keeps"),
        ParameterSpec("group_by", .string, help: "`near-duplicates` or a field: groups never straddle splits"),
        ParameterSpec(SplitOptions.Parameters.threshold, default: SplitOptions.defaultThreshold),
        ParameterSpec("seed", .integer(0...Int.max), help: "random seed (default \(SplitOptions.defaultSeed))"),
    ])

    let ratios: [Double]
    let names: [String]
    let stratify: String?
    let groupBy: String?
    let threshold: Double
    let seed: UInt64

    public init(parameters: StepParameters) throws {
        ratios = parameters.doubles("ratios") ?? []
        names = parameters.strings("names") ?? SplitOptions.defaultNames(count: ratios.count)
        stratify = parameters.string("stratify")
        groupBy = parameters.string("group_by")
        threshold = parameters.double("threshold") ?? SplitOptions.defaultThreshold
        seed = parameters.int("seed").map(UInt64.init) ?? SplitOptions.defaultSeed
        guard names.count == ratios.count else { throw SiftError("split: \(names.count) names for \(ratios.count) ratios", status: .config) }
    }

    /// Whether groups are near-duplicate clusters (which a sharded run computes in stages).
    var groupsNearDuplicates: Bool { groupBy == "near-duplicates" }

    /// The clustering `NearDuplicateGroups` does (`NearDuplicateDetector`'s defaults: 128
    /// permutations, word 5-grams, seed 1, banding chosen from the threshold; MinHash only, no
    /// exact pass) as deduplication options, so a sharded run computes the same clusters with the
    /// dedup stages.
    var nearDuplicateOptions: DedupOptions {
        var options = DedupOptions()
        options.method = .minhash
        options.threshold = threshold
        options.keep = .first
        return options
    }

    public func run(_ io: StepIO) throws -> StepResult {
        guard let input = io.input else { throw SiftError("split needs an input", status: .config) }
        return try run(io, paths: [input], nearDuplicateGroups: nil)
    }

    /// Runs the split over `paths` read as one stream (a sharded run's shards, in order, instead
    /// of a concatenated copy); `nearDuplicateGroups` (one group per record, in stream order) are
    /// the clusters a sharded run computed, used instead of clustering here.
    func run(_ io: StepIO, paths: [String], nearDuplicateGroups: [Int]?) throws -> StepResult {
        let grouping: SplitGrouping
        switch groupBy {
        case nil: grouping = .none
        case "near-duplicates":
            grouping = .groups(try nearDuplicateGroups ?? NearDuplicateGroups.compute(paths: paths, threshold: threshold, readOptions: io.readOptions))
        case let field?: grouping = .field(field)
        }
        try FileManager.default.createDirectory(atPath: io.outputDirectory, withIntermediateDirectories: true)
        let options = SplitOptions(names: names, ratios: ratios, stratify: stratify, grouping: grouping, seed: seed)
        let report = try DatasetSplitter.split(paths: paths, outputs: names.map { "\(io.outputDirectory)/\($0).jsonl" },
                                               rejects: io.rejects, options: options, readOptions: io.readOptions)
        // The stream ends here: the step's own checkpoint is empty, the splits are the outputs.
        try writeFileAtomically(io.output, "")
        let total = report.counts.reduce(0, +)
        var details = JSONObject()
        for (name, count) in zip(report.names, report.counts) { details[name] = .integer(count) }
        details["groups_in_several_splits"] = .integer(report.groupsInSeveralSplits)
        return StepResult(inputRecords: total + report.malformed, outputRecords: total, removedRecords: report.malformed,
                          details: details, outputsWritten: report.outputs)
    }
}
