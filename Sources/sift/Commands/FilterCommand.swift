import ArgumentParser
import SiftClean
import SiftCore
import SiftReport
#if canImport(Glibc)
import Glibc
#endif

struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Remove low-quality records by published rules (Gopher, C4, FineWeb) and instruction-data rules.",
        discussion: """
        Rule sets: gopher-quality, gopher-repetition, c4, fineweb (decisions match datatrove's filters, \
        words counted with spaCy's English tokenizer rules), instruction (empty, short, refusing, echoing, \
        looping responses, unbalanced code fences, wrong role order). Every threshold can be changed with \
        --set RULESET.PARAMETER=VALUE (VALUE 'off' disables a check); docs/filters.md lists them all.
        Kept records are written unchanged (from JSON Lines: their lines, byte for byte); removed records \
        (and malformed lines) go to --removed with \
        _sift.filter = {rule, value, threshold, also}.
        """
    )

    @Argument(help: "Dataset files (- for standard input).")
    var files: [String]

    @Option(help: ArgumentHelp("Where to write the kept records (JSON Lines).", valueName: "path"))
    var out: String

    @Option(help: ArgumentHelp("Where to write the removed records and malformed lines, with their reasons.", valueName: "path"))
    var removed: String?

    @Option(help: ArgumentHelp("Rule sets to run, comma-separated, in attribution order.", valueName: "list"))
    var rules: String = "gopher-quality,gopher-repetition,c4,fineweb"

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a threshold: RULESET.PARAMETER=VALUE (repeatable).", valueName: "assignment"))
    var assignments: [String] = []

    @Option(help: ArgumentHelp("Field holding the text the document rule sets read (default: the record's text, or its response for instruction data).", valueName: "name"))
    var field: String?

    @OptionGroup var input: InputOptions

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try reportingErrors {
            var configuration = FilterConfiguration(ruleSets: try RuleSetName.parseList(rules), textField: field)
            for assignment in assignments { try configuration.set(assignment) }
            var options = input.readOptions
            options.keepsSourceLines = true
            let stream = try DatasetStream(paths: files, options: options)
            let kind = try stream.detectKind()
            if configuration.ruleSets.contains(.instruction), !kind.isInstructionData {
                throw SiftError("the instruction rule set needs prompt/response data (chat, sharegpt, alpaca, prompt_completion); \(files.joined(separator: ", ")) looks like \(kind.rawValue)", status: .dataError)
            }
            let keptWriter = try DatasetWriter(path: out)
            let removedWriter = try removed.map { try DatasetWriter(path: $0) }
            let bar = ProgressBar(label: "filtering", total: stream.totalBytes)
            let start = Self.now()
            let report = try FilterPipeline.run(stream, kind: kind, configuration: configuration, kept: keptWriter,
                                                removed: removedWriter, progress: bar.update)
            bar.finish()
            try keptWriter.close()
            try removedWriter?.close()
            let seconds = Self.now() - start
            if jsonReport.printsSummary { print(report.render(on: .standardOutput, seconds: seconds)) }
            try jsonReport.write(report.json)
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
