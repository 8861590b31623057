import Foundation
import ArgumentParser
import SiftCore
import SiftReport
import SiftLearn
import SiftDedup

struct CurveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curve",
        abstract: "How much data do you need? Train on growing subsets, plot the metric, forecast the size a target needs.",
        discussion: """
        Trains Sift's built-in learner (logistic regression on hashed word and character n-grams) on nested, \
        stratified subsets of --sizes records, --repeats times with different seeds, and scores each on a held-out set \
        (--eval, or a stratified fold per repeat) that is never drawn into training; training records that are \
        near-duplicates of held-out ones are left out. Fits error(n) = a*n^(-b) + c and forecasts the size --target needs. \
        With --train-command your own command scores each subset instead (results cached per subset in --cache, so a rerun \
        resumes; a failing command stops the curve with exit status 70). \
        See docs/learn.md.
        """
    )

    @Argument(help: "Dataset files (the training pool).")
    var files: [String]

    @Option(help: ArgumentHelp("Field holding the class label.", valueName: "field"))
    var label: String

    @Option(help: ArgumentHelp("Field holding the text to classify (default: the kind's text).", valueName: "field"))
    var textField: String?

    /// The library's defaults, which the options below start from (stated once, in `CurveOptions`).
    private static let defaults = CurveOptions()

    @Option(help: ArgumentHelp("Training sizes, comma-separated; sizes beyond the data are dropped with a warning.", valueName: "n1,n2,..."))
    var sizes = Self.defaults.sizes.map(String.init).joined(separator: ",")

    @Option(help: "Subsets per size, each with its own seed.")
    var repeats = Self.defaults.repeats

    @Option(help: ArgumentHelp("Held-out evaluation file(s); without it, repeat r holds out stratified fold r of --folds.", valueName: "path"))
    var eval: [String] = []

    @Option(name: .parameter(CrossValidation.folds), help: ArgumentHelp(CrossValidation.folds.help + " Used when no --eval is given."))
    var folds = Self.defaults.folds

    @Option(help: "Metric: accuracy or macro_f1.")
    var metric = Self.defaults.metric

    @Option(help: "Metric to forecast the data size for.")
    var target = Self.defaults.target

    @Option(help: "Random seed.")
    var seed = Self.defaults.seed

    @OptionGroup var jsonReport: JSONReportOptions

    @OptionGroup var htmlReport: HTMLReportOptions

    @Option(help: ArgumentHelp("Score each subset with your own command instead of the built-in learner: {train} and {eval} become the paths of JSON Lines files Sift writes; the command prints a line {\"metric\": x} (x in [0, 1], higher is better).", valueName: "command"))
    var trainCommand: String?

    @Option(help: ArgumentHelp("Where --train-command's subsets, logs and results are cached (a rerun resumes from it).", valueName: "dir"))
    var cache: String = ".sift-curve-cache"

    @Option(help: .hidden)
    var exportFeatures: String?

    @OptionGroup var learner: LearnerOptions

    @OptionGroup var input: InputOptions

    func validate() throws {
        do {
            if eval.isEmpty { try CrossValidation.folds.check(folds) }
        } catch let error as ParameterError {
            throw ValidationError(error.message(naming: ParameterError.flag))
        }
    }

    func run() throws {
        try reportingErrors {
            var options = CurveOptions()
            options.sizes = try sizes.split(separator: ",").map { part in
                guard let n = Int(part.trimmingCharacters(in: .whitespaces)), n > 0 else {
                    throw SiftError("--sizes: \"\(part)\" is not a positive whole number", status: .usage)
                }
                return n
            }
            options.repeats = repeats
            options.folds = folds
            options.metric = metric
            options.target = target
            options.seed = seed
            options.learner = try learner.options()
            let trainer = try trainCommand.map { try ExternalTrainer(template: $0, cacheDirectory: cache) }
            let keepLines = trainer != nil
            let detector = NearDuplicateDetector(threshold: options.leakageThreshold)
            let train = try LabeledDataset.read(paths: files, labelField: label, textField: textField, readOptions: input.readOptions, detector: detector,
                                                keepLines: keepLines)
            let evalSet = try eval.isEmpty ? nil : LabeledDataset.read(paths: eval, labelField: label, textField: textField, readOptions: input.readOptions,
                                                                    classNames: train.classNames, detector: detector, keepLines: keepLines)
            if let exportFeatures {
                try FileManager.default.createDirectory(atPath: exportFeatures, withIntermediateDirectories: true)
                try writeFileAtomically(exportFeatures + "/train.svm", FeatureExport.svmlight(train.features, labels: train.labels))
                if let evalSet { try writeFileAtomically(exportFeatures + "/eval.svm", FeatureExport.svmlight(evalSet.features, labels: evalSet.labels)) }
            }
            let report = try LearningCurve.run(train: train, eval: evalSet, options: options, trainer: trainer,
                                               warn: { printError("sift: warning: \($0)") }, progress: { printError("sift: curve: \($0)") })
            let title = files.joined(separator: ", ")
            if jsonReport.printsSummary { print(report.terminal(Terminal.standardOutput, title: title)) }
            try jsonReport.write(report.json)
            try htmlReport.write(report.html(title: title))
        }
    }
}

extension CurveMetric: ExpressibleByArgument {}
