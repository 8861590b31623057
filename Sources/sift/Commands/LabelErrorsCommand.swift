import Foundation
import ArgumentParser
import SiftCore
import SiftReport
import SiftLearn

struct LabelErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label-errors",
        abstract: "Find likely wrong labels with confident learning (cleanlab's find_label_issues).",
        discussion: """
        Out-of-fold probabilities from Sift's built-in learner (--folds, stratified), or your own model's (--pred-probs: one \
        JSON array per record, in record order, classes in sorted order), then confident learning: per-class thresholds, \
        the confident joint and, by default, prune_by_noise_rate, as cleanlab.filter.find_label_issues does. Flagged \
        records are ranked by self-confidence, lowest first. Exit 0 whatever is found; --fail-above turns it into a gate. \
        See docs/learn.md.
        """
    )

    @Argument(help: "Dataset files.")
    var files: [String]

    @Option(help: ArgumentHelp("Field holding the class label.", valueName: "field"))
    var label: String

    @Option(help: ArgumentHelp("Field holding the text to classify (default: the kind's text).", valueName: "field"))
    var textField: String?

    @Option(help: ArgumentHelp("Predicted probabilities, one JSON array per record (instead of the built-in learner).", valueName: "path"))
    var predProbs: String?

    @Option(name: .parameter(CrossValidation.folds), help: ArgumentHelp(CrossValidation.folds.help))
    var folds = LabelErrorRemoval.defaultFolds

    @Option(help: "Rule: prune_by_noise_rate, prune_by_class, both, confident_learning or predicted_neq_given.")
    var filterBy = LabelErrorRemoval.defaultFilterBy

    @Option(help: "Random seed of the folds.")
    var seed = LabelErrorRemoval.defaultSeed

    @Option(help: ArgumentHelp("Write the flagged records as JSON Lines (id, given, suggested, self_confidence).", valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("Write the flagged records as a review file for `sift studio project create --review`.", valueName: "path"))
    var review: String?

    @Option(help: ArgumentHelp("Write the out-of-fold probabilities used, one JSON array per record.", valueName: "path"))
    var writePredProbs: String?

    @Option(help: ArgumentHelp("Exit 1 when more than this share of records is flagged.", valueName: "share"))
    var failAbove: Double?

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var htmlReport: HTMLReportOptions

    @OptionGroup var learner: LearnerOptions

    @OptionGroup var input: InputOptions

    func validate() throws {
        do {
            try CrossValidation.folds.check(folds)
        } catch let error as ParameterError {
            throw ValidationError(error.message(naming: ParameterError.flag))
        }
    }

    func run() throws {
        try reportingErrors {
            let data = try LabeledDataset.read(paths: files, labelField: label, textField: textField, readOptions: input.readOptions,
                                               keepLines: review != nil)
            let report = try LabelIssues.run(data, probabilitiesFile: predProbs, folds: folds, seed: seed, filterBy: filterBy,
                                             learner: learner.options())
            let title = files.joined(separator: ", ")
            if jsonReport.printsSummary { print(report.terminal(Terminal.standardOutput, title: title)) }
            if let out {
                var bytes: [UInt8] = []
                for line in report.issueLines() { JSONWriter().write(line, into: &bytes); bytes.append(0x0A) }
                try writeFileAtomically(out, bytes)
            }
            if let review {
                var bytes: [UInt8] = []
                for line in report.reviewLines() { JSONWriter().write(line, into: &bytes); bytes.append(0x0A) }
                try writeFileAtomically(review, bytes)
            }
            if let writePredProbs {
                let text = report.probabilities.map { row in JSONWriter().string(.array(row.map { .double($0) })) }.joined(separator: "\n") + "\n"
                try writeFileAtomically(writePredProbs, text)
            }
            try jsonReport.write(report.json)
            try htmlReport.write(report.html(title: title))
            if let failAbove, Double(report.flaggedCount) > failAbove * Double(report.records) {
                printError("sift: \(report.flaggedCount) of \(report.records) records flagged, more than --fail-above \(failAbove)")
                throw ExitCode(ExitStatus.gateFailed.rawValue)
            }
        }
    }
}

extension ConfidentLearning.FilterBy: ExpressibleByArgument {}
