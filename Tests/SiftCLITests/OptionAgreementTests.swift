import Foundation
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
}
