#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SiftCore

/// `sift run --executor local|slurm --tasks N`: plans the recipe, runs its stages' pending tasks
/// with an executor, and only when every task has its marker assembles the outputs (shards
/// concatenated in shard order, which is input order), `rejects.jsonl` (step by step, shard by
/// shard, as the unsharded run writes it) and `manifest.json`, each written to a temporary name
/// and renamed. The work directory is locked while a run uses it.
public struct ScaleRun {
    public let recipe: Recipe
    public let registry: StepRegistry
    public let workdir: ScaleWorkdir
    public let tasks: Int
    public let executorName: String
    public let executor: any StageExecutor
    public var binary = TaskCommand.currentBinary
    /// Keep every stage's shard files instead of deleting them once their readers finished
    /// (`StageFileRelease`): for looking at what a stage wrote.
    public var keepStageFiles = false
    public var progress: (String) -> Void = { _ in }

    public init(recipe: Recipe, registry: StepRegistry, workdir: ScaleWorkdir, tasks: Int, executorName: String, executor: any StageExecutor) {
        self.recipe = recipe
        self.registry = registry
        self.workdir = workdir
        self.tasks = tasks
        self.executorName = executorName
        self.executor = executor
    }

    /// Per recipe step: its counts summed over shards.
    public struct Outcome {
        public var manifest: JSONValue
        public var steps: [(RecipeStep, StepResult)]
        public var outputs: [(path: String, records: Int)]
    }

