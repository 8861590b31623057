import Foundation
import SiftCore

/// Where a sharded run keeps its plan, the stages' files, completion markers and logs.
public struct ScaleWorkdir: Sendable {
    public let path: String

    public init(_ path: String) {
        self.path = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    public var plan: String { "\(path)/plan.json" }
    public var planDigest: String { "\(path)/plan.sha256" }
    public var lock: String { "\(path)/run.lock" }
    public func stageDirectory(_ stage: String) -> String { "\(path)/stages/\(stage)" }
    public func marker(_ stage: String, _ task: Int) -> String { "\(path)/markers/\(stage).\(task).json" }
    public func log(_ stage: String, _ task: Int) -> String { "\(path)/logs/\(stage).\(task).log" }
    public var slurmDirectory: String { "\(path)/slurm" }
    /// Present while the run was asked to keep every stage's shard files (`--keep-stage-files`).
    public var keepStageFiles: String { "\(path)/keep-stage-files" }
    /// Present once a stage's shard files were deleted (`StageFileRelease`).
    public func released(_ stage: String) -> String { "\(stageDirectory(stage))/released" }

    /// A shard's records after a stage (`out-i.jsonl`) and what the stage removed (`rejects-i.jsonl`).
    public func output(_ stage: String, _ shard: Int) -> String { "\(stageDirectory(stage))/out-\(shard).jsonl" }
    public func rejects(_ stage: String, _ shard: Int) -> String { "\(stageDirectory(stage))/rejects-\(shard).jsonl" }
    /// A `write` stage's part of the final file.
    public func part(_ stage: String, _ shard: Int) -> String { "\(stageDirectory(stage))/part-\(shard).jsonl" }
    /// Where a one-task stage's step writes its final outputs (`split`), moved at the end.
    public func finals(_ stage: String) -> String { "\(stageDirectory(stage))/final" }

    public func isDone(_ stage: String, _ task: Int) -> Bool { FileManager.default.fileExists(atPath: marker(stage, task)) }

    public func pending(_ stage: ScalePlan.Stage) -> [Int] { (0..<stage.tasks).filter { !isDone(stage.name, $0) } }

    func createDirectories(for plan: ScalePlan) throws {
        let fm = FileManager.default
        for sub in ["markers", "logs", "slurm"] { try fm.createDirectory(atPath: "\(path)/\(sub)", withIntermediateDirectories: true) }
        for stage in plan.stages { try fm.createDirectory(atPath: stageDirectory(stage.name), withIntermediateDirectories: true) }
    }
}

/// What one finished task did: written last, atomically, so its presence means the task's files
/// are complete.
public struct TaskMarker: Codable, Sendable {
    public var records: Int
    public var kept: Int
    public var removed: Int
    /// Step details (per-rule counts...) as JSON text, summed over shards for the manifest.
    public var details: String
    public var outputs: [String]
    /// Documents sketched (dedup sketch stage), for the merge.
    public var documents: Int?

    public static func load(_ path: String) throws -> TaskMarker {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiftError("\(path): missing completion marker", status: .ioError)
        }
        return try JSONDecoder().decode(TaskMarker.self, from: data)
    }

    func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeFileAtomically(path, Array(try encoder.encode(self)))
    }

    var detailsObject: JSONObject { (try? JSONParser.parse(Array(details.utf8)))?.objectValue ?? [:] }
}
