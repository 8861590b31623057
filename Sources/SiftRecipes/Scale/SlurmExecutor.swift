import Foundation
import SiftCore

/// `--executor slurm`: one `sbatch --array` script per stage with pending tasks (only those
/// indices), each stage submitted with `--dependency=afterok:` on the one before and
/// `--kill-on-invalid-dep=yes`, so a failed stage cancels what follows instead of leaving it
/// pending. The run is followed with `squeue` (and the markers, for progress); when the jobs have
/// left the queue, `sacct` gives the state of the tasks without a marker when accounting is on.
/// Only `sbatch`, `squeue`, `sacct` and `scancel` are used: nothing to install on the cluster but
/// the `sift` binary on a shared file system with the work directory.
public struct SlurmExecutor: StageExecutor {
    public struct Options: Sendable {
        public var partition: String?
        public var time: String?
        public var memory: String?
        public var cpusPerTask: Int?
        /// Extra `#SBATCH` lines, as written after `#SBATCH ` (e.g. `--account=lab`).
        public var extra: [String] = []
        /// Seconds between `squeue` polls.
        public var poll: Double = 2

        public init() {}
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// The batch script of one stage.
    public func script(stage: ScalePlan.Stage, tasks: [Int], command: TaskCommand) throws -> String {
        // The log path goes on sbatch's command line (`submitArguments`): a work directory with
        // spaces or quotes would be split by the parser of `#SBATCH` lines.
        var lines = ["#!/bin/sh", "#SBATCH --job-name=sift-\(stage.name)", "#SBATCH --array=\(Self.arraySpec(tasks))"]
        if let partition = options.partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time = options.time { lines.append("#SBATCH --time=\(time)") }
        if let memory = options.memory { lines.append("#SBATCH --mem=\(memory)") }
        let cpus = options.cpusPerTask ?? 1
        lines.append("#SBATCH --cpus-per-task=\(cpus)")
        for argument in options.extra { lines.append("#SBATCH \(argument)") }
        for line in lines where line.contains("\n") || line.contains("\r") {
            throw SiftError("a Slurm option holds a line break: \(line.debugDescription)", status: .usage)
        }
        lines.append("")
        lines.append("echo \"== sift run-task --stage \(stage.name) --task $SLURM_ARRAY_TASK_ID (job $SLURM_JOB_ID on $(hostname))\"")
        lines.append("export SIFT_THREADS=\"${SIFT_THREADS:-${SLURM_CPUS_PER_TASK:-\(cpus)}}\"")
        lines.append("cd \(Self.quoted(command.directory)) || exit 66")
        let arguments = [command.binary] + command.arguments(stage: stage.name, task: "__TASK__")
        lines.append("exec " + arguments.map { $0 == "__TASK__" ? "\"$SLURM_ARRAY_TASK_ID\"" : Self.quoted($0) }.joined(separator: " "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `0-7` for a full range, else `1,4,6`.
    static func arraySpec(_ tasks: [Int]) -> String {
        if let first = tasks.first, let last = tasks.last, last - first + 1 == tasks.count { return first == last ? "\(first)" : "\(first)-\(last)" }
        return tasks.map(String.init).joined(separator: ",")
    }

    /// A single-quoted shell word: dataset paths never reach the shell unquoted.
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    public func run(plan: ScalePlan, command: TaskCommand, progress: @escaping (String) -> Void) throws -> [TaskFailure] {
        for tool in ["sbatch", "squeue"] where Self.which(tool) == nil {
            throw SiftError("\(tool) is not on PATH: --executor slurm submits with sbatch and follows with squeue; run on a Slurm login node, or use --executor local",
                            status: .config)
        }
        let workdir = command.workdir
        var submitted: [(stage: ScalePlan.Stage, job: String, tasks: [Int])] = []
        var previous: String?
        for stage in plan.stages {
            let pending = workdir.pending(stage)
            guard !pending.isEmpty else {
                progress("\(stage.name): \(stage.tasks)/\(stage.tasks) tasks done before (resumed)")
                continue
            }
            let path = "\(workdir.slurmDirectory)/\(stage.name).sbatch"
            try writeFileAtomically(path, try script(stage: stage, tasks: pending, command: command))
            var arguments = ["--parsable", "--kill-on-invalid-dep=yes", "--open-mode=append",
                             "--output=\(workdir.path)/logs/\(stage.name).%a.log"]
            if let previous { arguments.append("--dependency=afterok:\(previous)") }
            arguments.append(path)
            let (status, output) = try Self.execute("sbatch", arguments)
            guard status == 0, let job = output.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }), !job.isEmpty else {
                for earlier in submitted { _ = try? Self.execute("scancel", [earlier.job]) }
                throw SiftError("sbatch \(path) failed (exit status \(status)): \(output.trimmingCharacters(in: .whitespacesAndNewlines))", status: .ioError)
            }
            progress("\(stage.name): submitted job \(job) (array \(Self.arraySpec(pending)))")
            submitted.append((stage, job, pending))
            previous = job
        }
        return try follow(submitted, workdir: workdir, progress: progress)
    }

    private func follow(_ jobs: [(stage: ScalePlan.Stage, job: String, tasks: [Int])], workdir: ScaleWorkdir,
                        progress: (String) -> Void) throws -> [TaskFailure] {
        var reported: [String: Int] = [:]
        while true {
            var anyQueued = false
            for (stage, job, _) in jobs {
                let (status, output) = try Self.execute("squeue", ["-h", "-j", job, "-o", "%T"])
                let states = status == 0 ? output.split(separator: "\n").map(String.init) : []
                if !states.isEmpty { anyQueued = true }
                let done = stage.tasks - workdir.pending(stage).count
                if reported[stage.name] != done {
                    reported[stage.name] = done
                    let summary = Dictionary(grouping: states, by: { $0 }).map { "\($0.value.count) \($0.key.lowercased())" }.sorted().joined(separator: ", ")
                    progress("\(stage.name): \(done)/\(stage.tasks) tasks done" + (summary.isEmpty ? "" : " (\(summary))"))
                }
            }
            if !anyQueued { break }
            Thread.sleep(forTimeInterval: options.poll)
        }
        var failures: [TaskFailure] = []
        for (stage, job, tasks) in jobs {
            let missing = tasks.filter { !workdir.isDone(stage.name, $0) }
            guard !missing.isEmpty else { continue }
            let states = accountedStates(job: job)
            for task in missing {
                failures.append(TaskFailure(stage: stage.name, task: task,
                                            status: states[task] ?? "no completion marker; sacct has no record (accounting off?)",
                                            log: workdir.log(stage.name, task)))
            }
            break
        }
        return failures
    }

    /// `sacct`'s state and exit code of each array task of a job, when accounting is on.
    private func accountedStates(job: String) -> [Int: String] {
        guard Self.which("sacct") != nil, let (status, output) = try? Self.execute("sacct", ["-n", "-P", "-X", "-j", job, "-o", "JobID,State,ExitCode"]),
              status == 0 else { return [:] }
        var states: [Int: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "|").map(String.init)
            guard fields.count >= 3, let underscore = fields[0].firstIndex(of: "_"),
                  let task = Int(fields[0][fields[0].index(after: underscore)...]) else { continue }
            states[task] = "\(fields[1]), exit code \(fields[2])"
        }
        return states
    }

    static func which(_ tool: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a Slurm command (arguments passed as a list, never through a shell); returns its
    /// status and standard output plus error.
    static func execute(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        guard let path = which(tool) else { throw SiftError("\(tool) is not on PATH", status: .config) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
