import Foundation
import SiftCore
import SiftTestSupport
import Testing

/// One definition per option (issue 19): `sift dedup` and a recipe's `dedup` step accept and
/// refuse the same values, and each names the parameter its own way (a flag; a YAML key with its line).
@Suite("sift dedup and the recipe dedup step share their option ranges")
struct OptionAgreementTests {
    static func recipe(_ dir: TemporaryDirectory, input: String, dedup: String) throws -> String {
        try dir.write("r.yaml", """
        output: \(dir.path("out"))
        steps:
          - read: {path: \(input)}
          - dedup: \(dedup)
          - write: {path: kept.jsonl}
        """)
    }

    @Test("num_perm: the same values pass and fail on both front ends")
    func numPerm() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("in.jsonl", (0..<6).map { "{\"id\": \"\($0)\", \"text\": \"record number \($0) with a few words of text\"}" }.joined(separator: "\n") + "\n")
        for (value, valid) in [(1, true), (4, true), (2048, true), (4096, true), (0, false), (5000, false)] {
            let cli = try SiftProcess.run(["dedup", input, "--out", dir.path("cli-\(value).jsonl"), "--num-perm", "\(value)"])
            let run = try SiftProcess.run(["run", try Self.recipe(dir, input: input, dedup: "{num_perm: \(value)}")])
            #expect((cli.status == 0) == valid, "--num-perm \(value): \(cli.stderr)")
            #expect((run.status == 0) == valid, "num_perm: \(value): \(run.stderr)")
            if !valid {
                #expect(cli.status == 64)
                #expect(cli.stderr.contains("--num-perm must be between 1 and 4096, got \(value)"), "\(cli.stderr)")
                #expect(run.status == 78)
                #expect(run.stderr.contains("r.yaml:4:23: `dedup.num_perm` must be between 1 and 4096, got \(value)"), "\(run.stderr)")
            }
        }
    }

    @Test("bands × rows above num_perm: a flag message on the CLI, YAML keys at the line in a recipe")
    func banding() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("in.jsonl", "{\"id\": \"a\", \"text\": \"one small text\"}\n")
        let cli = try SiftProcess.run(["dedup", input, "--num-perm", "16", "--bands", "8", "--rows", "4"])
        #expect(cli.status == 64)
        #expect(cli.stderr.contains("--bands × --rows must be at most --num-perm (16), got 8 × 4"), "\(cli.stderr)")
        let run = try SiftProcess.run(["run", try Self.recipe(dir, input: input, dedup: "{num_perm: 16, bands: 8, rows: 4}")])
        #expect(run.status == 78)
        #expect(run.stderr.contains("r.yaml:4:34: `dedup.bands` × `dedup.rows` must be at most `dedup.num_perm` (16), got 8 × 4"), "\(run.stderr)")
        #expect(!run.stderr.contains("--"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out")))
    }

    /// A step's range check, on both front ends: the CLI refuses with the flag's name (exit 64),
    /// the recipe with the step's YAML key (exit 78, before any data is read).
    static func agree(_ dir: TemporaryDirectory, cli: [String], flag: String, step: String, key: String, stepYAML: (Int) -> String,
                      values: [(Int, Bool)], range: ClosedRange<Int>, input: String) throws {
        for (value, valid) in values {
            let recipe = try dir.write("r.yaml", """
            output: \(dir.path("out-\(key)-\(value)"))
            steps:
              - read: {path: \(input)}
              - \(step): \(stepYAML(value))
              - write: {path: kept.jsonl}
            """)
            let command = try SiftProcess.run(cli + [flag, "\(value)"])
            let run = try SiftProcess.run(["run", recipe])
            let message = "must be between \(range.lowerBound) and \(range.upperBound), got \(value)"
            if valid {
                #expect(!command.stderr.contains(message), "\(flag) \(value): \(command.stderr)")
                #expect(!run.stderr.contains(message), "\(key): \(value): \(run.stderr)")
            } else {
                #expect(command.status == 64 && command.stderr.contains("\(flag) \(message)"), "\(flag) \(value): \(command.stderr)")
                #expect(run.status == 78 && run.stderr.contains("`\(step).\(key)` \(message)"), "\(key): \(value): \(run.stderr)")
            }
        }
    }

    @Test("decontam ngram and min_words, label-error folds: one range on both front ends")
    func decontamAndFolds() throws {
        let dir = try TemporaryDirectory()
        let lines = (0..<40).map { "{\"id\": \"\($0)\", \"text\": \"record number \($0) says \(["good", "bad"][$0 % 2]) things about words\", \"label\": \"\(["pos", "neg"][$0 % 2])\"}" }
        let input = try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let eval = try dir.write("eval.jsonl", "{\"id\": \"e\", \"input\": \"an evaluation question with enough words in it\", \"expected_output\": \"yes\"}\n")
        try Self.agree(dir, cli: ["decontam", "--train", input, "--eval", eval], flag: "--ngram", step: "decontam", key: "ngram",
                       stepYAML: { "{eval: [\(eval)], ngram: \($0)}" }, values: [(1, true), (64, true), (0, false), (65, false)], range: 1...64, input: input)
        try Self.agree(dir, cli: ["decontam", "--train", input, "--eval", eval], flag: "--min-words", step: "decontam", key: "min_words",
                       stepYAML: { "{eval: [\(eval)], min_words: \($0)}" }, values: [(1, true), (0, false), (10_001, false)], range: 1...10_000, input: input)
        try Self.agree(dir, cli: ["label-errors", input, "--label", "label"], flag: "--folds", step: "drop-label-errors", key: "folds",
                       stepYAML: { "{label: label, folds: \($0)}" }, values: [(2, true), (1, false), (101, false)], range: 2...100, input: input)
        let split = try SiftProcess.run(["split", input, "--out-dir", dir.path("s"), "--drop-label-errors", "--label", "label", "--folds", "1"])
        #expect(split.status == 64 && split.stderr.contains("--folds must be between 2 and 100, got 1"), "\(split.stderr)")
    }

    @Test("split ratios: shares above 1 are accepted on both front ends (they are normalised), negative ones refused on both")
    func splitRatios() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("in.jsonl", (0..<20).map { "{\"id\": \"\($0)\", \"text\": \"record \($0)\"}" }.joined(separator: "\n") + "\n")
        for (ratios, valid) in [("8,1,1", true), ("0.5,0.5", true), ("-1,2", false)] {
            let cli = try SiftProcess.run(["split", input, "--out-dir", dir.path("cli-\(ratios)"), "--ratios=\(ratios)"])
            let recipe = try dir.write("r.yaml", """
            output: \(dir.path("out-\(ratios)"))
            steps:
              - read: {path: \(input)}
              - split: {ratios: [\(ratios)]}
            """)
            let run = try SiftProcess.run(["run", recipe])
            #expect((cli.status == 0) == valid, "--ratios \(ratios): \(cli.stderr)")
            #expect((run.status == 0) == valid, "ratios: [\(ratios)]: \(run.stderr)")
            if !valid {
                #expect(cli.status == 64 && cli.stderr.contains("--ratios must be between 0.0 and 1000000.0, got -1.0"), "\(cli.stderr)")
                #expect(run.status == 78, "\(run.stderr)")
            }
        }
    }

    /// The default a `--help` page prints for a flag (ArgumentParser appends "(default: X)"), and
    /// how many times the option's help says "default" at all.
    static func cliDefault(_ help: String, flag: String) -> (value: String?, mentions: Int) {
        let lines = help.split(separator: "\n").map(String.init)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("  \(flag) ") }) else { return (nil, 0) }
        let entry = ([lines[first]] + lines[(first + 1)...].prefix { !$0.hasPrefix("  -") && !$0.isEmpty })
            .joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let mentions = entry.components(separatedBy: "default").count - 1
        guard let value = entry.range(of: "(default: ") else { return (nil, mentions) }
        return (String(entry[value.upperBound...].prefix { $0 != ")" }), mentions)
    }

    /// The default `sift run --list-steps` prints for a step's parameter: "(default X)".
    static func recipeDefault(_ steps: String, step: String, key: String) -> String? {
        let lines = steps.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("\(step):") }) else { return nil }
        let section = lines[(header + 1)...].prefix { $0.hasPrefix("    ") }
        guard let line = section.first(where: { $0.hasPrefix("    \(key): ") }), let open = line.range(of: "(default ", options: .backwards) else { return nil }
        return String(line[open.upperBound...].prefix { $0 != ")" })
    }

    @Test("defaults: each shared option's flag prints the recipe key's default, and says so once")
    func defaults() throws {
        let steps = try SiftProcess.run(["run", "--list-steps"]).stdout
        let shared = [("dedup", "dedup", ["threshold", "ngram", "num_perm"]), ("decontam", "decontam", ["ngram", "min_words"]),
                      ("label-errors", "drop-label-errors", ["folds"]), ("split", "split", ["threshold"])]
        for (command, step, keys) in shared {
            let help = try SiftProcess.run([command, "--help"]).stdout
            for key in keys {
                let flag = ParameterError.flag(key)
                let (cli, mentions) = Self.cliDefault(help, flag: flag)
                let recipe = Self.recipeDefault(steps, step: step, key: key)
                #expect(cli != nil && cli == recipe, "sift \(command) \(flag) default \(cli ?? "none"), recipe \(step).\(key) default \(recipe ?? "none")")
                #expect(mentions == 1, "sift \(command) \(flag): the help states the default \(mentions) times")
            }
        }
    }
}
