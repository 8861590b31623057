import Foundation
import SiftCore
import SiftTestSupport
import Testing

/// `sift run --executor local|slurm --tasks N`: real `sift run-task` processes, real files.
@Suite("sift run --executor (sharded)")
struct ScaleRunTests {
    static let root = RunCommandTests.root

    /// A bundled recipe with its output redirected into `dir/name`.
    func recipe(_ file: String, output: String, in dir: TemporaryDirectory, as name: String) throws -> String {
        var text = try String(contentsOf: Self.root.appendingPathComponent("examples/recipes/\(file)"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("output:") })
        text = text.replacingOccurrences(of: String(line), with: "output: \(output)")
        return try dir.write(name, text)
    }

    func files(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") && $0 != "manifest.json" }.sorted()
    }

    /// How many times a task ran: each start appends a `== sift run-task` line to its log.
    func runs(_ stage: String, _ task: Int, in dir: TemporaryDirectory) throws -> Int {
        try dir.read("work/logs/\(stage).\(task).log").components(separatedBy: "== sift run-task").count - 1
    }

    func steps(_ manifest: String) throws -> [String] {
        let object = try readJSONObject(manifest)
        return (object["steps"] as? [[String: Any]] ?? []).map { step in
            let data = try? JSONSerialization.data(withJSONObject: step, options: [.sortedKeys])
            return String(decoding: data ?? Data(), as: UTF8.self)
        }
    }

