import Foundation
import ArgumentParser
import SiftCore
import SiftReport
import SiftSplit
import SiftLearn

struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a dataset into train/validation/test without leakage: random, stratified, grouped.",
        discussion: """
        Writes <out-dir>/<name>.jsonl (or .parquet with --out-format parquet) per split and rejects.jsonl for malformed input. --group-by FIELD keeps \
        records sharing the field's value in one split; --group-by near-duplicates keeps every near-duplicate \
        cluster in one split. Seeded and deterministic. --drop-label-errors first removes the records \
        `sift label-errors` flags on the same data with the same options (--label, --text-field, --pred-probs, --folds, \
        --filter-by; its folds seeded by --seed) into rejects.jsonl, each with _sift.label_errors {given, suggested, \
        self_confidence}. See docs/learn.md.
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

    @Option(name: .parameter(SplitOptions.Parameters.threshold),
            help: ArgumentHelp(SplitOptions.Parameters.threshold.help + " Used with --group-by near-duplicates."))
    var threshold = SplitOptions.defaultThreshold

    @Option(help: "Random seed.")
    var seed = SplitOptions.defaultSeed

    @Flag(help: "Before splitting, remove the records `sift label-errors` flags (confident learning) into rejects.jsonl.")
    var dropLabelErrors = false

    @Option(help: ArgumentHelp("With --drop-label-errors: field holding the class label.", valueName: "field"))
    var label: String?

    @Option(help: ArgumentHelp("With --drop-label-errors: field holding the text to classify (default: the kind's text).", valueName: "field"))
    var textField: String?

    @Option(help: ArgumentHelp("With --drop-label-errors: predicted probabilities, one JSON array per record (instead of the built-in learner).",
                               valueName: "path"))
    var predProbs: String?

    @Option(name: .parameter(CrossValidation.folds),
            help: "With --drop-label-errors: cross-validation folds for the out-of-fold probabilities (default \(LabelErrorRemoval.defaultFolds)).")
    var folds: Int?

    @Option(help: "With --drop-label-errors: prune_by_noise_rate, prune_by_class, both, confident_learning or predicted_neq_given (default \(LabelErrorRemoval.defaultFilterBy.rawValue)).")
    var filterBy: ConfidentLearning.FilterBy?

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var input: InputOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try reportingErrors {
            let shares = try ratios.split(separator: ",").map { part -> Double in
                guard let value = Double(part.trimmingCharacters(in: .whitespaces)) else {
                    throw SiftError("--ratios: \"\(part)\" is not a number", status: .usage)
                }
                try SplitOptions.Parameters.ratio.check(value)  // a ParameterError: `reportingErrors` spells it as the flag, exit 64
                return value
            }
            try SplitOptions.Parameters.threshold.check(threshold)  // a ParameterError: `reportingErrors` spells it as the flag, exit 64
            let splitNames = names.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
                ?? SplitOptions.defaultNames(count: shares.count)
            let labelErrors = try labelErrorRemoval().map { try $0.find(paths: files, readOptions: input.readOptions) }
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            let grouping: SplitGrouping
            switch groupBy {
            case nil: grouping = .none
            case "near-duplicates": grouping = .groups(try NearDuplicateGroups.compute(paths: files, threshold: threshold, readOptions: input.readOptions))
            case let field?: grouping = .field(field)
            }
            let exclusions = labelErrors.map { SplitExclusions(annotationKey: LabelErrorRemoval.annotationKey, annotations: $0.removalAnnotations) }
            let options = SplitOptions(names: splitNames, ratios: shares, stratify: stratify, grouping: grouping, seed: seed, exclusions: exclusions)
            let report = try DatasetSplitter.split(paths: files, into: outDir, options: options, readOptions: input.readOptions,
                                                   fileExtension: outFormat.rawValue)
            if jsonReport.printsSummary {
                let terminal = Terminal.standardOutput
                var table = TextTable(["split", "records", "share", "groups"])
                let total = report.counts.reduce(0, +)
                for (i, name) in report.names.enumerated() {
                    table.add([name, Format.count(report.counts[i]), Format.percent(report.counts[i], of: total), Format.count(report.groupsPerSplit[i])])
                }
                print(terminal.bold("split \(files.joined(separator: ", "))") + terminal.dim("  → \(outDir)"))
                print(table.render(style: terminal.dim))
                if let labelErrors {
                    print(terminal.color("  \(Format.count(report.excluded)) likely label errors (of \(Format.count(labelErrors.records)) records; "
                                         + "\(labelErrors.filterBy.rawValue), \(labelErrors.probabilitySource)) written to \(outDir)/rejects.jsonl", .yellow))
                }
                if report.malformed > 0 { print(terminal.color("  \(report.malformed) malformed records written to \(outDir)/rejects.jsonl", .yellow)) }
                print(terminal.dim("  \(Format.count(report.groups)) groups, \(report.groupsInSeveralSplits) in more than one split"))
            }
            try jsonReport.write({
                guard let labelErrors, case .object(var object) = report.json else { return report.json }
                object["label_errors"] = labelErrors.removalSummary
                return .object(object)
            }())
        }
    }
}

extension SplitCommand {
    /// The label-error settings, when --drop-label-errors is on; its options alone are a usage error
    /// rather than silently ignored.
    func labelErrorRemoval() throws -> LabelErrorRemoval? {
        guard dropLabelErrors else {
            let stray = [("--label", label != nil), ("--text-field", textField != nil), ("--pred-probs", predProbs != nil),
                         ("--folds", folds != nil), ("--filter-by", filterBy != nil)].filter(\.1).map(\.0)
            if !stray.isEmpty {
                throw SiftError("\(stray.joined(separator: ", ")) only appl\(stray.count == 1 ? "ies" : "y") with --drop-label-errors", status: .usage)
            }
            return nil
        }
        guard let label else { throw SiftError("--drop-label-errors needs --label FIELD (the field holding the class label)", status: .usage) }
        let folds = folds ?? LabelErrorRemoval.defaultFolds
        try CrossValidation.folds.check(folds)  // a ParameterError: `reportingErrors` spells it as the flag, exit 64
        return LabelErrorRemoval(labelField: label, textField: textField, probabilitiesFile: predProbs, folds: folds,
                                 filterBy: filterBy ?? LabelErrorRemoval.defaultFilterBy, seed: seed)
    }
}

enum SplitFileFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, parquet
}
