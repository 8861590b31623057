import ArgumentParser
import Foundation
import SiftCore
import SiftDedup
import SiftReport

extension DedupMethod: ExpressibleByArgument {}
extension KeepPolicy: ExpressibleByArgument {}
extension ShingleUnit: ExpressibleByArgument {}

struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Remove exact and near-duplicate records (MinHash-LSH), keeping one per cluster.",
        discussion: """
        Texts are compared in canonical form (Unicode NFKC, case-folded, whitespace collapsed). The text of a \
        record is its document text, or for chat data its turns joined by newlines, or prompt and response \
        joined by a newline (--field NAME compares one field instead). Removed records go to --removed with \
        _sift.dedup {reason, cluster, duplicate_of, similarity}; kept + removed = input, always. Records \
        with a blank text or without one are kept and reported apart. See docs/dedup.md.
        """
    )

    @Argument(help: "Dataset files (read twice, so not standard input).")
    var files: [String]

    @Option(help: ArgumentHelp("Write the kept records here (JSON Lines).", valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("Write the removed records here, annotated with _sift.dedup, and malformed lines with _sift.reject.", valueName: "path"))
    var removed: String?

    /// The library's defaults, which every option below starts from (stated once, in `DedupOptions`).
    private static let defaults = DedupOptions()

    @Option(help: "exact (identical canonical texts), minhash (near-duplicates), or both.")
    var method = Self.defaults.method

    @Option(help: ArgumentHelp("The text to compare: auto (by dataset kind) or a field name.", valueName: "auto|name"))
    var field = "auto"

    @Option(name: .parameter(DedupOptions.Parameters.threshold), help: ArgumentHelp(DedupOptions.Parameters.threshold.help))
    var threshold = Self.defaults.threshold

    @Option(name: .parameter(DedupOptions.Parameters.ngram), help: ArgumentHelp(DedupOptions.Parameters.ngram.help))
    var ngram = Self.defaults.shingler.size

    @Option(help: "Shingle unit: word or char.")
    var shingle = Self.defaults.shingler.unit

    @Option(name: .parameter(DedupOptions.Parameters.numPerm), help: ArgumentHelp(DedupOptions.Parameters.numPerm.help))
    var numPerm = Self.defaults.numPerm

    @Option(name: .parameter(DedupOptions.Parameters.bands), help: ArgumentHelp(DedupOptions.Parameters.bands.help))
    var bands: Int?

    @Option(name: .parameter(DedupOptions.Parameters.rows), help: ArgumentHelp(DedupOptions.Parameters.rows.help))
    var rows: Int?

    @Option(help: "Seed of the MinHash permutations.")
    var seed = Self.defaults.seed

    @Flag(help: "Check candidate pairs by exact Jaccard of their shingles (one more read of the input).")
    var verify = Self.defaults.verify

    @Option(help: "Which record of a cluster to keep: first, longest or newest.")
    var keep = Self.defaults.keep

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var input: InputOptions

    func validate() throws {
        guard (bands == nil) == (rows == nil) else { throw ValidationError("--bands and --rows go together") }
        do {
            try DedupOptions.Parameters.ngram.check(ngram)  // before a Shingler is built from it
            try options.validate()
        } catch let error as ParameterError {
            throw ValidationError(error.message(naming: ParameterError.flag))
        }
        guard !files.contains("-") else { throw ValidationError("dedup reads its input twice: give a file, not standard input") }
    }

    var options: DedupOptions {
        var options = DedupOptions()
        options.method = method
        options.field = field == "auto" ? nil : field
        options.threshold = threshold
        options.shingler = Shingler(unit: shingle, size: ngram)
        options.numPerm = numPerm
        if let bands, let rows { options.banding = LSHParameters(bands: bands, rows: rows) }
        options.seed = seed
        options.verify = verify
        options.keep = keep
        return options
    }

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try reportingErrors {
            let started = Date()
            var deduplicator = Deduplicator(paths: files, readOptions: input.readOptions, options: options)
            let progress = PassProgress()
            deduplicator.progress = progress.update
            let report = try deduplicator.run(out: out, removed: removed)
            progress.finish()
            if report.withoutText.count > 0 {
                printError("sift: warning: \(report.withoutText.count) records have no \(report.compared) and were kept untouched "
                           + "(first: \(report.withoutText.references.prefix(3).joined(separator: ", ")))")
            }
            if jsonReport.printsSummary {
                print(report.render(on: .standardOutput, seconds: Date().timeIntervalSince(started), removedPath: removed))
            }
            try jsonReport.write(report.json)
        }
    }
}

/// One progress bar per pass over the input, replaced when the pass changes.
final class PassProgress {
    private var pass = ""
    private var bar: ProgressBar?

    func update(_ name: String, _ done: Int, _ total: Int?) {
        if name != pass {
            bar?.finish()
            pass = name
            bar = ProgressBar(label: name, total: total)
        }
        bar?.update(done)
    }

    func finish() { bar?.finish() }
}
