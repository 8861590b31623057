import Foundation
import ArgumentParser
import SiftCore
import SiftReport
import SiftSplit

struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a dataset into train/validation/test without leakage: random, stratified, grouped.",
        discussion: """
        Writes <out-dir>/<name>.jsonl (or .parquet with --out-format parquet) per split and rejects.jsonl for malformed input. --group-by FIELD keeps \
        records sharing the field's value in one split; --group-by near-duplicates keeps every near-duplicate \
        cluster in one split. Seeded and deterministic.
        """
    )

    @Argument(help: "Dataset files.")
    var files: [String]

    @Option(help: ArgumentHelp("Split shares, comma-separated (normalised to sum to 1).", valueName: "r1,r2,..."))
    var ratios: String = "0.8,0.1,0.1"

    @Option(help: ArgumentHelp("Split names, comma-separated (default train,validation,test for three).", valueName: "n1,n2,..."))
    var names: String?

    @Option(help: ArgumentHelp("Directory for the split files.", valueName: "dir"))
    var outDir: String

    @Option(help: "Format of the split files: jsonl or parquet (rejects.jsonl stays JSON Lines).")
    var outFormat: SplitFileFormat = .jsonl

    @Option(help: ArgumentHelp("Keep each value's proportions equal across splits: `label` or a field name.", valueName: "field"))
    var stratify: String?

    @Option(help: ArgumentHelp("Keep groups in one split: a field name, or near-duplicates.", valueName: "near-duplicates|field"))
    var groupBy: String?

    @Option(help: "Jaccard threshold for --group-by near-duplicates.")
    var threshold: Double = 0.8

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Also write the report as JSON to this file (- for standard output).", valueName: "path"))
    var json: String?

    @OptionGroup var input: InputOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try reportingErrors {
            let shares = try ratios.split(separator: ",").map { part -> Double in
                guard let value = Double(part.trimmingCharacters(in: .whitespaces)) else {
                    throw SiftError("--ratios: \"\(part)\" is not a number", status: .usage)
                }
                return value
            }
            let splitNames = names.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
                ?? SplitOptions.defaultNames(count: shares.count)
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            let grouping: SplitGrouping
            switch groupBy {
            case nil: grouping = .none
            case "near-duplicates": grouping = .groups(try NearDuplicateGroups.compute(paths: files, threshold: threshold, readOptions: input.readOptions))
            case let field?: grouping = .field(field)
            }
            let options = SplitOptions(names: splitNames, ratios: shares, stratify: stratify, grouping: grouping, seed: seed)
            let report = try DatasetSplitter.split(paths: files, into: outDir, options: options, readOptions: input.readOptions,
                                                   fileExtension: outFormat.rawValue)
            let terminal = Terminal.standardOutput
            var table = TextTable(["split", "records", "share", "groups"])
            let total = report.counts.reduce(0, +)
            for (i, name) in report.names.enumerated() {
                table.add([name, Format.count(report.counts[i]), Format.percent(report.counts[i], of: total), Format.count(report.groupsPerSplit[i])])
            }
            print(terminal.bold("split \(files.joined(separator: ", "))") + terminal.dim("  → \(outDir)"))
            print(table.render(style: terminal.dim))
            if report.malformed > 0 { print(terminal.color("  \(report.malformed) malformed records written to \(outDir)/rejects.jsonl", .yellow)) }
            print(terminal.dim("  \(Format.count(report.groups)) groups, \(report.groupsInSeveralSplits) in more than one split"))
            if let json {
                let text = JSONWriter(style: .pretty).string(report.json) + "\n"
                if json == "-" { print(text, terminator: "") } else { try writeFileAtomically(json, text) }
            }
        }
    }
}

enum SplitFileFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, parquet
}
