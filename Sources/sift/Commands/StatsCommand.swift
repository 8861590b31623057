import ArgumentParser
import SiftCore
import SiftReport
import SiftStats

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Tell what is in a dataset: records, kind, fields, text lengths, labels, malformed lines.",
        discussion: """
        Reads JSON Lines (also .jsonl.gz), JSON documents (an array, or {"data": [...]}), CSV and TSV, \
        streaming. Malformed records are listed and the rest is read, unless --strict (exit status 65).
        """
    )

    @Argument(help: "Dataset files (- for standard input).")
    var files: [String]

    @OptionGroup var input: InputOptions

    @OptionGroup var jsonReport: JSONReportOptions

    @Flag(help: "Stop at the first malformed record with exit status 65.")
    var strict = false

    func run() throws {
        try reportingErrors {
            let stream = try DatasetStream(paths: files, options: input.readOptions)
            let bar = ProgressBar(label: "reading", total: stream.totalBytes)
            let stats = try StatsCollector.collect(stream, strict: strict, progress: bar.update)
            bar.finish()
            if jsonReport.printsSummary { print(stats.render(on: .standardOutput)) }
            try jsonReport.write(stats.json)
        }
    }
}
