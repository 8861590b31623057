import Foundation
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

    @Test("a failed task shows its status and log; --resume reruns it and only the tasks without a marker")
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
        let arguments = ["run", recipe, "--executor", "local", "--tasks", "3", "--parallel", "3", "--workdir", dir.path("work")]
        let failed = try SiftProcess.run(arguments, in: Self.root)
        #expect(failed.status == 78, "the task's own exit status (configuration)")
        #expect(failed.stderr.contains("stage 02-pii task 0 failed (exit status 78)"), "\(failed.stderr)")
        #expect(failed.stderr.contains("SIFT_TEST_SCALE_SALT"), "the log tail names the missing salt")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/kept.jsonl")), "no partial output")

        let salt = ["SIFT_TEST_SCALE_SALT": "pepper"]
        let resumed = try SiftProcess.run(arguments + ["--resume"], environment: salt, in: Self.root)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        func runs(_ stage: String, _ task: Int) throws -> Int {
            try dir.read("work/logs/\(stage).\(task).log").components(separatedBy: "== sift run-task").count - 1
        }
        for task in 0..<3 {
            #expect(try runs("01-read", task) == 1, "finished read tasks are not rerun")
            #expect(try runs("02-pii", task) == 2, "failed pii tasks are rerun")
        }

        // A task whose marker is gone (killed before writing it) is rerun; the others are not.
        try FileManager.default.removeItem(atPath: dir.path("work/markers/03-dedup-filter.1.json"))
        try dir.write("work/stages/03-dedup-filter/out-1.jsonl", "{\"partial\": ")
        let again = try SiftProcess.run(arguments + ["--resume"], environment: salt, in: Self.root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try runs("03-dedup-filter", 1) == 2)
        #expect(try runs("03-dedup-filter", 0) == 1)
        #expect(try runs("03-dedup-sketch", 1) == 1)

        let single = try dir.write("s.yaml", "name: t\noutput: \(dir.path("single"))\n" + steps)
        #expect(try SiftProcess.run(["run", single], environment: salt, in: Self.root).status == 0)
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
