import ArgumentParser
import Foundation
import SiftCore
import SiftRecipes
import SiftReport

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a YAML recipe: read, filter, pii, dedup, decontam, sample, split, write — with a manifest.",
        discussion: """
        Outputs, rejects.jsonl and manifest.json go to the recipe's `output` directory. Each step checkpoints \
        under <output>/.sift-run/; --resume skips the steps whose inputs and parameters are unchanged. \
        Paths in a recipe are relative to the current directory.

        With --executor local|slurm the recipe runs as stages of --tasks shard tasks, each a separate         `sift` process (docs/scale.md): per-record steps per shard, dedup in four stages (signatures,         band partitions, clusters, filter), split and sample-n as one task. Markers, logs and scripts go         under --workdir; --resume reruns only the tasks without a completion marker. The outputs are the         records of the single-process run, in the same order.
        """
    )

    @Argument(help: "The recipe file.")
    var recipe: String?

    @Flag(help: "Continue an interrupted run, reusing finished steps whose inputs and parameters are unchanged.")
    var resume = false

    @Flag(help: "List the step kinds and their parameters.")
    var listSteps = false

    @OptionGroup var jsonReport: JSONReportOptions

    @Option(help: ArgumentHelp("Run as sharded stages of separate processes: local or slurm (docs/scale.md).", valueName: "executor"))
    var executor: ScaleExecutorName?

    @Option(help: "Shards per per-record stage (with --executor).")
    var tasks = 1

    @Option(help: ArgumentHelp("Work directory for plan, shards, markers and logs (default <output>/.sift-scale).", valueName: "dir"))
    var workdir: String?

    @Flag(help: "With --executor: keep every stage's shard files in the work directory (by default a stage's files are deleted once the stages reading them finished).")
    var keepStageFiles = false

    @Option(help: "Local executor: tasks running at once (default: the number of cores).")
    var parallel: Int?

    @Option(help: "Slurm: partition.")
    var partition: String?

    @Option(help: ArgumentHelp("Slurm: time limit per task (e.g. 01:00:00).", valueName: "limit"))
    var time: String?

    @Option(help: ArgumentHelp("Slurm: memory per task (e.g. 4G).", valueName: "size"))
    var mem: String?

    @Option(help: "Slurm: CPUs per task (default 1).")
    var cpusPerTask: Int?

    @Option(help: ArgumentHelp("Slurm: an extra #SBATCH argument (repeatable), e.g. --sbatch-arg=--account=lab.", valueName: "arg"))
    var sbatchArg: [String] = []

    @Option(help: ArgumentHelp("Slurm: seconds between squeue polls.", valueName: "seconds"))
    var poll: Double = 2

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let registry = StepRegistry.standard
        if listSteps {
            for schema in registry.schemas {
                print("\(schema.kind): \(schema.summary)")
                for p in schema.parameters { print("    \(p.name)\(p.required ? " (required)" : ""): \(p.help)") }
            }
            return
        }
        guard let recipe else { throw ValidationError("give a recipe file, or --list-steps") }
        try reportingErrors {
            let parsed: Recipe
            do {
                parsed = try RecipeParser.parse(file: recipe, registry: registry)
            } catch let error as RecipeError {
                throw SiftError(error.description, status: .config)
            }
            let terminal = Terminal.standardOutput
            say(terminal.bold("recipe \(parsed.name)") + terminal.dim("  → \(parsed.outputDirectory)"))
            if let executor {
                try runSharded(parsed, registry: registry, executor: executor, terminal: terminal)
                return
            }
            var table = TextTable(["step", "in", "out", "removed", ""])
            var runner = RecipeRunner(recipe: parsed, registry: registry)
            runner.onStep = { step, result, resumed in
                table.add([step.label, Format.count(result.inputRecords), Format.count(result.outputRecords),
                           Format.count(result.removedRecords), resumed ? "(resumed)" : ""])
            }
            let manifest: RecipeManifest
            do {
                manifest = try runner.run(resume: resume)
            } catch let error as RecipeError {
                // A step's parameters that only the capability can judge (bands × rows ≤ num_perm).
                throw SiftError(error.description, status: .config)
            }
            say(table.render(style: terminal.dim))
            for output in manifest.outputs {
                say("  wrote \(output["path"]?.stringValue ?? "")  (\(Format.count(output["records"]?.intValue ?? 0)) records)")
            }
            say("  manifest \(parsed.outputDirectory)/manifest.json")
            try jsonReport.write(manifest.json)
        }
    }
}

extension RunCommand {
    /// The human summary: on standard output, or on standard error when `--json -` takes it.
    func say(_ line: String) {
        if jsonReport.printsSummary { print(line) } else { printError(line) }
    }
}

enum ScaleExecutorName: String, ExpressibleByArgument, CaseIterable {
    case local, slurm
}

extension RunCommand {
    /// `--executor`: plan, run the stage tasks, assemble; same table and files as the unsharded run.
    func runSharded(_ recipe: Recipe, registry: StepRegistry, executor name: ScaleExecutorName, terminal: Terminal) throws {
        guard tasks >= 1 else { throw SiftError("--tasks must be at least 1", status: .usage) }
        let executor: any StageExecutor
        switch name {
        case .local:
            guard (parallel ?? 1) >= 1 else { throw SiftError("--parallel must be at least 1", status: .usage) }
            executor = LocalExecutor(parallel: parallel ?? ProcessInfo.processInfo.activeProcessorCount)
        case .slurm:
            var options = SlurmExecutor.Options()
            options.partition = partition
            options.time = time
            options.memory = mem
            options.cpusPerTask = cpusPerTask
            options.extra = sbatchArg
            options.poll = poll
            executor = SlurmExecutor(options: options)
        }
        let dir = ScaleWorkdir(workdir ?? recipe.outputDirectory + "/.sift-scale")
        var run = ScaleRun(recipe: recipe, registry: registry, workdir: dir, tasks: tasks, executorName: name.rawValue, executor: executor)
        run.progress = { say(terminal.dim("  " + $0)) }
        run.keepStageFiles = keepStageFiles
        say(terminal.dim("  \(name.rawValue) executor, up to \(tasks) task\(tasks == 1 ? "" : "s") per stage, work directory \(dir.path)"))
        let outcome = try run.run(resume: resume)
        var table = TextTable(["step", "in", "out", "removed"])
        for (step, result) in outcome.steps {
            table.add([step.label, Format.count(result.inputRecords), Format.count(result.outputRecords), Format.count(result.removedRecords)])
        }
        say(table.render(style: terminal.dim))
        for (path, records) in outcome.outputs { say("  wrote \(path)  (\(Format.count(records)) records)") }
        say("  manifest \(recipe.outputDirectory)/manifest.json")
        try jsonReport.write(outcome.manifest)
    }
}
