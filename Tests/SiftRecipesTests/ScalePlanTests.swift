import Foundation
import SiftTestSupport
import Testing
import SiftCore
@testable import SiftRecipes

@Suite("Sharded plans and Slurm scripts")
struct ScalePlanTests {
    @Test("byte ranges cover the file exactly, start after a line break, and know their first line")
    func ranges() throws {
        let scratch = try TemporaryDirectory()
        let lines = (0..<500).map { i in "{\"n\": \(i), \"pad\": \"\(String(repeating: "x", count: i % 37))\"}" }
        let text = lines.joined(separator: "\n") + "\n"
        let path = try scratch.write("in.jsonl", text)
        let bytes = Array(text.utf8)
        for pieces in [2, 3, 7, 16] {
            let units = try InputSharding.ranges(of: path, size: bytes.count, pieces: pieces)
            #expect(units.count == pieces)
            #expect(units.first?.range?.start == 0)
            #expect(units.last?.range?.end == bytes.count)
            for (a, b) in zip(units, units.dropFirst()) { #expect(a.range?.end == b.range?.start) }
            for unit in units {
                let start = try #require(unit.range).start
                if start > 0 { #expect(bytes[start - 1] == 0x0A) }
                #expect(unit.range?.firstLine == bytes[..<start].filter { $0 == 0x0A }.count + 1)
            }
        }
    }

    @Test("a range is read alone with the lines of the whole file")
    func readRange() throws {
        let scratch = try TemporaryDirectory()
        let path = try scratch.write("in.jsonl", "{\"a\": 1}\n{\"a\": 2}\nbad\n{\"a\": 4}\n")
        var options = ReadOptions()
        options.byteRange = FileByteRange(start: 9, end: 22, firstLine: 2)
        var seen: [String] = []
        try DatasetStream(paths: [path], options: options).forEach { event in
            switch event {
            case .record(let record): seen.append("record \(record.fields["a"]?.intValue ?? 0) line \(record.location.line)")
            case .malformed(let item): seen.append("malformed line \(item.line)")
            }
        }
        #expect(seen == ["record 2 line 2", "malformed line 3"])
    }

    @Test("a Parquet file is cut into ranges of row groups; read one by one they give the whole file's records and row numbers")
    func rowGroupRanges() throws {
        let scratch = try TemporaryDirectory()
        let path = scratch.path("in.parquet")
        let writer = try DatasetWriter(path: path, rowGroupBytes: 4 << 10)
        for i in 0..<2000 { try writer.write(["n": .integer(i), "text": .string("row \(i) " + String(repeating: "y", count: i % 50))]) }
        try writer.close()
        let groups = try #require(ParquetRowGroups.sizes(path: path))
        #expect(groups.count > 8)
        func read(_ options: ReadOptions) throws -> [String] {
            var seen: [String] = []
            try DatasetStream(paths: [path], options: options).forEach { event in
                if case .record(let record) = event { seen.append("\(record.fields["n"]?.intValue ?? -1)@\(record.location.line)/\(record.location.rowGroup)") }
            }
            return seen
        }
        let whole = try read(ReadOptions())
        #expect(whole.count == 2000)
        for tasks in [2, 3, 5] {
            let shards = try InputSharding.shards(paths: [path], format: nil, tasks: tasks)
            #expect(shards.count > 1 && shards.count <= tasks, "fewer shards when row groups do not divide evenly")
            let units = shards.flatMap { $0 }
            #expect(units.first?.rowGroups?.first == 0)
            #expect(units.last?.rowGroups?.end == groups.count)
            for (a, b) in zip(units, units.dropFirst()) { #expect(a.rowGroups?.end == b.rowGroups?.first) }
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(units.reduce(0) { $0 + $1.bytes } == size, "the units' bytes add up to the file")
            var pieces: [String] = []
            for unit in units {
                var options = ReadOptions()
                options.rowGroups = unit.rowGroups
                pieces += try read(options)
            }
            #expect(pieces == whole, "\(tasks) shards")
        }
        var jsonl = ReadOptions()
        jsonl.rowGroups = RowGroupRange(first: 0, end: 1)
        let text = try scratch.write("t.jsonl", "{\"a\": 1}\n")
        #expect(throws: SiftError.self) { try DatasetStream(paths: [text], options: jsonl).forEach { _ in } }
    }

    @Test("shards are contiguous, in input order, one unit per small file")
    func shards() throws {
        let scratch = try TemporaryDirectory()
        let paths = try (0..<5).map { try scratch.write("p\($0).csv", "a,b\n" + String(repeating: "1,2\n", count: 100)) }
        let shards = try InputSharding.shards(paths: paths, format: nil, tasks: 2)
        #expect(shards.flatMap { $0 }.map(\.path) == paths)
        #expect(shards.count == 2)
        #expect(shards.flatMap { $0 }.allSatisfy { $0.range == nil }, "CSV is never cut by bytes")
    }

    @Test("dedup plans four stages; split gathers, after clustering stages when it groups near-duplicates; verify is refused")
    func stages() throws {
        let scratch = try TemporaryDirectory()
        let input = try scratch.write("in.jsonl", "{\"text\": \"a\"}\n")
        let path = try scratch.write("r.yaml", """
        name: t
        output: \(scratch.path("out"))
        steps:
          - read: {path: \(input)}
          - filter: {rules: [c4]}
          - dedup: {threshold: 0.8}
          - write: {path: kept.jsonl}
          - split: {ratios: [0.5, 0.5]}
        """)
        let recipe = try RecipeParser.parse(file: path, registry: .standard)
        let plan = try ScalePlan.make(recipe: recipe, registry: .standard, tasks: 4)
        #expect(plan.stages.map(\.name) == ["01-read", "02-filter", "03-dedup-sketch", "03-dedup-pairs", "03-dedup-clusters",
                                            "03-dedup-filter", "04-write", "05-split"])
        #expect(plan.stages.map(\.tasks) == [1, 1, 1, 4, 1, 1, 1, 1], "one small file is one shard; pairs by band partition")
        #expect(plan.sha256 == (try ScalePlan.make(recipe: recipe, registry: .standard, tasks: 4)).sha256)
        #expect(plan.sha256 != (try ScalePlan.make(recipe: recipe, registry: .standard, tasks: 3)).sha256)

        let grouped = try scratch.write("g.yaml", "name: t\nsteps:\n  - read: {path: \(input)}\n  - split: {ratios: [0.5, 0.5], group_by: near-duplicates}\n")
        let groupedPlan = try ScalePlan.make(recipe: try RecipeParser.parse(file: grouped, registry: .standard), registry: .standard, tasks: 4)
        #expect(groupedPlan.stages.map(\.name) == ["01-read", "02-split-sketch", "02-split-pairs", "02-split-clusters", "02-split"],
                "near-duplicate groups are clustered in stages before the split")
        #expect(groupedPlan.stages.last?.source == "01-read")

        let verify = try scratch.write("v.yaml", "name: t\nsteps:\n  - read: {path: \(input)}\n  - dedup: {verify: true}\n")
        #expect(throws: SiftError.self) {
            try ScalePlan.make(recipe: try RecipeParser.parse(file: verify, registry: .standard), registry: .standard, tasks: 2)
        }
    }

    @Test("the sbatch script has the array, the resources, quoted paths and the task index")
    func slurmScript() throws {
        var options = SlurmExecutor.Options()
        options.partition = "cpu"
        options.time = "01:00:00"
        options.memory = "4G"
        options.cpusPerTask = 2
        options.extra = ["--account=lab"]
        let stage = ScalePlan.Stage(name: "02-filter", step: 1, role: .records, tasks: 8, source: "01-read")
        let command = TaskCommand(binary: "/opt/sift/bin/sift", workdir: ScaleWorkdir("/scratch/it's here"), directory: "/home/u/data")
        let script = try SlurmExecutor(options: options).script(stage: stage, tasks: [0, 1, 2, 5], command: command)
        let lines = script.split(separator: "\n").map(String.init)
        #expect(lines.contains("#SBATCH --array=0,1,2,5"))
        #expect(lines.contains("#SBATCH --partition=cpu"))
        #expect(lines.contains("#SBATCH --time=01:00:00"))
        #expect(lines.contains("#SBATCH --mem=4G"))
        #expect(lines.contains("#SBATCH --cpus-per-task=2"))
        #expect(lines.contains("#SBATCH --account=lab"))
        #expect(lines.contains("cd '/home/u/data' || exit 66"))
        #expect(lines.last == "exec '/opt/sift/bin/sift' 'run-task' '--workdir' '/scratch/it'\\''s here' '--stage' '02-filter' '--task' \"$SLURM_ARRAY_TASK_ID\"")
        #expect(SlurmExecutor.arraySpec([0, 1, 2, 3]) == "0-3")
        #expect(SlurmExecutor.arraySpec([4]) == "4")
        options.extra = ["--x\n#SBATCH --y"]
        #expect(throws: SiftError.self) { try SlurmExecutor(options: options).script(stage: stage, tasks: [0], command: command) }
    }
}