    public func run(resume: Bool) throws -> Outcome {
        let fm = FileManager.default
        try fm.createDirectory(atPath: workdir.path, withIntermediateDirectories: true)
        try acquireLock()
        defer { try? fm.removeItem(atPath: workdir.lock) }

        let plan = try ScalePlan.make(recipe: recipe, registry: registry, tasks: tasks)
        if resume, fm.fileExists(atPath: workdir.plan) {
            let recorded = (try? String(contentsOfFile: workdir.planDigest, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard recorded == plan.sha256 else {
                throw SiftError("\(workdir.path): the recipe, its inputs or --tasks changed since this run started (plan \(recorded ?? "unknown") "
                                + "≠ \(plan.sha256)); start again without --resume, or use another --workdir", status: .config)
            }
        } else {
            for sub in ["stages", "markers", "logs", "slurm"] { try? fm.removeItem(atPath: "\(workdir.path)/\(sub)") }
        }
        try writeFileAtomically(workdir.plan, Array(plan.encoded))
        try writeFileAtomically(workdir.planDigest, plan.sha256 + "\n")
        try workdir.createDirectories(for: plan)
        if keepStageFiles {
            try writeFileAtomically(workdir.keepStageFiles, "")
        } else {
            try? fm.removeItem(atPath: workdir.keepStageFiles)
        }
        StageFileRelease(plan: plan, workdir: workdir).restoreLineage()
        // A stage with pending tasks makes every later stage's markers stale.
        if let firstPending = plan.stages.firstIndex(where: { !workdir.pending($0).isEmpty }) {
            for stage in plan.stages[(firstPending + 1)...] {
                for task in 0..<stage.tasks { try? fm.removeItem(atPath: workdir.marker(stage.name, task)) }
            }
        }

        let command = TaskCommand(binary: binary, workdir: workdir)
        let failures = try executor.run(plan: plan, command: command, progress: progress)
        if let first = failures.first {
            throw SiftError("\(failures.count) task\(failures.count == 1 ? "" : "s") failed; no output was written. "
                            + "Fix the cause and run again with --resume (finished tasks are kept):\n"
                            + failures.map(\.description).joined(separator: "\n") + (diskFullNote().map { "\n" + $0 } ?? ""),
                            status: first.status.hasPrefix("exit status ") ? ExitStatus(rawValue: Int32(first.status.dropFirst(12)) ?? 1) ?? .gateFailed : .ioError)
        }
        return try assemble(plan)
    }

    /// A task that fills the work directory's file system cannot even log why (its log is there
    /// too), so after a failure the driver looks: below 1 MB free, it names the cause.
    private func diskFullNote() -> String? {
        var info = statvfs()
        guard statvfs(workdir.path, &info) == 0 else { return nil }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        guard free < 1 << 20 else { return nil }
        return "\(workdir.path): its file system is full (\(free) bytes free); make room, or move the work directory (--workdir), "
            + "and run again with --resume"
    }

    // MARK: - Lock

    /// `run.lock` holds the pid and host of the run using the work directory. A lock whose process
    /// is gone on this host (a killed run) is taken over; a live one refuses the second run.
    private func acquireLock() throws {
        let host = ProcessInfo.processInfo.hostName
        let me = "\(getpid()) \(host)\n"
        for _ in 0..<2 {
            let fd = open(workdir.lock, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if fd >= 0 {
                _ = me.withCString { write(fd, $0, strlen($0)) }
                close(fd)
                return
            }
            let holder = (try? String(contentsOfFile: workdir.lock, encoding: .utf8))?.split(separator: " ").map(String.init) ?? []
            if holder.count == 2, let pid = Int32(holder[0]) {
                let sameHost = holder[1].trimmingCharacters(in: .whitespacesAndNewlines) == host
                if !sameHost || kill(pid, 0) == 0 {
                    throw SiftError("\(workdir.path) is in use by another sift run (pid \(pid) on \(holder[1].trimmingCharacters(in: .whitespacesAndNewlines))); "
                                    + "wait for it, or give another --workdir", status: .usage)
                }
            }
            try? FileManager.default.removeItem(atPath: workdir.lock)
        }
        throw SiftError("\(workdir.lock): cannot take the lock", status: .ioError)
    }

    // MARK: - Outputs and manifest

    private func markers(_ stage: ScalePlan.Stage) throws -> [TaskMarker] {
        try (0..<stage.tasks).map { try TaskMarker.load(workdir.marker(stage.name, $0)) }
    }

    private func assemble(_ plan: ScalePlan) throws -> Outcome {
        let fm = FileManager.default
        let output = recipe.outputDirectory
        try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
        let runners = try recipe.steps.map { try registry.make($0, file: recipe.path) }
        var manifest = RecipeManifest(recipe: recipe)
        var steps: [(RecipeStep, StepResult)] = []
        var shardCounts: [JSONValue] = []
        var rejectFiles: [String] = []
        for (index, (step, runner)) in zip(recipe.steps, runners).enumerated() {
            let stages = plan.stages.filter { $0.step == index }
            // The stage whose tasks saw every record of the step: all but the dedup helpers.
            guard let main = stages.last(where: { ![.dedupSketch, .dedupPairs, .dedupClusters].contains($0.role) }) else { continue }
            let perTask = try markers(main)
            var details = perTask.reduce(into: JSONObject()) { sum(&$0, $1.detailsObject) }
            if main.role == .dedupFilter, let clusters = stages.first(where: { $0.role == .dedupClusters }) {
                details = try markers(clusters)[0].detailsObject
            }
            var written: [String] = []
            switch main.role {
            case .write:
                let writeStep = runner as! WriteStep
                let target = output + "/" + writeStep.path
                let parts = (0..<main.tasks).map { workdir.part(main.name, $0) }
                if target.hasSuffix(".jsonl") {
                    try concatenate(parts, into: target)
                } else {
                    let writer = try DatasetWriter(path: target)
                    try DatasetStream(paths: parts).forEach { if case .record(let record) = $0 { try writer.write(record) } }
                    try writer.close()
                }
                written = [target]
            case .gather:
                // Copied, not moved: a later `--resume` with nothing to rerun assembles again.
                for path in perTask[0].outputs {
                    let target = output + "/" + (path as NSString).lastPathComponent
                    try concatenate([path], into: target)
                    written.append(target)
                }
            default:
                break
            }
            let result = StepResult(inputRecords: perTask.reduce(0) { $0 + $1.records }, outputRecords: perTask.reduce(0) { $0 + $1.kept },
                                    removedRecords: perTask.reduce(0) { $0 + $1.removed }, details: details,
                                    outputsWritten: written, passthrough: main.role == .write)
            var externals: [(String, String)] = []
            for path in runner.externalInputs { externals.append((path, try SHA256Digest.file(path))) }
            manifest.add(step: step, result: result, externalInputs: externals)
            for path in written { try manifest.addOutput(path) }
            steps.append((step, result))
            shardCounts.append(["step": .string(step.label), "stage": .string(main.name),
                                "tasks": .array(perTask.map { ["in": .integer($0.records), "out": .integer($0.kept), "removed": .integer($0.removed)] })])
            rejectFiles += (0..<main.tasks).map { workdir.rejects(main.name, $0) }
        }
        let allRejects = output + "/rejects.jsonl"
        try concatenate(rejectFiles, into: allRejects)
        try manifest.addOutput(allRejects, role: "rejects")
        var json = manifest.json.objectValue ?? [:]
        json["execution"] = [
            "executor": .string(executorName), "tasks": .integer(tasks), "plan_sha256": .string(plan.sha256),
            "stages": .array(plan.stages.map { ["name": .string($0.name), "role": .string($0.role.rawValue), "tasks": .integer($0.tasks)] }),
            "shards": .array(shardCounts),
        ]
        try writeFileAtomically(output + "/manifest.json", JSONWriter(style: .pretty).string(.object(json)) + "\n")
        let outputs = manifest.outputs.map { ($0["path"]?.stringValue ?? "", $0["records"]?.intValue ?? 0) }
        return Outcome(manifest: .object(json), steps: steps, outputs: outputs)
    }
}

/// Adds shard `b`'s step details into `a` (shards in order), recursively: integers are summed,
/// lists of examples concatenated up to `exampleLimit` (the filter's per-rule `ReferenceSample`
/// keeps the first 5), other values keep the first seen. Keys keep first-seen order, which is the
/// unsharded run's order of first occurrence.
func sum(_ a: inout JSONObject, _ b: JSONObject) {
    for (key, value) in b {
        switch (a[key], value) {
        case (nil, _): a[key] = value
        case (.object(var inner)?, .object(let other)):
            sum(&inner, other)
            a[key] = .object(inner)
        case (.number(let x)?, .number(let y)):
            if let x = Int(x), let y = Int(y) { a[key] = .integer(x + y) }
        case (.array(let x)?, .array(let y)):
            a[key] = .array(Array((x + y).prefix(max(exampleLimit, x.count))))
        case (_?, _):
            break
        }
    }
}

/// How many example references a step's details list per rule (`FilterReport`'s `ReferenceSample(limit: 5)`).
let exampleLimit = 5
