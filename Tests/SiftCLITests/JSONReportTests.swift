import Foundation
import SiftTestSupport
import Testing

/// `--json -` is one shared option (`JSONReportOptions`): on every command that reports, standard
/// output is then exactly one JSON document, so it can be piped; the human summary stays off it.
@Suite("--json - gives pure JSON on standard output")
struct JSONReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ name: String) -> String { root.appendingPathComponent("examples/\(name)").path }

    @Test func everyReportingCommand() throws {
        let dir = try TemporaryDirectory()
        let chat = Self.example("support-chat.jsonl")
        let reviews = Self.example("classification.csv")
        let recipe = try dir.write("r.yaml", """
        output: \(dir.path("run"))
        steps:
          - read: {path: \(chat)}
          - filter: {rules: [instruction]}
          - write: {path: kept.jsonl}
        """)
        let commands: [[String]] = [
            ["stats", chat],
            ["audit", chat, "--no-near-duplicates"],
            ["filter", chat, "--rules", "instruction", "--out", dir.path("f.jsonl")],
            ["dedup", chat, "--out", dir.path("d.jsonl")],
            ["pii", chat, "--out", dir.path("p.jsonl")],
            ["split", reviews, "--out-dir", dir.path("splits")],
            ["run", recipe],
            ["label-errors", reviews, "--label", "label"],
        ]
        for arguments in commands {
            let run = try SiftProcess.run(arguments + ["--json", "-"])
            #expect(run.status == 0, "\(arguments[0]): \(run.stderr)")
            let parsed = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
            #expect(parsed is [String: Any], "\(arguments[0]) --json - printed more than one JSON object: \(run.stdout.prefix(300))")
        }
    }
}