    @Test("every bundled recipe gives the single-process outputs byte for byte with 1 and 4 local tasks",
          arguments: ["finetune-cleanup.yaml", "pretrain-web-cleanup.yaml", "rag-refresh.yaml"])
    func sameAnswers(_ file: String) throws {
        let dir = try TemporaryDirectory()
        let single = try recipe(file, output: dir.path("single"), in: dir, as: "single.yaml")
        let run = try SiftProcess.run(["run", single], in: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        for tasks in [1, 4] {
            let out = dir.path("tasks\(tasks)")
            let sharded = try recipe(file, output: out, in: dir, as: "tasks\(tasks).yaml")
            let result = try SiftProcess.run(["run", sharded, "--executor", "local", "--tasks", "\(tasks)", "--parallel", "2"], in: Self.root)
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(try files(out) == files(dir.path("single")))
            for name in try files(dir.path("single")) {
                #expect(try dir.bytes("tasks\(tasks)/\(name)") == dir.bytes("single/\(name)"), "\(name) with \(tasks) tasks")
            }
            #expect(try steps(out + "/manifest.json") == steps(dir.path("single/manifest.json")))
            // Conservation across shards: every task's in = out + removed.
            let manifest = try readJSONObject(out + "/manifest.json")
            let shards = try #require((manifest["execution"] as? [String: Any])?["shards"] as? [[String: Any]])
            for step in shards {
                for task in step["tasks"] as? [[String: Int]] ?? [] {
                    #expect(task["in"] == (task["out"] ?? -1) + (task["removed"] ?? -1), "\(step["stage"] ?? "")")
                }
            }
        }
    }

    @Test("a large JSON Lines file is cut into byte ranges on line boundaries; malformed lines keep their line numbers")
    func byteRanges() throws {
        let dir = try TemporaryDirectory()
        var lines: [String] = []
        for i in 0..<3000 {
            lines.append(i % 397 == 5 ? "{\"text\": broken \(i)" : "{\"text\": \"document \(i % 1200) about topic \(i % 7) with some words to compare\"}")
        }
        try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let steps = "steps:\n  - read: {path: \(dir.path("in.jsonl"))}\n  - dedup: {method: both, threshold: 0.8}\n  - write: {path: kept.jsonl}\n"
        let single = try dir.write("single.yaml", "name: t\noutput: \(dir.path("single"))\n" + steps)
        let sharded = try dir.write("sharded.yaml", "name: t\noutput: \(dir.path("sharded"))\n" + steps)
        #expect(try SiftProcess.run(["run", single]).status == 0)
        let run = try SiftProcess.run(["run", sharded, "--executor", "local", "--tasks", "3", "--workdir", dir.path("work")])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try readJSONObject(dir.path("work/plan.json"))
        let shards = try #require(plan["shards"] as? [[[String: Any]]])
        #expect(shards.count == 3)
        #expect(shards.allSatisfy { $0.first?["range"] != nil }, "one file, three ranges")
        for name in ["kept.jsonl", "rejects.jsonl"] {
            #expect(try dir.bytes("sharded/\(name)") == dir.bytes("single/\(name)"), "\(name)")
        }
        let rejects = try readJSONLines(dir.path("sharded/rejects.jsonl"))
        let malformedLines = rejects.compactMap { (($0["_sift"] as? [String: Any])?["reject"] as? [String: Any])?["line"] as? Int }
        #expect(malformedLines == stride(from: 5, to: 3000, by: 397).map { $0 + 1 })
        #expect(try readJSONLines(dir.path("sharded/kept.jsonl")).count + rejects.count == 3000)
    }

    @Test("a split that keeps near-duplicates together uses clusters found across shards; its splits equal the single-process run's")
    func splitNearDuplicateGroups() throws {
        let dir = try TemporaryDirectory()
        // 150 documents, then two rounds of near-copies (one word changed) of each, in another
        // order: every cluster has members in at least two of the four shards.
        var state: UInt64 = 12345
        func nextWord() -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return "w\((state >> 33) % 5000)"
        }
        let originals = (0..<150).map { _ in (0..<200).map { _ in nextWord() } }
        var lines: [String] = []
        func emit(_ words: [String], _ base: Int) {
            lines.append("{\"id\": \"r\(lines.count)\", \"base\": \(base), \"label\": \"\(base % 3)\", \"text\": \"\(words.joined(separator: " "))\"}")
        }
        for (base, words) in originals.enumerated() { emit(words, base) }
        for round in 0..<2 {
            for base in (0..<150).reversed() where (base + round) % 2 == 0 || round == 0 {
                var words = originals[base]
                words[(base * 7 + round) % words.count] = "changed\(round)"
                emit(words, base)
            }
        }
        emit([], 999)
        try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let steps = """
        steps:
          - read: {path: \(dir.path("in.jsonl"))}
          - split: {ratios: [0.6, 0.2, 0.2], stratify: label, group_by: near-duplicates, threshold: 0.8, seed: 7}

        """
        let single = try dir.write("single.yaml", "name: t\noutput: \(dir.path("single"))\n" + steps)
        let run = try SiftProcess.run(["run", single])
        #expect(run.status == 0, "\(run.stderr)")
        for tasks in [1, 4] {
            let sharded = try dir.write("t\(tasks).yaml", "name: t\noutput: \(dir.path("t\(tasks)"))\n" + steps)
            let result = try SiftProcess.run(["run", sharded, "--executor", "local", "--tasks", "\(tasks)", "--workdir", dir.path("work\(tasks)")])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            let plan = try readJSONObject(dir.path("work\(tasks)/plan.json"))
            let stages = (plan["stages"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(stages == ["01-read", "02-split-sketch", "02-split-pairs", "02-split-clusters", "02-split"])
            for name in ["train.jsonl", "validation.jsonl", "test.jsonl", "rejects.jsonl"] {
                #expect(try dir.bytes("t\(tasks)/\(name)") == dir.bytes("single/\(name)"), "\(name) with \(tasks) tasks")
            }
            #expect(try self.steps(dir.path("t\(tasks)/manifest.json")) == self.steps(dir.path("single/manifest.json")))
        }
        // The groups were real: every document's copies sit in one split, and they span shards.
        var splitOfBase: [Int: Set<String>] = [:]
        for name in ["train", "validation", "test"] {
            for record in try readJSONLines(dir.path("t4/\(name).jsonl")) { splitOfBase[record["base"] as? Int ?? -1, default: []].insert(name) }
        }
        #expect(splitOfBase.count == 151)
        #expect(splitOfBase.values.allSatisfy { $0.count == 1 })
        let shards = try #require(try readJSONObject(dir.path("work4/plan.json"))["shards"] as? [Any])
        #expect(shards.count == 4)
    }

    @Test("a failed task shows its status and log; --resume reruns it and only the tasks without a marker (stage files kept)")
    func failedTaskResumes() throws {
        let dir = try TemporaryDirectory()
        let steps = """
        steps:
          - read: {path: examples/support-chat.jsonl}
          - pii: {action: hash, salt_env: SIFT_TEST_SCALE_SALT}
          - dedup: {method: both, threshold: 0.8}
          - write: {path: kept.jsonl}

        """
        let recipe = try dir.write("r.yaml", "name: t\noutput: \(dir.path("out"))\n" + steps)
        let arguments = ["run", recipe, "--executor", "local", "--tasks", "3", "--parallel", "3", "--workdir", dir.path("work"), "--keep-stage-files"]
        let failed = try SiftProcess.run(arguments, in: Self.root)
        #expect(failed.status == 78, "the task's own exit status (configuration)")
        #expect(failed.stderr.contains("stage 02-pii task 0 failed (exit status 78)"), "\(failed.stderr)")
        #expect(failed.stderr.contains("SIFT_TEST_SCALE_SALT"), "the log tail names the missing salt")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/kept.jsonl")), "no partial output")

        let salt = ["SIFT_TEST_SCALE_SALT": "pepper"]
        let resumed = try SiftProcess.run(arguments + ["--resume"], environment: salt, in: Self.root)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        for task in 0..<3 {
            #expect(try runs("01-read", task, in: dir) == 1, "finished read tasks are not rerun")
            #expect(try runs("02-pii", task, in: dir) == 2, "failed pii tasks are rerun")
        }

        // A task whose marker is gone (killed before writing it) is rerun; the others are not.
        try FileManager.default.removeItem(atPath: dir.path("work/markers/03-dedup-filter.1.json"))
        try dir.write("work/stages/03-dedup-filter/out-1.jsonl", "{\"partial\": ")
        let again = try SiftProcess.run(arguments + ["--resume"], environment: salt, in: Self.root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try runs("03-dedup-filter", 1, in: dir) == 2)
        #expect(try runs("03-dedup-filter", 0, in: dir) == 1)
        #expect(try runs("03-dedup-sketch", 1, in: dir) == 1)

        let single = try dir.write("s.yaml", "name: t\noutput: \(dir.path("single"))\n" + steps)
        #expect(try SiftProcess.run(["run", single], environment: salt, in: Self.root).status == 0)
        #expect(try dir.bytes("out/kept.jsonl") == dir.bytes("single/kept.jsonl"))
        #expect(try dir.bytes("out/rejects.jsonl") == dir.bytes("single/rejects.jsonl"))
    }

    @Test("a stage's shard files are deleted once the stages reading them finished; --resume reruns a deleted stage a rerun task needs")
    func stageFilesReleased() throws {
        let dir = try TemporaryDirectory()
        let steps = """
        steps:
          - read: {path: examples/support-chat.jsonl}
          - filter: {rules: [instruction]}
          - dedup: {method: both, threshold: 0.8}
          - write: {path: kept.jsonl}

        """
        let single = try dir.write("s.yaml", "name: t\noutput: \(dir.path("single"))\n" + steps)
        #expect(try SiftProcess.run(["run", single], in: Self.root).status == 0)
        let recipe = try dir.write("r.yaml", "name: t\noutput: \(dir.path("out"))\n" + steps)
        let arguments = ["run", recipe, "--executor", "local", "--tasks", "3", "--parallel", "2", "--workdir", dir.path("work")]
        func outputsEqualSingle() throws {
            #expect(try dir.bytes("out/kept.jsonl") == dir.bytes("single/kept.jsonl"))
            #expect(try dir.bytes("out/rejects.jsonl") == dir.bytes("single/rejects.jsonl"))
        }
        func shardFiles(_ stage: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: dir.path("work/stages/\(stage)")).filter { $0.hasPrefix("out-") }.sorted()
        }
        let first = try SiftProcess.run(arguments, in: Self.root)
        #expect(first.status == 0, "\(first.stderr)")
        try outputsEqualSingle()
        for stage in ["01-read", "02-filter", "03-dedup-filter"] {
            #expect(try shardFiles(stage).isEmpty, "\(stage)'s records are gone once their readers finished")
            #expect(FileManager.default.fileExists(atPath: dir.path("work/stages/\(stage)/released")))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("work/stages/02-filter")).contains("rejects-0.jsonl"),
                "rejects stay for the assembly")

        // A dedup filter task to run again needs the filter's records, which need the read's: both rerun.
        try FileManager.default.removeItem(atPath: dir.path("work/markers/03-dedup-filter.1.json"))
        let resumed = try SiftProcess.run(arguments + ["--resume"], in: Self.root)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        try outputsEqualSingle()
        for stage in ["01-read", "02-filter", "03-dedup-sketch", "03-dedup-filter", "04-write"] {
            #expect(try runs(stage, 0, in: dir) == 2, "\(stage) reran")
        }
        #expect(try shardFiles("02-filter").isEmpty)

        // --keep-stage-files keeps them all.
        let kept = try SiftProcess.run(arguments + ["--keep-stage-files"], in: Self.root)
        #expect(kept.status == 0, "\(kept.stderr)")
        try outputsEqualSingle()
        for stage in ["01-read", "02-filter", "03-dedup-filter"] { #expect(try shardFiles(stage).count == 3, "\(stage)") }
    }

    /// Web-like documents of `words` words from a 5,000-word vocabulary, deterministic; every
    /// fifth a near-copy (one word changed) of the one five before.
    func corpus(_ count: Int, words: Int) -> [JSONValue] {
        var state: UInt64 = 99
        func nextWord() -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return "w\((state >> 33) % 5000)"
        }
        var texts: [[String]] = []
        for i in 0..<count {
            if i % 5 == 4 {
                var copy = texts[i - 4]
                copy[i % words] = "changed"
                texts.append(copy)
            } else {
                texts.append((0..<words).map { _ in nextWord() })
            }
        }
        return texts.enumerated().map { i, words in
            ["id": .string("doc-\(i)"), "label": .string("l\(i % 3)"), "text": .string(words.joined(separator: " "))]
        }
    }

    @Test("a large Parquet file is sharded by row group; the outputs equal the single-process run's")
    func parquetRowGroups() throws {
        let dir = try TemporaryDirectory()
        let writer = try DatasetWriter(path: dir.path("in.parquet"), rowGroupBytes: 24 << 10)
        for record in corpus(1200, words: 40) { try writer.write(record) }
        try writer.close()
        let steps = """
        steps:
          - read: {path: \(dir.path("in.parquet"))}
          - filter: {rules: [gopher-repetition]}
          - dedup: {method: both, threshold: 0.8}
          - write: {path: kept.jsonl}
          - split: {ratios: [0.8, 0.2], group_by: near-duplicates}

        """
        let single = try dir.write("single.yaml", "name: t\noutput: \(dir.path("single"))\n" + steps)
        #expect(try SiftProcess.run(["run", single]).status == 0)
        let sharded = try dir.write("sharded.yaml", "name: t\noutput: \(dir.path("sharded"))\n" + steps)
        let run = try SiftProcess.run(["run", sharded, "--executor", "local", "--tasks", "4", "--workdir", dir.path("work")])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let shards = try #require(try readJSONObject(dir.path("work/plan.json"))["shards"] as? [[[String: Any]]])
        #expect(shards.count == 4, "one file, four shards")
        let ranges = shards.flatMap { $0 }.compactMap { $0["rowGroups"] as? [String: Int] }
        #expect(ranges.count == shards.flatMap { $0 }.count, "every unit is a range of row groups")
        #expect(ranges.first?["first"] == 0)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a["end"] == b["first"], "contiguous ranges") }
        #expect(try files(dir.path("sharded")) == files(dir.path("single")))
        for name in try files(dir.path("single")) {
            #expect(try dir.bytes("sharded/\(name)") == dir.bytes("single/\(name)"), "\(name)")
        }
        #expect(try self.steps(dir.path("sharded/manifest.json")) == self.steps(dir.path("single/manifest.json")))
    }

    /// The pid of the running `sift run-task` for `stage` and `task` in `workdir`, from /proc.
    func taskProcess(workdir: String, stage: String, task: Int) -> pid_t? {
        let wanted = ["run-task", "--workdir", workdir, "--stage", stage, "--task", String(task)]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if Array(arguments.dropFirst()) == wanted { return pid }
        }
        return nil
    }

