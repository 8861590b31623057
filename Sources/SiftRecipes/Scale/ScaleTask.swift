import Foundation
import SiftCore
import SiftDedup

/// One task of a planned stage, as `sift run-task` runs it in its own process (locally or on a
/// Slurm node): it reads its shard (or partition) from the work directory, writes its files, and
/// writes its completion marker last. Running it again overwrites the same files, so a killed or
/// failed task is simply run again.
public struct ScaleTask {
    public let plan: ScalePlan
    public let recipe: Recipe
    public let registry: StepRegistry
    public let workdir: ScaleWorkdir
    public var readOptions = ReadOptions()

    public init(plan: ScalePlan, recipe: Recipe, registry: StepRegistry, workdir: ScaleWorkdir) {
        self.plan = plan
        self.recipe = recipe
        self.registry = registry
        self.workdir = workdir
    }

    public func run(stage name: String, task: Int) throws {
        guard let stage = plan.stage(named: name) else { throw SiftError("no stage \(name) in \(workdir.plan)", status: .usage) }
        guard (0..<stage.tasks).contains(task) else { throw SiftError("stage \(name) has tasks 0..<\(stage.tasks), not \(task)", status: .usage) }
        if let position = plan.stages.firstIndex(where: { $0.name == name }), position > 0 {
            let previous = plan.stages[position - 1]
            for t in 0..<previous.tasks where !workdir.isDone(previous.name, t) {
                throw SiftError("stage \(previous.name) task \(t) has not finished; \(name) cannot start", status: .ioError)
            }
        }
        let step = recipe.steps[stage.step]
        let runner = try registry.make(step, file: recipe.path)
        let marker: TaskMarker
        switch stage.role {
        case .read: marker = try read(runner as! ReadStep, stage: stage, task: task)
        case .records: marker = try records(runner, stage: stage, shard: task)
        case .write: marker = try write(runner as! WriteStep, stage: stage, shard: task)
        case .gather: marker = try gather(runner, stage: stage)
        case .dedupSketch: marker = try sketch(try clusteringOptions(runner), stage: stage, shard: task)
        case .dedupPairs: marker = try pairs(try clusteringOptions(runner), stage: stage, partition: task)
        case .dedupClusters: marker = try clusters(try clusteringOptions(runner), membership: runner is SplitStep, stage: stage)
        case .dedupFilter: marker = try dedupFilter(stage: stage, shard: task)
        }
        try marker.save(workdir.marker(name, task))
        try StageFileRelease(plan: plan, workdir: workdir).afterTask(of: stage)
    }

    // MARK: - Where a stage's shards come from

    /// The file holding shard `shard` of the records a stage reads.
    func data(_ stageName: String, _ shard: Int) -> String {
        workdir.output(plan.recordsStage(stageName), shard)
    }

    func shardCount(_ stageName: String) -> Int {
        guard let stage = plan.stage(named: stageName) else { return 0 }
        if stage.role == .dedupPairs || stage.role == .dedupClusters { return shardCount(stage.source!) }
        return stage.tasks
    }

    /// The dataset kind of the whole stream a stage reads (first 1,000 records, as unsharded).
    func kind(of source: String) throws -> DatasetKind {
        let paths = (0..<shardCount(source)).map { data(source, $0) }
        return try DatasetStream(paths: paths, options: readOptions).detectKind()
    }

    /// Records in the shards before `shard`, from their markers.
    func recordsBefore(_ source: String, _ shard: Int) throws -> Int {
        let stageName = plan.recordsStage(source)
        return try (0..<shard).reduce(0) { $0 + (try TaskMarker.load(workdir.marker(stageName, $1))).kept }
    }

    // MARK: - Roles

    private func read(_ step: ReadStep, stage: ScalePlan.Stage, task: Int) throws -> TaskMarker {
        let output = try DatasetWriter(path: workdir.output(stage.name, task))
        let rejects = try DatasetWriter(path: workdir.rejects(stage.name, task))
        var kept = 0
        var malformed = 0
        for unit in plan.shards[task] {
            var options = readOptions
            options.format = step.format
            options.byteRange = unit.range
            options.rowGroups = unit.rowGroups
            try DatasetStream(paths: [unit.path], options: options).forEach { event in
                switch event {
                case .record(let record):
                    try output.write(record)
                    kept += 1
                case .malformed(let item):
                    try rejects.write(item.rejectRecord)
                    malformed += 1
                }
            }
        }
        try output.close()
        try rejects.close()
        return TaskMarker(records: kept + malformed, kept: kept, removed: malformed,
                          details: JSONWriter().string(["malformed": .integer(malformed)]), outputs: [])
    }

