import Foundation
import SiftCore
import SiftDedup

/// A recipe cut into stages of independent tasks, for `sift run --executor local|slurm`.
///
/// Per-record steps (filter, pii, decontam, sample by fraction, write) run as one task per shard;
/// `dedup` becomes four stages (sketch per shard, pairs per band partition, clusters, filter per
/// shard: see `ShardSketcher`, `BandPartitionMatcher`, `ClusterMerger`, `ShardDuplicateFilter`);
/// steps that need every record at once in their own order (`split`, `sample` with `n`,
/// `drop-label-errors`, whose folds and thresholds are over the whole set) run as one task over
/// the shards concatenated, after which the recipe continues as one shard; a split
/// that keeps near-duplicates together first clusters them with the dedup stages (sketch, pairs,
/// clusters), so that one task holds a group number per record, not every signature.
/// The plan is written to the work directory and its SHA-256 recorded, so that `--resume` can
/// refuse to continue a run whose recipe or inputs changed.
public struct ScalePlan: Codable, Sendable {
    public enum Role: String, Codable, Sendable {
        case read, records, write, gather
        case dedupSketch = "dedup-sketch", dedupPairs = "dedup-pairs", dedupClusters = "dedup-clusters", dedupFilter = "dedup-filter"
    }

    public struct Stage: Codable, Sendable {
        /// `02-filter`, `03-dedup-pairs`...: names the stage's directory, markers and logs.
        public var name: String
        /// Index of the recipe step the stage belongs to.
        public var step: Int
        public var role: Role
        public var tasks: Int
        /// The stage whose shard outputs this stage reads (nil for `read`).
        public var source: String?
    }

    /// An input file as planned: a changed size or modification time refuses `--resume`.
    public struct InputState: Codable, Sendable, Equatable {
        public var path: String
        public var bytes: Int
        public var modified: Double
    }

    public var recipePath: String
    public var recipeSHA256: String
    public var inputs: [InputState]
    public var shards: [[InputUnit]]
    public var stages: [Stage]

    /// Plans `recipe` for at most `tasks` shards.
    public static func make(recipe: Recipe, registry: StepRegistry, tasks: Int) throws -> ScalePlan {
        guard tasks >= 1 else { throw ParameterError("tasks", "{tasks} must be at least 1, got \(tasks)") }
        let runners = try recipe.steps.map { try registry.make($0, file: recipe.path) }
        guard let read = runners.first as? ReadStep else { throw SiftError("a recipe starts with a `read` step", status: .config) }
        let shards = try InputSharding.shards(paths: read.paths, format: read.format, tasks: tasks)
        var inputs: [InputState] = []
        for path in runners.flatMap({ $0.externalInputs }) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            inputs.append(InputState(path: path, bytes: (attributes?[.size] as? Int) ?? 0,
                                     modified: (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0))
        }
        var stages = [Stage(name: recipe.steps[0].label, step: 0, role: .read, tasks: shards.count, source: nil)]
        var data = stages[0].name
        var width = shards.count
        for (index, (step, runner)) in zip(recipe.steps, runners).enumerated().dropFirst() {
            func add(_ suffix: String?, _ role: Role, _ tasks: Int) {
                stages.append(Stage(name: step.label + (suffix.map { "-" + $0 } ?? ""), step: index, role: role, tasks: tasks, source: data))
            }
            /// Sketch per shard, pairs per band partition, one merge: each reads the sketch stage's files.
            func addClustering(_ options: DedupOptions) {
                let bands = options.method == .exact ? tasks : options.resolvedBanding.bands
                add("sketch", .dedupSketch, width)
                add("pairs", .dedupPairs, max(1, min(tasks, bands)))
                stages[stages.count - 1].source = stages[stages.count - 2].name
                add("clusters", .dedupClusters, 1)
                stages[stages.count - 1].source = stages[stages.count - 3].name
            }
            switch runner {
            case is FilterStep, is PIIStep, is DecontamStep:
                add(nil, .records, width)
                data = stages.last!.name
            case let sample as SampleStep where sample.fraction != nil:
                add(nil, .records, width)
                data = stages.last!.name
            case is WriteStep:
                add(nil, .write, width)
            case let dedup as DedupStep:
                guard !dedup.options.verify else {
                    throw SiftError("\(recipe.path):\(step.mark.line): dedup with verify: true needs every shingle set in one process; "
                                    + "run it without --executor, or drop verify", status: .config)
                }
                addClustering(dedup.options)
                add("filter", .dedupFilter, width)
                data = stages.last!.name
            case let split as SplitStep where split.groupsNearDuplicates:
                // The clusters come from the dedup stages (same files, MinHash only); the split
                // itself then runs as one task over the shards, with those clusters as groups.
                addClustering(split.nearDuplicateOptions)
                add(nil, .gather, 1)
                data = stages.last!.name
                width = 1
            default:
                add(nil, .gather, 1)
                data = stages.last!.name
                width = 1
            }
        }
        return ScalePlan(recipePath: recipe.path, recipeSHA256: recipe.sha256, inputs: inputs, shards: shards, stages: stages)
    }

    /// The plan as stored: JSON with sorted keys, so the same plan always has the same digest.
    public var encoded: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return (try? encoder.encode(self)) ?? Data()
    }

    public var sha256: String { SHA256Digest.hex(encoded) }

    public static func load(_ path: String) throws -> ScalePlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiftError("\(path): no plan here; start the run without --resume", status: .noInput)
        }
        do { return try JSONDecoder().decode(ScalePlan.self, from: data) } catch {
            throw SiftError("\(path): unreadable plan (\(error))", status: .dataError)
        }
    }

    public func stage(named name: String) -> Stage? { stages.first { $0.name == name } }

    /// The stage whose `out-i.jsonl` files hold the records `name` stands for: `write` and the
    /// dedup helper stages write none of their own, so a stage reading them reads their source's.
    func recordsStage(_ name: String) -> String {
        guard let stage = stage(named: name), let source = stage.source,
              [.write, .dedupSketch, .dedupPairs, .dedupClusters].contains(stage.role) else { return name }
        return recordsStage(source)
    }

    /// The partitions of a dedup stage's sketch (as many as its pairs stage has tasks).
    func partitions(ofDedupAt step: Int) -> Int {
        stages.first { $0.step == step && $0.role == .dedupPairs }?.tasks ?? 1
    }
}