    @Test("a task killed with SIGKILL fails the run with its signal; --resume reruns only it (and later stages); outputs equal the uninterrupted run")
    func killedTaskResumes() throws {
        let dir = try TemporaryDirectory()
        try dir.write("in.jsonl", corpus(2000, words: 120).map { JSONWriter().string($0) }.joined(separator: "\n") + "\n")
        let steps = """
        steps:
          - read: {path: \(dir.path("in.jsonl"))}
          - filter: {rules: [gopher-repetition]}
          - dedup: {method: both, threshold: 0.8}
          - write: {path: kept.jsonl}

        """
        let recipe = try dir.write("r.yaml", "name: t\noutput: \(dir.path("out"))\n" + steps)
        let work = dir.path("work")
        let arguments = ["run", recipe, "--executor", "local", "--tasks", "4", "--parallel", "1", "--workdir", work]
        let driver = Process()
        driver.executableURL = SiftProcess.executable
        driver.arguments = arguments
        driver.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        let err = Pipe()
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = err
        try driver.run()
        // Polls on this thread (a Task.sleep could be starved by other tests): task 2 of the
        // filter stage is killed as soon as it is seen running.
        var victim: pid_t?
        let deadline = Date().addingTimeInterval(300)
        while victim == nil, driver.isRunning, Date() < deadline {
            victim = taskProcess(workdir: work, stage: "02-filter", task: 2)
            if victim == nil { usleep(2_000) }
        }
        let pid = try #require(victim, "task 2 of 02-filter was never seen running")
        #expect(kill(pid, SIGKILL) == 0)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        driver.waitUntilExit()
        #expect(driver.terminationStatus != 0)
        #expect(stderr.contains("stage 02-filter task 2 failed (killed by signal 9)"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/kept.jsonl")), "no partial output")
        #expect(!FileManager.default.fileExists(atPath: work + "/markers/02-filter.2.json"))

        let resumed = try SiftProcess.run(arguments + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("02-filter: 4/4 tasks done") && resumed.stdout.contains("(1 run, 3 resumed)"), "\(resumed.stdout)")
        for task in 0..<4 {
            #expect(try runs("01-read", task, in: dir) == 1)
            #expect(try runs("02-filter", task, in: dir) == (task == 2 ? 2 : 1), "only the killed task is rerun")
        }
        let single = try dir.write("s.yaml", "name: t\noutput: \(dir.path("single"))\n" + steps)
        #expect(try SiftProcess.run(["run", single]).status == 0)
        for name in ["kept.jsonl", "rejects.jsonl"] {
            #expect(try dir.bytes("out/\(name)") == dir.bytes("single/\(name)"), "\(name)")
        }
    }