    private func records(_ runner: any RecipeStepRunner, stage: ScalePlan.Stage, shard: Int) throws -> TaskMarker {
        let source = stage.source!
        let input = data(source, shard)
        let firstIndex = try recordsBefore(source, shard)
        var options = readOptions
        if !(runner is DecontamStep) {
            // Number the shard's lines from its place in the whole stream, so that `line:N`
            // references (filter examples) are the unsharded checkpoint's. Decontam also reads its
            // evaluation files with these options, and names no training line.
            let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
            options.byteRange = FileByteRange(start: 0, end: size, firstLine: firstIndex + 1)
        }
        var io = StepIO(input: input, output: workdir.output(stage.name, shard), rejects: workdir.rejects(stage.name, shard),
                        outputDirectory: workdir.stageDirectory(stage.name), readOptions: options)
        io.kind = try kind(of: source)
        io.firstIndex = firstIndex
        let result = try runner.run(io)
        return TaskMarker(records: result.inputRecords, kept: result.outputRecords, removed: result.removedRecords,
                          details: JSONWriter().string(.object(result.details)), outputs: [])
    }

    private func write(_ step: WriteStep, stage: ScalePlan.Stage, shard: Int) throws -> TaskMarker {
        let writer = try DatasetWriter(path: workdir.part(stage.name, shard))
        var count = 0
        try DatasetStream(paths: [data(stage.source!, shard)], options: readOptions).forEach { event in
            guard case .record(var record) = event else { return }
            if step.strip { record.fields.removeValue(forKey: RecordSchema.annotationKey) }
            try writer.write(record)
            count += 1
        }
        try writer.close()
        try writeFileAtomically(workdir.rejects(stage.name, shard), "")
        return TaskMarker(records: count, kept: count, removed: 0, details: "{}", outputs: [])
    }

    /// A step that needs the whole stream in order. A split reads the shards as one stream (it
    /// writes records, never their line numbers); for the other steps the shards are concatenated
    /// into one file (byte for byte, so `line:N` references are those of an unsharded run).
    private func gather(_ runner: any RecipeStepRunner, stage: ScalePlan.Stage) throws -> TaskMarker {
        let source = stage.source!
        let shards = (0..<shardCount(source)).map { data(source, $0) }
        let finals = workdir.finals(stage.name)
        try? FileManager.default.removeItem(atPath: finals)
        try FileManager.default.createDirectory(atPath: finals, withIntermediateDirectories: true)
        var io = StepIO(input: nil, output: workdir.output(stage.name, 0), rejects: workdir.rejects(stage.name, 0),
                        outputDirectory: finals, readOptions: readOptions)
        let result: StepResult
        if let split = runner as? SplitStep {
            // Near-duplicate groups are the clusters of the step's own sketch/pairs/clusters stages.
            let groups = split.groupsNearDuplicates ? try NearDuplicateMembership(files: dedupFiles(stage), shards: shards.count).groups() : nil
            result = try split.run(io, paths: shards, nearDuplicateGroups: groups)
        } else {
            let joined = "\(workdir.stageDirectory(stage.name))/input.jsonl"
            try concatenate(shards, into: joined)
            defer { try? FileManager.default.removeItem(atPath: joined) }
            io.input = joined
            result = try runner.run(io)
        }
        if !FileManager.default.fileExists(atPath: workdir.rejects(stage.name, 0)) { try writeFileAtomically(workdir.rejects(stage.name, 0), "") }
        return TaskMarker(records: result.inputRecords, kept: result.outputRecords, removed: result.removedRecords,
                          details: JSONWriter().string(.object(result.details)), outputs: result.outputsWritten)
    }

    private func dedupFiles(_ stage: ScalePlan.Stage) -> ShardFiles {
        ShardFiles(directory: workdir.stageDirectory("\(recipe.steps[stage.step].label)-sketch"))
    }