    /// Runs `/bin/mount` or `/bin/umount`; its exit status.
    static func mountTool(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/\(tool)")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether this process may mount a small tmpfs (root, with the capability): the full-disk test needs one.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, let dir = try? TemporaryDirectory() else { return false }
        let probe = dir.path("probe")
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil,
              mountTool("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) == 0 else { return false }
        return mountTool("umount", [probe]) == 0
    }()

    @Test("a full disk in the work directory fails the run with the cause and no output; --resume after making room finishes",
          .enabled(if: ScaleRunTests.canMountTmpfs))
    func fullDisk() throws {
        let dir = try TemporaryDirectory()
        try dir.write("in.jsonl", corpus(1500, words: 120).map { JSONWriter().string($0) }.joined(separator: "\n") + "\n")
        let steps = "steps:\n  - read: {path: \(dir.path("in.jsonl"))}\n  - dedup: {method: exact}\n  - write: {path: kept.jsonl}\n"
        let work = dir.path("work")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // A work directory on a 256 KB file system, smaller than one shard of the input (about 1 MB).
        #expect(Self.mountTool("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", work]) == 0)
        defer { _ = Self.mountTool("umount", [work]) }
        let recipe = try dir.write("r.yaml", "name: t\noutput: \(dir.path("out"))\n" + steps)
        let arguments = ["run", recipe, "--executor", "local", "--tasks", "2", "--workdir", work]
        let full = try SiftProcess.run(arguments)
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stderr.contains("stage 01-read task 0 failed (exit status 74)"), "\(full.stderr)")
        #expect(full.stderr.contains("its file system is full"), "\(full.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/kept.jsonl")), "no partial output")

        #expect(Self.mountTool("mount", ["-o", "remount,size=64m", work]) == 0)
        let resumed = try SiftProcess.run(arguments + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let single = try dir.write("s.yaml", "name: t\noutput: \(dir.path("single"))\n" + steps)
        #expect(try SiftProcess.run(["run", single]).status == 0)
        #expect(try dir.bytes("out/kept.jsonl") == dir.bytes("single/kept.jsonl"))
        #expect(try dir.bytes("out/rejects.jsonl") == dir.bytes("single/rejects.jsonl"))
    }

    @Test("--resume refuses a changed recipe; a second run on a locked work directory is refused")
    func refusals() throws {
        let dir = try TemporaryDirectory()
        try dir.write("in.jsonl", (0..<50).map { "{\"id\": \($0), \"text\": \"row \($0 % 20)\"}" }.joined(separator: "\n") + "\n")
        let recipe = try dir.write("r.yaml", "name: t\noutput: \(dir.path("out"))\nsteps:\n  - read: {path: \(dir.path("in.jsonl"))}\n  - dedup: {method: exact}\n")
        let arguments = ["run", recipe, "--executor", "local", "--tasks", "2", "--workdir", dir.path("work")]
        #expect(try SiftProcess.run(arguments).status == 0)
        try dir.write("r.yaml", "name: t\noutput: \(dir.path("out"))\nsteps:\n  - read: {path: \(dir.path("in.jsonl"))}\n  - dedup: {method: minhash}\n")
        let changed = try SiftProcess.run(arguments + ["--resume"])
        #expect(changed.status == 78)
        #expect(changed.stderr.contains("changed since this run started"), "\(changed.stderr)")

        // The lock names a live process (this test runner) on this host.
        try dir.write("work/run.lock", "\(ProcessInfo.processInfo.processIdentifier) \(ProcessInfo.processInfo.hostName)\n")
        let locked = try SiftProcess.run(arguments)
        #expect(locked.status == 64)
        #expect(locked.stderr.contains("in use by another sift run"), "\(locked.stderr)")
        // A lock left by a process that is gone is taken over.
        try dir.write("work/run.lock", "999999999 \(ProcessInfo.processInfo.hostName)\n")
        #expect(try SiftProcess.run(arguments).status == 0)
    }

    @Test("--executor slurm without sbatch on PATH says so", .enabled(if: ProcessInfo.processInfo.environment["SLURM_CONF"] == nil))
    func missingSbatch() throws {
        let dir = try TemporaryDirectory()
        try dir.write("in.jsonl", "{\"text\": \"a\"}\n")
        let recipe = try dir.write("r.yaml", "name: t\noutput: \(dir.path("out"))\nsteps:\n  - read: {path: \(dir.path("in.jsonl"))}\n")
        let run = try SiftProcess.run(["run", recipe, "--executor", "slurm", "--tasks", "2"], environment: ["PATH": "/nonexistent"])
        #expect(run.status == 78)
        #expect(run.stderr.contains("sbatch is not on PATH"), "\(run.stderr)")
    }

    @Test("a real Slurm (scripts/slurm/start-local.sh) gives the single-process outputs",
          .enabled(if: ProcessInfo.processInfo.environment["SLURM_CONF"] != nil))
    func realSlurm() throws {
        let dir = try TemporaryDirectory()
        let single = try recipe("finetune-cleanup.yaml", output: dir.path("single"), in: dir, as: "single.yaml")
        #expect(try SiftProcess.run(["run", single], in: Self.root).status == 0)
        let sharded = try recipe("finetune-cleanup.yaml", output: dir.path("slurm"), in: dir, as: "slurm.yaml")
        let run = try SiftProcess.run(["run", sharded, "--executor", "slurm", "--tasks", "4", "--poll", "0.5", "--mem", "400M"], in: Self.root)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        for name in try files(dir.path("single")) {
            #expect(try dir.bytes("slurm/\(name)") == dir.bytes("single/\(name)"), "\(name)")
        }
    }
}