    /// The clustering options of a step planned with sketch/pairs/clusters stages.
    private func clusteringOptions(_ runner: any RecipeStepRunner) throws -> DedupOptions {
        switch runner {
        case let dedup as DedupStep: return dedup.options
        case let split as SplitStep where split.groupsNearDuplicates: return split.nearDuplicateOptions
        default: throw SiftError("internal: \(type(of: runner)) has no clustering stages", status: .usage)
        }
    }

    private func sketch(_ options: DedupOptions, stage: ScalePlan.Stage, shard: Int) throws -> TaskMarker {
        let source = stage.source!
        let sketcher = ShardSketcher(options: options, files: dedupFiles(stage), partitions: plan.partitions(ofDedupAt: stage.step))
        let counts = try sketcher.run(input: data(source, shard), shard: shard, recordOffset: try recordsBefore(source, shard),
                                      kind: try kind(of: source), readOptions: readOptions)
        if counts.records > 0, counts.withoutText == counts.records, let field = options.field {
            throw SiftError("\(data(source, shard)): no record has field \"\(field)\" to compare")
        }
        return TaskMarker(records: counts.records, kept: counts.records, removed: 0,
                          details: JSONWriter().string(["without_text": .integer(counts.withoutText), "blank": .integer(counts.blank)]),
                          outputs: [], documents: counts.documents)
    }

    private func pairs(_ options: DedupOptions, stage: ScalePlan.Stage, partition: Int) throws -> TaskMarker {
        let matcher = BandPartitionMatcher(options: options, files: dedupFiles(stage), shards: shardCount(stage.source!))
        let counts = try matcher.run(partition: partition)
        return TaskMarker(records: 0, kept: 0, removed: 0,
                          details: JSONWriter().string(["comparisons": .integer(counts.comparisons), "pairs": .integer(counts.pairs)]), outputs: [])
    }

    private func clusters(_ options: DedupOptions, membership: Bool, stage: ScalePlan.Stage) throws -> TaskMarker {
        let sketch = "\(recipe.steps[stage.step].label)-sketch"
        let shards = shardCount(sketch)
        let documents = try (0..<shards).map { try TaskMarker.load(workdir.marker(sketch, $0)).documents ?? 0 }
        var merger = ClusterMerger(options: options, files: dedupFiles(stage), documents: documents,
                                   partitions: plan.partitions(ofDedupAt: stage.step))
        merger.writesMembership = membership
        let result = try merger.run()
        return TaskMarker(records: 0, kept: 0, removed: result.removedExact + result.removedNear,
                          details: JSONWriter().string(["exact": .integer(result.removedExact), "near": .integer(result.removedNear),
                                                        "clusters": .integer(result.clusters)]), outputs: [])
    }

    private func dedupFilter(stage: ScalePlan.Stage, shard: Int) throws -> TaskMarker {
        let input = data(stage.source!, shard)
        let counts = try ShardDuplicateFilter(files: dedupFiles(stage)).run(
            input: input, shard: shard, kept: workdir.output(stage.name, shard), removed: workdir.rejects(stage.name, shard), readOptions: readOptions)
        return TaskMarker(records: counts.records, kept: counts.kept, removed: counts.removed, details: "{}", outputs: [])
    }
}

/// Byte-for-byte concatenation of files into `target` (written to a temporary name, then renamed).
func concatenate(_ paths: [String], into target: String) throws {
    let temporary = target + ".sift-partial"
    guard FileManager.default.createFile(atPath: temporary, contents: nil), let out = FileHandle(forWritingAtPath: temporary) else {
        throw SiftError("\(temporary): cannot create", status: .ioError)
    }
    for path in paths {
        guard let input = FileHandle(forReadingAtPath: path) else { throw SiftError("\(path): missing", status: .noInput) }
        while true {
            let chunk = input.readData(ofLength: 4 << 20)
            if chunk.isEmpty { break }
            try out.write(contentsOf: chunk)
        }
        try input.close()
    }
    try out.synchronize()
    try out.close()
    guard rename(temporary, target) == 0 else { throw SiftError("\(target): cannot rename into place", status: .ioError) }
}
